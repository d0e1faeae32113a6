"""Accuracy of nextround's company, role and reapply_after_months extraction.

Inputs are built the way the pipeline builds them: subject = record["subject"],
body = clean_body(text) (clean_body("", text) when format is html), sentences =
split_sentences(body), sender = record["sender"]. Company and role are scored
over records whose category is not `other`, reapply_after_months over
rejections. A string matches when equal after lower-casing and removing
punctuation; None must match None.

Usage: python scripts/eval_fields.py FILE.jsonl [...] [--split train,dev]
       [--author handwritten] [--errors]
(--errors prints id, field, gold and predicted value, never the text.)
"""
from __future__ import annotations

import argparse
import json
import re
import sys

from nextround import extract
from nextround.clean import clean_body
from nextround.sentences import split_sentences

_PUNCT = re.compile(r"[^\w\s]")


def norm(value: object) -> object:
    if value is None or isinstance(value, int):
        return value
    text = " ".join(_PUNCT.sub(" ", str(value).lower()).split())
    return text or None


def load(paths: list[str], splits: set[str] | None, author: str | None) -> list[dict]:
    records = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                rec = json.loads(line)
                if splits is not None and rec.get("split") not in splits:
                    continue
                if author and rec.get("author") != author:
                    continue
                records.append(rec)
    return records


def predict(rec: dict) -> dict:
    text = rec.get("text") or ""
    body = clean_body("", text) if rec.get("format") == "html" else clean_body(text)
    subject, sender = rec.get("subject") or "", rec.get("sender") or ""
    return {"company": extract.company(subject, body, sender), "role": extract.role(subject, body),
            "reapply_after_months": extract.reapply_after_months(split_sentences(body))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("--split", help="comma-separated splits to keep (default: all)")
    ap.add_argument("--author", help="keep only this author")
    ap.add_argument("--errors", action="store_true", help="list mismatches (values only)")
    args = ap.parse_args(argv)
    splits = set(args.split.split(",")) if args.split else None
    records = load(args.files, splits, args.author)
    tally = {f: [0, 0] for f in ("company", "role", "reapply_after_months")}
    for rec in records:
        if rec.get("category") == "other":
            continue
        pred = predict(rec)
        fields = ["company", "role"] + (["reapply_after_months"] if rec.get("category") == "rejection" else [])
        for field in fields:
            ok = norm(pred[field]) == norm(rec.get(field))
            tally[field][0] += ok
            tally[field][1] += 1
            if args.errors and not ok:
                print(f"{rec.get('id')}\t{field}\tgold={rec.get(field)!r}\tpred={pred[field]!r}")
    print(f"records: {len(records)}")
    for field, (good, total) in tally.items():
        print(f"{field:22s} {good:5d}/{total:<5d} {good / total if total else 0:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
