"""The "so what": the three most useful focus areas for the coming weeks, each with its counts.

No pattern is claimed from fewer than MIN_REJECTIONS rejections, and a focus area
needs at least MIN_SUPPORT rejections behind it. The wording tables are data: a
coach can change them without touching the logic.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from nextround import aggregate
from nextround.report import REASON_NAMES

MIN_REJECTIONS = 5  # below this many rejections we show numbers but claim no pattern
MIN_SUPPORT = 2  # a focus area needs at least this many rejections behind it
LIMIT = 3

# reason label -> (focus area, suggested actions). Wording: kind, concrete, about next steps.
REASON_FOCUS: dict[str, tuple[str, list[str]]] = {
    "skills_gap": ("Build hands-on evidence for the skills employers ask about",
                   ["Pick one named skill and ship a small, public project with it.",
                    "Add a line on the CV that shows the skill in use, with a result."]),
    "experience_fit": ("Aim at roles that match the experience you have now",
                       ["Compare the last few job ads with the CV: seniority, years, domain.",
                        "Lead the CV with the experience closest to the roles you target."]),
    "interview_performance": ("Practise interview answers with concrete examples",
                              ["Write five STAR stories with numbers, and rehearse them aloud.",
                               "Book a mock interview and ask for honest notes."]),
    "assessment_result": ("Prepare for take-home tasks and tests",
                          ["Do two timed practice tasks of the kind these employers set.",
                           "Review a finished task against a checklist before sending it."]),
    "culture_fit": ("Research teams and ways of working before applying",
                    ["Prepare a short, honest story of how you like to work.",
                     "Ask each interviewer what makes people thrive in the team."]),
    "position_filled": ("Apply earlier in the hiring window",
                        ["Set alerts and apply in the first week a role is posted.",
                         "Ask a contact for an introduction before applying."]),
    "role_change": ("Favour employers that are hiring steadily",
                    ["Check recent hiring news before investing time in an application.",
                     "Keep in touch: paused roles often reopen."]),
    "compensation": ("Align salary expectations early",
                     ["Look up the published range, and ask about it at the first call.",
                      "Prepare a range with a clear reason for its floor."]),
    "logistics": ("Check location, visa and start-date terms before applying",
                  ["Filter searches by location and sponsorship.",
                   "State availability and work authorisation clearly on the CV."]),
    "eligibility": ("Get documents and checks ready in advance",
                    ["Keep references, certificates and IDs ready to send.",
                     "Read the requirements list twice before applying."]),
}
STAGE_FOCUS: dict[str, tuple[str, list[str]]] = {
    "application": ("Strengthen the CV and targeting", ["Tailor the CV's first third to each ad.",
                                                        "Apply to fewer, closer-fitting roles."]),
    "screen": ("Sharpen the first conversation", ["Practise a two-minute pitch for the role.",
                                                  "Prepare salary, notice and motivation answers."]),
    "assessment": ("Prepare for assessments", ["Practise timed tasks of the usual kind."]),
    "interview": ("Practise interviews", ["Run two mock interviews with feedback before the next one."]),
    "final": ("Close strongly in final rounds", ["Prepare questions and a clear 'why this team' story.",
                                                 "Brief referees before they are called."]),
}
NO_REASON_FOCUS = ("Ask for feedback after each rejection",
                   ["Send a short, friendly note asking for one thing to improve.",
                    "A missing reason is common and says nothing about you; the reply can."])
FEEDBACK_FOCUS = ("Take up the feedback that was offered",
                  ["Reply to each offer within a week and book the call.",
                   "Note the one point each call raises and track it here."])
KIND_WEIGHT = {"skill": 1.0, "reason": 1.0, "stage": 0.9, "feedback": 0.8, "no_reason": 0.7}


@dataclass(frozen=True)
class Focus:
    area: str
    why: str
    count: int
    total: int
    kind: str
    key: str
    actions: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def sample_note(total: int) -> str:
    """What the output says about the minimum sample size."""
    if total < MIN_REJECTIONS:
        return (f"{total} rejection{'s' if total != 1 else ''} so far: patterns are only suggested from "
                f"{MIN_REJECTIONS} rejections, so no focus areas yet.")
    return f"Based on {total} rejections (patterns are only suggested from {MIN_REJECTIONS})."


def focus_areas(df: pd.DataFrame, client: str | None = None, limit: int = LIMIT) -> list[Focus]:
    """The LIMIT most useful focus areas for CLIENT (all clients when None), strongest first."""
    scope = df.pipe(aggregate.rejections).pipe(aggregate.for_client, client)
    if len(scope) < MIN_REJECTIONS:
        return []
    found = [f for f in candidates(scope) if f.count >= MIN_SUPPORT]
    found.sort(key=lambda f: (-f.count * KIND_WEIGHT[f.kind], f.kind, f.key))
    return found[:limit]


def candidates(scope: pd.DataFrame) -> list[Focus]:
    """Every possible focus area of a set of rejections, with its counts."""
    total = len(scope)
    found = skill_candidates(scope, total)
    found += reason_candidates(scope, total, skip_skills_gap=bool(found))
    found += stage_candidates(scope, total)
    no_reason = int(scope["reasons"].map(lambda r: not [x for x in r if x != "no_reason_given"]).sum())
    found.append(Focus(NO_REASON_FOCUS[0], f"{no_reason} of {total} rejections gave no reason.",
                       no_reason, total, "no_reason", "no_reason_given", NO_REASON_FOCUS[1]))
    offered = int(scope["feedback_available"].sum())
    found.append(Focus(FEEDBACK_FOCUS[0], f"{offered} of {total} rejections offered feedback.",
                       offered, total, "feedback", "feedback_offered", FEEDBACK_FOCUS[1]))
    return found


def skill_candidates(scope: pd.DataFrame, total: int) -> list[Focus]:
    counts = scope["skills"].explode().dropna().value_counts()
    return [Focus(f"Build hands-on evidence in {skill}",
                  f"{skill} was named as a gap in {n} of {total} rejections.", int(n), total, "skill", skill,
                  [f"Do one small project with {skill} and link it from the CV.",
                   f"Prepare a two-minute story of using {skill}, even in a course or side project."])
            for skill, n in counts.items()]


def reason_candidates(scope: pd.DataFrame, total: int, skip_skills_gap: bool) -> list[Focus]:
    counts = scope["reasons"].explode().dropna().value_counts()
    return [Focus(REASON_FOCUS[label][0],
                  f"{REASON_NAMES[label]} was stated in {n} of {total} rejections.",
                  int(n), total, "reason", label, REASON_FOCUS[label][1])
            for label, n in counts.items()
            if label in REASON_FOCUS and not (label == "skills_gap" and skip_skills_gap)]


def stage_candidates(scope: pd.DataFrame, total: int) -> list[Focus]:
    """The stage where most rejections came, when one stands out (at least half of the stated ones)."""
    known = scope[scope["stage"] != "unknown"]["stage"].value_counts()
    if known.empty or known.iloc[0] * 2 < known.sum():
        return []
    stage, n = known.index[0], int(known.iloc[0])
    area, actions = STAGE_FOCUS[stage]
    return [Focus(area, f"{n} of {total} rejections came at the {stage} stage.", n, total, "stage", stage,
                  actions)]


def focus_by_client(df: pd.DataFrame) -> dict[str, list[Focus]]:
    """Focus areas per client, and across clients under aggregate.ALL."""
    clients = sorted(df["client"].dropna().unique())
    found = {c: focus_areas(df, c) for c in clients}
    found[aggregate.ALL] = focus_areas(df)
    return found
