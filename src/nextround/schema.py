"""The taxonomy as types: one source of names for labels, fields and records.

Labels follow ../shared/taxonomy.md (v1.1); the JSON shape follows contract.md.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, get_args

SCHEMA = "nextround.analysis/1"

Category = Literal[
    "rejection",
    "application_received",
    "interview_invitation",
    "assessment_invitation",
    "offer",
    "recruiter_outreach",
    "job_alert",
    "other",
]
Reason = Literal[
    "skills_gap",
    "experience_fit",
    "interview_performance",
    "assessment_result",
    "culture_fit",
    "position_filled",
    "role_change",
    "compensation",
    "logistics",
    "eligibility",
    "no_reason_given",
]
Stage = Literal["application", "screen", "assessment", "interview", "final", "unknown"]
SkillGroup = Literal[
    "technical", "tool", "method", "language", "certification", "soft", "domain"
]

CATEGORIES: tuple[str, ...] = get_args(Category)
REASONS: tuple[str, ...] = get_args(Reason)
STATED_REASONS: tuple[str, ...] = tuple(r for r in REASONS if r != "no_reason_given")
STAGES: tuple[str, ...] = get_args(Stage)
SKILL_GROUPS: tuple[str, ...] = get_args(SkillGroup)
BOOLEAN_FIELDS: tuple[str, ...] = ("future_opportunities", "feedback_available")
# Categories that count as job mail (everything but `other`, which also holds
# job-related mail that fits nowhere else; the detector decides that case).
JOB_CATEGORIES: tuple[str, ...] = tuple(c for c in CATEGORIES if c != "other")


@dataclass(frozen=True)
class Message:
    """One message as read from any input, before analysis."""

    text: str
    subject: str = ""
    sender: str = ""
    date: str | None = None
    id: str | None = None
    html: str | None = None
    source: str | None = None
    carried: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


@dataclass(frozen=True)
class ReasonFinding:
    label: str
    confidence: float
    evidence: list[str]


@dataclass(frozen=True)
class SkillGap:
    text: str
    canonical: str
    evidence: str
    group: str | None = None
    source_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "canonical": self.canonical, "evidence": self.evidence}


@dataclass(frozen=True)
class LearningStep:
    skill: str
    steps: list[str]


@dataclass(frozen=True)
class FocusArea:
    area: str
    why: str
    practice: list[str]


@dataclass(frozen=True)
class Suggestions:
    learning_steps: list[LearningStep] = field(default_factory=list)
    mock_interview_focus: list[FocusArea] = field(default_factory=list)
    next_actions: list[str] = field(default_factory=list)
    feedback_draft: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "learning_steps": [asdict(s) for s in self.learning_steps],
            "mock_interview_focus": [asdict(f) for f in self.mock_interview_focus],
            "next_actions": list(self.next_actions),
        }


@dataclass(frozen=True)
class Analysis:
    """What nextround says about one message; `to_dict()` is the contract's JSON."""

    id: str | None = None
    category: str = "other"
    confidence: float = 0.0
    reasons: list[ReasonFinding] = field(default_factory=list)
    skill_gaps: list[SkillGap] = field(default_factory=list)
    stage: str = "unknown"
    reapply_after_months: int | None = None
    future_opportunities: bool = False
    feedback_available: bool = False
    company: str | None = None
    role: str | None = None
    suggestions: Suggestions = field(default_factory=Suggestions)
    error: str | None = None

    @property
    def is_rejection(self) -> bool:
        return self.category == "rejection"

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "id": self.id,
            "category": self.category,
            "is_rejection": self.is_rejection,
            "confidence": round(float(self.confidence), 4),
            "reasons": [
                {"label": r.label, "confidence": round(float(r.confidence), 4), "evidence": list(r.evidence)}
                for r in self.reasons
            ],
            "skill_gaps": [g.to_dict() for g in self.skill_gaps],
            "stage": self.stage,
            "reapply_after_months": self.reapply_after_months,
            "future_opportunities": bool(self.future_opportunities),
            "feedback_available": bool(self.feedback_available),
            "company": self.company,
            "role": self.role,
            "suggestions": self.suggestions.to_dict(),
            "error": self.error,
        }


def error_analysis(message_id: str | None, error: str) -> Analysis:
    """The record written for a message that could not be read or analysed."""
    return Analysis(id=message_id, category="other", error=error)
