"""Counts for the datasheet in corpora/README.md, as Markdown tables.

    python corpora/stats.py corpora/annotated/*.jsonl
"""
from __future__ import annotations

import collections
import json
import sys


def load(paths: list[str]) -> list[dict]:
    return [json.loads(line) for p in paths for line in open(p, encoding="utf-8") if line.strip()]


def table(title: str, rows: dict, splits: list[str], counts: dict) -> str:
    head = f"| {title} | " + " | ".join(splits) + " | all |\n|---|" + "---|" * (len(splits) + 1)
    body = [f"| {key} | " + " | ".join(str(counts[s].get(key, 0)) for s in splits) + f" | {rows[key]} |"
            for key in sorted(rows, key=lambda k: -rows[k])]
    return "\n".join([head, *body])


def main(paths: list[str]) -> None:
    records = load(paths)
    splits = ["train", "dev", "test"]
    fields = {
        "category": lambda r: [r["category"]],
        "reason (rejections)": lambda r: r["reasons"],
        "stage (rejections)": lambda r: [r["stage"]] if r["is_rejection"] else [],
        "author": lambda r: [r["author"]],
        "format": lambda r: [r["format"]],
        "field (rejections)": lambda r: ([f"future_opportunities={r['future_opportunities']}",
                                          f"feedback_available={r['feedback_available']}",
                                          "reapply_after_months set" if r["reapply_after_months"] is not None else None,
                                          "company named" if r["company"] else None, "role named" if r["role"] else None,
                                          "names skill gaps" if r["skill_gaps"] else None,
                                          "two or more reasons" if len(r["reasons"]) > 1 else None]
                                         if r["is_rejection"] else []),
    }
    for title, get in fields.items():
        per = {s: collections.Counter(v for r in records if r["split"] == s for v in get(r) if v) for s in splits}
        total = collections.Counter(v for r in records for v in get(r) if v)
        print(table(title, total, splits, per), end="\n\n")
    skills = {g["canonical"] for r in records for g in r["skill_gaps"]}
    print(f"{len(records)} messages; {len(skills)} distinct canonical skills named as gaps.")


if __name__ == "__main__":
    main(sys.argv[1:])
