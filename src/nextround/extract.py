"""Fields read from a rejection: stage, re-apply window, flags, company and role.

Stage and the two flags come from trained linear models; the re-apply window,
company and role from the patterns in `patterns.py` (EXTRACT section).
"""
from __future__ import annotations

import re

from . import patterns as P
from .model import Counts, LinearModel, Vectorizer


def stage(model: LinearModel, vectorizer: Vectorizer, counts: Counts) -> tuple[str, float]:
    """The stage the message says the candidate reached, with its probability."""
    probs = model.proba_dict(vectorizer.vector(counts))
    label = max(probs, key=probs.__getitem__)
    return label, probs[label]


def flags(model: LinearModel, vectorizer: Vectorizer, counts: Counts,
          thresholds: dict[str, float]) -> dict[str, bool]:
    """future_opportunities and feedback_available, each against its own threshold."""
    probs = model.proba_dict(vectorizer.vector(counts))
    return {name: probs[name] >= thresholds.get(name, 0.5) for name in model.labels}


def _months(number: str, unit: str) -> int:
    value = P.NUMBER_WORDS.get(number.lower())
    count = float(value if value is not None else number)
    unit = unit.lower()
    if unit.startswith("year"):
        return round(count * 12)
    if unit.startswith("week"):
        return round(count / 4.345)
    if unit.startswith("day"):
        return round(count / 30)
    return round(count)


def reapply_after_months(sentences: list[str]) -> int | None:
    """A stated waiting period before re-applying, in months; None when none is stated.

    Read clause by clause, so "reapply in 6 months, and we will keep your CV on
    file for 12 months" gives 6, and a CV retention period alone gives nothing.
    """
    for sentence in sentences:
        if P.NO_WAITING.search(sentence):
            return 0
        if not P.REAPPLY_CUE.search(sentence):
            continue
        for clause in P.CLAUSE_BREAK.split(sentence):
            match = P.DURATION.search(clause)
            if match and not P.CV_RETENTION.search(clause):
                return _months(match.group("n"), match.group("unit"))
    return None


def _clean_name(name: str) -> str | None:
    name = P.TRAILING_JUNK.sub("", name.strip(" \t,.;:-\"'"))
    if not name or name.lower() in P.NOT_NAMES or "[" in name or "{" in name:
        return None
    return name if len(name) <= 80 else None


def _first(patterns: list[re.Pattern[str]], texts: list[str]) -> str | None:
    for pattern in patterns:
        for text in texts:
            for match in pattern.finditer(text):
                name = _clean_name(match.group(1))
                if name:
                    return name
    return None


def company(subject: str, body: str, sender: str = "") -> str | None:
    """The employer the message is about, as written; None when nothing names it."""
    found = _first(P.COMPANY_PATTERNS, [subject, body])
    if found:
        return found
    match = P.SENDER_NAME.search(sender or "")
    return _clean_name(match.group(1)) if match else None


def role(subject: str, body: str) -> str | None:
    """The job title the message is about, as written; None when none is named."""
    return _first(P.ROLE_PATTERNS, [subject, body])
