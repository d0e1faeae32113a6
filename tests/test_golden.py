"""Golden emails: tests/emails/<source>-<case>.(txt|eml) beside <name>.expected.json.

Confidences are left out of the comparison (they move when the model is
retrained); labels, evidence, fields and suggestions' shape are compared.
Run `pytest tests/test_golden.py --regen` to rewrite the expected files, then
review the diff.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import nextround
from nextround.ingest import read_path

EMAILS = Path(__file__).parent / "emails"
CASES = sorted(p for p in EMAILS.iterdir() if p.suffix in (".txt", ".eml"))


def comparable(d: dict) -> dict:
    d = dict(d)
    d.pop("confidence")
    d["reasons"] = [{k: v for k, v in r.items() if k != "confidence"} for r in d["reasons"]]
    s = d.pop("suggestions")
    d["suggests"] = {"learning_skills": [x["skill"] for x in s["learning_steps"]],
                     "focus_areas": [x["area"] for x in s["mock_interview_focus"]],
                     "n_actions": len(s["next_actions"])}
    return d


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_golden(path: Path, regen: bool):
    message = next(iter(read_path(path)))
    got = comparable(nextround.analyze(message).to_dict())
    expected_path = path.with_name(path.stem + ".expected.json")
    if regen or not expected_path.exists():
        expected_path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        pytest.skip("expected file written; review the diff")
    assert got == json.loads(expected_path.read_text(encoding="utf-8"))
