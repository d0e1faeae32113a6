"""Check annotated JSONL files against corpora/SCHEMA.md and the taxonomy.

    python corpora/validate.py corpora/annotated/*.jsonl

Prints one line per problem and a count summary; exits 1 when a problem is found.
"""
from __future__ import annotations

import collections
import html
import json
import re
import sys

CATEGORIES = {"rejection", "application_received", "interview_invitation", "assessment_invitation",
              "offer", "recruiter_outreach", "job_alert", "other"}
REASONS = {"skills_gap", "experience_fit", "interview_performance", "assessment_result", "culture_fit",
           "position_filled", "role_change", "compensation", "logistics", "eligibility", "no_reason_given"}
STAGES = {"application", "screen", "assessment", "interview", "final", "unknown"}
FIELDS = {"id", "subject", "sender", "text", "format", "category", "is_rejection", "reasons", "evidence",
          "skill_gaps", "stage", "reapply_after_months", "future_opportunities", "feedback_available",
          "company", "role", "voice", "author", "split"}


def visible(text: str, fmt: str) -> str:
    if fmt == "html":
        text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
        text = re.sub(r"(?s)<[^>]+>", " ", text)
        text = html.unescape(text)
    return re.sub(r"\s+", " ", text)


def problems(rec: dict) -> list[str]:
    out = []
    missing = FIELDS - rec.keys()
    if missing:
        return [f"missing fields {sorted(missing)}"]
    if rec["category"] not in CATEGORIES:
        out.append(f"bad category {rec['category']!r}")
    if rec["is_rejection"] != (rec["category"] == "rejection"):
        out.append("is_rejection disagrees with category")
    bad = set(rec["reasons"]) - REASONS
    if bad:
        out.append(f"bad reasons {sorted(bad)}")
    if rec["is_rejection"] and not rec["reasons"]:
        out.append("rejection without reasons (use no_reason_given)")
    if not rec["is_rejection"] and (rec["reasons"] or rec["skill_gaps"] or rec["stage"] != "unknown"):
        out.append("non-rejection with reasons, skill gaps or a stage")
    if "no_reason_given" in rec["reasons"] and len(rec["reasons"]) > 1:
        out.append("no_reason_given must stand alone")
    if rec["stage"] not in STAGES:
        out.append(f"bad stage {rec['stage']!r}")
    if rec["format"] not in ("text", "html"):
        out.append("format must be text or html")
    if rec["split"] not in ("train", "dev", "test"):
        out.append("split must be train, dev or test")
    if rec["author"] not in ("generator", "handwritten"):
        out.append("author must be generator or handwritten")
    months = rec["reapply_after_months"]
    if months is not None and (not isinstance(months, int) or months < 0):
        out.append("reapply_after_months must be a non-negative int or null")
    seen = visible(rec["text"], rec["format"])
    for label, sentences in rec["evidence"].items():
        if label not in rec["reasons"] or label == "no_reason_given":
            out.append(f"evidence for {label} which is not a stated reason")
        for s in sentences:
            if re.sub(r"\s+", " ", s).strip() not in seen:
                out.append(f"evidence not in text: {s[:60]!r}")
    for label in rec["reasons"]:
        if label != "no_reason_given" and not rec["evidence"].get(label):
            out.append(f"no evidence for {label}")
    for gap in rec["skill_gaps"]:
        if set(gap) != {"text", "canonical"} or gap["canonical"] != gap["canonical"].lower():
            out.append(f"bad skill gap {gap}")
        elif gap["text"].lower() not in seen.lower():
            out.append(f"skill gap text not in text: {gap['text']!r}")
    return out


def main(paths: list[str]) -> int:
    count = collections.Counter()
    ids: set[str] = set()
    failed = 0
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    print(f"{path}:{n}: not JSON: {exc}")
                    failed += 1
                    continue
                found = problems(rec)
                if rec.get("id") in ids:
                    found.append(f"duplicate id {rec.get('id')}")
                ids.add(rec.get("id"))
                for p in found:
                    print(f"{path}:{n}: {rec.get('id')}: {p}")
                failed += bool(found)
                count[rec.get("category")] += 1
                for r in rec.get("reasons", []):
                    count["reason:" + r] += 1
    print(dict(sorted(count.items())))
    print(f"{sum(1 for _ in ids)} records, {failed} with problems")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
