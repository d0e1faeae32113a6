"""The contract's JSON schema for one analysis, checked field by field."""
from __future__ import annotations

from nextround.schema import CATEGORIES, REASONS, SCHEMA, STAGES

FIELDS = ["schema", "id", "category", "is_rejection", "confidence", "reasons", "skill_gaps", "stage",
          "reapply_after_months", "future_opportunities", "feedback_available", "company", "role",
          "suggestions", "error"]


def check_analysis(d: dict) -> None:
    assert list(d)[: len(FIELDS)] == FIELDS
    assert d["schema"] == SCHEMA
    assert d["id"] is None or isinstance(d["id"], str)
    assert d["category"] in CATEGORIES
    assert d["is_rejection"] is (d["category"] == "rejection")
    assert 0.0 <= d["confidence"] <= 1.0
    for r in d["reasons"]:
        assert set(r) == {"label", "confidence", "evidence"} and r["label"] in REASONS
        assert 0.0 <= r["confidence"] <= 1.0 and all(isinstance(e, str) for e in r["evidence"])
    labels = [r["label"] for r in d["reasons"]]
    assert "no_reason_given" not in labels or labels == ["no_reason_given"]
    for g in d["skill_gaps"]:
        assert set(g) == {"text", "canonical", "evidence"} and g["canonical"] == g["canonical"].lower()
    assert d["stage"] in STAGES
    assert d["reapply_after_months"] is None or isinstance(d["reapply_after_months"], int)
    assert isinstance(d["future_opportunities"], bool) and isinstance(d["feedback_available"], bool)
    assert d["company"] is None or isinstance(d["company"], str)
    assert d["role"] is None or isinstance(d["role"], str)
    s = d["suggestions"]
    assert set(s) == {"learning_steps", "mock_interview_focus", "next_actions"}
    for step in s["learning_steps"]:
        assert set(step) == {"skill", "steps"} and step["steps"]
    for focus in s["mock_interview_focus"]:
        assert set(focus) == {"area", "why", "practice"} and len(focus["practice"]) >= 3
    assert all(isinstance(a, str) for a in s["next_actions"])
    assert d["error"] is None or isinstance(d["error"], str)
    if not d["is_rejection"]:
        assert d["stage"] == "unknown" and not d["reasons"]
