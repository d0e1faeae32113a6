"""Fields read from a rejection: stage, re-apply window, flags, company and role.

Stage and the two flags come from trained linear models; the re-apply window,
company and role from the patterns in `patterns.py` (EXTRACT section).
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

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
            if P.NEXT_YEAR.search(clause) and not P.WISH_ONLY.search(clause):
                return 12
    return None


_WORD = re.compile(r"[A-Za-z0-9]+")
_SENTENCE_END = re.compile(r"(?<=[a-z]{3})[.!?]\s+(?=[A-Z])")
_SPLIT_SUBJECT = re.compile(r"\s+[-\u2013\u2014|]\s+|\s*:\s+|\s*\((?=[^)]*\d)[^)]*\)\s*")
_GREETING = re.compile(r"^(?:dear|hi|hello|hey|good (?:morning|afternoon))\s+(?:(?:mr|mrs|ms|dr|prof)\.?\s+)?([A-Z][\w'-]+)",
                       re.I | re.M)


@functools.lru_cache(maxsize=1)
def role_heads() -> frozenset[str]:
    """Head nouns of job titles (resources/role_heads.txt), read once."""
    path = Path(__file__).resolve().parent / "resources" / "role_heads.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _is_head(word: str) -> bool:
    word = word.lower().strip(".,;:!?'\"()")
    heads = role_heads()
    return word in heads or (word.endswith("s") and word[:-1] in heads and word not in P.ORG_WORDS)


def _words(name: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(name)]


def _org_like(name: str) -> bool:
    words = _words(name)
    return bool(words) and (words[-1] in P.ORG_WORDS or words[0] in P.ORG_FIRST or "university" in words)


# --- company -----------------------------------------------------------------

def _clean_company(raw: str) -> str | None:
    name = _SENTENCE_END.split(" ".join(raw.split()))[0].strip(" \t,.;:-\"'|")
    if name.lower().startswith("the "):
        name = name[4:]
    name = P.TRAILING_JUNK.sub("", name).strip(" ,.;:-'")
    words = _words(name)
    if (not words or name.lower() in P.NOT_NAMES or P.PLACEHOLDER.search(name) or len(words) > 7
            or len(name) > 60 or not re.search(r"[A-Za-z]{2}", name) or sum(c.isdigit() for c in name) > 2):
        return None
    if len(words) == 1 and (words[0] in P.ORG_WORDS or words[0] in P.ORG_FIRST):
        return None  # "the University" alone names no one
    if (_is_head(words[-1]) or _trim_role(name) == name) and not _org_like(name):
        return None  # a job title, not an employer
    return name


def _sender_parts(sender: str) -> tuple[str, str, str]:
    """(display name, mailbox local part, domain core) of a From header."""
    match = P.SENDER_DISPLAY.match(sender or "")
    display, address = (match.group(1), match.group(2) or "") if match else (sender or "", "")
    if not address and "@" in display:
        display, address = "", display
    local, _, domain = address.partition("@")
    labels = [x for x in domain.lower().split(".") if x not in {"com", "co", "uk", "org", "net", "io", "ac", "gov",
                                                                  "example", "de", "ie", "se", "no", "jp", "tr"}]
    core = re.sub(r"[^a-z0-9]", "", labels[0]) if labels else ""
    return display.strip(), local.lower(), core


def _sender_company(display: str, local: str) -> str | None:
    """The organisation a sender's display name names, or None for a person or a generic mailbox."""
    parts = [p for p in P.SENDER_ORG_SPLIT.split(display) if p and p.strip(") ")]
    name = P.SENDER_SUFFIX.sub("", parts[-1].strip(") ")) if parts else ""
    if len(parts) > 1 and P.SENDER_GENERIC.match(P.SENDER_SUFFIX.sub("", parts[0]) or "hr"):
        name = P.SENDER_SUFFIX.sub("", parts[-1].strip(") "))
    elif len(parts) > 1:
        name = P.SENDER_SUFFIX.sub("", parts[-1].strip(") "))
    else:
        name = P.SENDER_SUFFIX.sub("", display)
    words = _words(name)
    if not words or P.SENDER_GENERIC.match(name.strip()):
        return None
    if not _org_like(name) and any(len(w) > 2 and w in local for w in words) and len(parts) == 1:
        return None  # "Alan Fitch <a.fitch@...>" is a person
    if len(parts) == 1 and not _org_like(name) and len(words) in (2, 3) and local and "." in local:
        return None
    return _clean_company(name)


def _signature(body: str) -> list[str]:
    """Lines after the last sign-off ("Kind regards,"), at most six."""
    lines = [line.strip() for line in body.strip().splitlines()]
    for i in range(len(lines) - 1, max(-1, len(lines) - 10), -1):
        if P.SIGN_OFF.match(lines[i]):
            return [line for line in lines[i + 1:i + 7] if line]
    return [line for line in lines[-3:] if line]


def company(subject: str, body: str, sender: str = "") -> str | None:
    """The employer the message is about, as written; None when nothing names it.

    Candidates come from the COMPANY_PATTERNS (each with a weight), the
    signature and the sender's display name; evidence adds up per name (times
    seen, an organisation word such as "Ltd" or "University", the sender's
    domain) and agency or job-title-like names lose. The best name wins.
    """
    scores: dict[str, float] = {}
    names: dict[str, str] = {}

    def add(raw: str, weight: float) -> None:
        name = _clean_company(raw)
        if name:
            key = name.lower()
            scores[key] = scores.get(key, 0.0) + weight
            if len(name) >= len(names.get(key, "")):
                names[key] = name

    for pattern, weight in P.COMPANY_PATTERNS:
        for text in (subject, body):
            for match in pattern.finditer(text):
                add(match.group(1) if pattern.groups else match.group(0), weight)
    display, local, core = _sender_parts(sender)
    person = set(_words(display)) | {local}
    for line in _signature(body):
        words = _words(line)
        if (len(words) <= 6 and line[:1].isupper() and not line.endswith((".", "!", "?"))
                and (_org_like(line) or not any(len(w) > 2 and (w in person or w in local) for w in words))):
            add(line, 1.5 if _org_like(line) else 1.0)
    from_sender = _sender_company(display, local)
    if from_sender:
        add(from_sender, 2.0)
    if not scores:
        return None
    greeted = {m.group(1).lower() for m in _GREETING.finditer(body)}
    text = f"{subject}\n{body}"
    best, best_score = None, 0.0
    for key, base in scores.items():
        name = names[key]
        words = _words(name)
        score = base + 0.5 * min(text.count(name), 4)
        score += 1.0 if _org_like(name) else 0.0
        squash = "".join(words)
        if core and (squash[:6] in core or core[:6] in squash or (len(words[0]) >= 4 and words[0] in core)):
            score += 2.0
        if any(w in P.AGENCY_WORDS for w in words) or P.AGENCY_PART.search(squash):
            score -= 3.0
        if greeted & set(words):
            score -= 4.0
        for other in scores:  # a shorter form supports a longer one ("Arcturus" -> "Arcturus Insurance")
            if other != key and key.startswith(other + " "):
                score += scores[other]
        if score > best_score:
            best, best_score = name, score
    return best if best_score >= 3.0 else None


# --- role --------------------------------------------------------------------

def _trim_role(span: str) -> str | None:
    """The job title inside `span`: words up to the last head noun, with an "in/of ..." complement."""
    span = P.ROLE_LEAD_JUNK.sub("", span.strip()).strip(" ,.;:-")
    tokens = span.split()
    head = None
    for i, token in enumerate(tokens[:12]):
        if token.endswith((".", ",", ";", ":", "!", "?")) and not _is_head(token):
            break
        if _is_head(token):
            head = i
            if token.endswith((".", ",", ";", ":", "!", "?")):
                break
            if (i + 1 < len(tokens) and tokens[i + 1] in ("in", "of")
                    and token.lower().rstrip("s") in P.ROLE_COMPLEMENT_HEADS):
                break
    if head is None:
        return None
    start = head
    while start > 0:
        prev = tokens[start - 1]
        if prev.lower() in P.ROLE_STOP or prev.endswith((".", ",", ";", ":", "!", "?", ")")) or prev in "-\u2013|":
            break
        start -= 1
    end = head + 1
    last = tokens[head].lower().strip(".,;:!?")
    if (end + 1 < len(tokens) + 1 and end < len(tokens) and tokens[end] in ("in", "of", "de")
            and (last in P.ROLE_COMPLEMENT_HEADS or last.rstrip("s") in P.ROLE_COMPLEMENT_HEADS)):
        j = end + 1
        while j < len(tokens) and tokens[j][:1].isupper() and j - end <= 4:
            j += 1
            if tokens[j - 1].endswith((".", ",", ";", ":", "!", "?")):
                break
        if j > end + 1:
            end = j
    if end < len(tokens) and tokens[end].startswith("(") and ")" in " ".join(tokens[end:end + 4]):
        close = next(k for k in range(end, min(end + 4, len(tokens))) if ")" in tokens[k])
        paren = " ".join(tokens[end:close + 1])
        if not P.ROLE_PAREN_DROP.search(paren) and paren.endswith(")"):
            end = close + 1
    title = " ".join(tokens[start:end]).strip(" ,.;:!?")
    words = _words(title)
    if not words or len(words) > 9 or P.PLACEHOLDER.search(title):
        return None
    if (len(words) == 1 and words[0] in P.ROLE_NOT_HEAD) or words[-1] in P.ORG_WORDS:
        return None
    if title.lower() in P.NOT_NAMES:
        return None
    return title


def role(subject: str, body: str) -> str | None:
    """The job title the message is about, as written; None when none is named.

    Candidates come from the ROLE_PATTERNS, the subject's segments and short
    stand-alone lines; each must end in a job-title head noun. Evidence adds
    up per title and the best one wins.
    """
    scores: dict[str, float] = {}
    names: dict[str, str] = {}

    def add(raw: str, weight: float) -> None:
        title = _trim_role(raw)
        if title:
            key = title.lower()
            scores[key] = scores.get(key, 0.0) + weight
            names.setdefault(key, title)

    for pattern, weight in P.ROLE_PATTERNS:
        for text in (subject, body):
            for match in pattern.finditer(text):
                add(match.group(1), weight)
    for segment in _SPLIT_SUBJECT.split(subject):
        segment = P.ROLE_LEAD_JUNK.sub("", segment.strip())
        title = _trim_role(segment)
        if title and title == segment.strip(" ,.;:-"):
            add(segment, 3.0)
    lines = [line.strip() for line in body.splitlines()]
    standalone = [line for line in lines if 0 < len(line.split()) <= 6 and not line.endswith((".", "!", "?", ","))
                  and line[:1].isupper() and _trim_role(line) == line]
    if len(standalone) <= 2:
        for line in standalone:
            add(line, 1.5)
    if not scores:
        return None
    text = f"{subject}\n{body}".lower()
    best = max(scores, key=lambda k: (scores[k] + 0.5 * min(text.count(k), 4), len(k)))
    return names[best]
