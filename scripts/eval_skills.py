"""Precision/recall of nextround.skills.find_skill_gaps on annotated JSONL files.

Each record needs `text`, `category` and `skill_gaps` ([{text, canonical}]).
Only messages whose category is `rejection` count (micro-averaged). A
predicted gap matches a gold gap when their canonical names are equal after
lower-casing, one contains the other, or canonicalize() maps both to the same
skill. Each gold gap is matched at most once. HTML records are stripped of
tags first; text is split into sentences with a simple regex.

Usage: python scripts/eval_skills.py FILE.jsonl [FILE.jsonl ...] [--split train,dev]
       [--author handwritten] [--errors] [--total]
--split and --author keep only records whose `split` / `author` field is in
the comma-separated list (records without the field never match a filter).
--errors prints the skill names that were missed or extra, never the text; it
refuses to run on the held-out test split (pass --split without `test`).
--total adds one line that pools all files (micro-averaged).
"""
from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from pathlib import Path

from nextround.skills import canonicalize, find_skill_gaps

_SENTENCE = re.compile(r"(?<!\be\.g\.)(?<!\bi\.e\.)(?<=[.!?])\s+(?=\S)|\n\s*\n|\n(?=\s*[-*\u2022>]\s)|\n(?=[A-Z])")


def split_sentences(text: str) -> list[str]:
    """Split after sentence-final punctuation, on blank lines and before bullets."""
    return [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]


def strip_html(text: str) -> str:
    text = re.sub(r"(?is)<(script|style).*?</\1>", " ", text)
    text = re.sub(r"(?i)<br\s*/?>|</(?:p|div|li|tr|h\d)>", "\n", text)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def _key(name: str) -> str:
    hit = canonicalize(name)
    return hit[0] if hit else name.lower().strip()


def same_skill(pred: str, gold: str) -> bool:
    p, g = pred.lower().strip(), gold.lower().strip()
    return bool(p and g) and (p == g or p in g or g in p or _key(p) == _key(g))


def score(pred: list[str], gold: list[str]) -> tuple[int, list[str], list[str]]:
    """(true positives, unmatched predictions, unmatched gold)."""
    free = list(gold)
    extra = []
    for p in pred:
        match = next((g for g in free if same_skill(p, g)), None)
        if match is None:
            extra.append(p)
        else:
            free.remove(match)
    return len(pred) - len(extra), extra, free


def _wanted(rec: dict, splits: set[str] | None, authors: set[str] | None) -> bool:
    if splits is not None and rec.get("split") not in splits:
        return False
    return authors is None or rec.get("author") in authors


def evaluate(path: Path, show_errors: bool = False, splits: set[str] | None = None,
             authors: set[str] | None = None) -> dict:
    tp = n_pred = n_gold = messages = sentences = 0
    elapsed = 0.0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            continue  # files being written may end in a partial line
        if rec.get("category") != "rejection" or not _wanted(rec, splits, authors):
            continue
        text = rec.get("text") or ""
        if rec.get("format") == "html":
            text = strip_html(text)
        sents = split_sentences(text)
        start = time.perf_counter()
        pred = [g.canonical for g in find_skill_gaps(sents)]
        elapsed += time.perf_counter() - start
        gold = [g["canonical"] for g in rec.get("skill_gaps") or []]
        hits, extra, missed = score(pred, gold)
        tp, n_pred, n_gold = tp + hits, n_pred + len(pred), n_gold + len(gold)
        messages, sentences = messages + 1, sentences + len(sents)
        if show_errors and (extra or missed):
            print(f"  {rec.get('id')}: extra={extra} missed={missed}", file=sys.stderr)
    precision = tp / n_pred if n_pred else 1.0
    recall = tp / n_gold if n_gold else 1.0
    return {"file": str(path), "messages": messages, "gold": n_gold, "predicted": n_pred, "tp": tp,
            "precision": round(precision, 3), "recall": round(recall, 3),
            "sentences_per_s": round(sentences / elapsed) if elapsed else None}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Precision/recall of find_skill_gaps on JSONL files.")
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--errors", action="store_true", help="list missed and extra skill names per message")
    ap.add_argument("--split", help="comma-separated splits to keep, e.g. train,dev")
    ap.add_argument("--author", help="comma-separated authors to keep, e.g. handwritten")
    ap.add_argument("--total", action="store_true", help="also print one line pooled over all files")
    args = ap.parse_args(argv)
    splits = {s.strip() for s in args.split.split(",") if s.strip()} if args.split else None
    authors = {a.strip() for a in args.author.split(",") if a.strip()} if args.author else None
    if args.errors and (splits is None or "test" in splits):
        ap.error("--errors needs --split without 'test' (the test split stays unseen)")
    results = []
    for path in args.files:
        results.append(evaluate(path, args.errors, splits, authors))
        print(json.dumps(results[-1]))
    if args.total and results:
        tp, n_pred, n_gold = (sum(r[k] for r in results) for k in ("tp", "predicted", "gold"))
        print(json.dumps({"file": "TOTAL", "messages": sum(r["messages"] for r in results), "gold": n_gold,
                          "predicted": n_pred, "tp": tp,
                          "precision": round(tp / n_pred, 3) if n_pred else 1.0,
                          "recall": round(tp / n_gold, 3) if n_gold else 1.0}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
