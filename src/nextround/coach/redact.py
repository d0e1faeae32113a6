"""Redaction for shared reports: third parties' names, email addresses and phone numbers,
and stable pseudonyms for client names.

The name rules are deliberately modest (greeting lines, sign-offs, names beside titles);
they catch how rejection emails usually name people, not every name in every sentence.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

NAME = "[name]"
EMAIL = "[email]"
PHONE = "[phone]"

EMAIL_RE = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# International or national numbers: 8+ digits with spaces, dots, dashes or brackets between.
MIN_PHONE_DIGITS = 9  # fewer digits are more often dates, years or amounts
PHONE_RE = re.compile(r"(?<![\w/])(?:\+|00)?\(?\d[\d\s().-]{6,}\d(?![\w/])")
PERSON = r"[A-Z][a-z'’-]+(?:[ \t]+[A-Z]\.)?(?:[ \t]+[A-Z][a-z'’-]+)?"
GREETING_RE = re.compile(rf"\b((?:Dear|Hi|Hello|Hey|Good (?:morning|afternoon|evening))[ \t]+){PERSON}")
SIGN_OFF_RE = re.compile(
    rf"\b((?i:(?:kind |best |warm |with best |many )?(?:regards|wishes|thanks|best|cheers|sincerely|"
    rf"yours(?: sincerely| truly)?)),?\s+){PERSON}")
HONORIFIC_RE = re.compile(rf"\b((?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof)\.?[ \t]+){PERSON}")
TITLE_WORDS = (r"(?:Senior |Lead |Head |Chief |Principal |Talent |Hiring |Engineering |HR |People |"
               r"Technical |Recruitment |Product )*(?:Manager|Recruiter|Director|Partner|Lead|Officer|"
               r"Coordinator|Specialist|Advisor|Consultant|Team|Acquisition|CEO|CTO|VP)")
NAME_BEFORE_TITLE_RE = re.compile(rf"\b{PERSON}(?=,?[ \t]+{TITLE_WORDS}\b)")
NAME_AFTER_TITLE_RE = re.compile(rf"\b({TITLE_WORDS}[ \t]+){PERSON}")
# Capitalised words that start sentences or titles, not names.
NOT_NAMES = {"The", "Our", "We", "Your", "You", "Thank", "Thanks", "All", "There", "This", "Dear", "Hi", "Hello",
             "Mr", "Mrs", "Ms", "Mx", "Miss", "Dr", "Prof", "Team", "Hiring", "Talent", "Engineering", "Senior",
             "Lead", "Head", "Chief", "Principal", "People", "Technical", "Recruitment", "Product", "HR"}


def keep_common_words(match: re.Match[str], prefix: str = "") -> str:
    """NAME for a person-like match, unless it is a common word like 'The' or 'Team'."""
    name = match.group(0)[len(prefix):]
    words = {w.rstrip(".") for w in name.split()}
    return match.group(0) if words & NOT_NAMES else prefix + NAME


def redact(text: str, names: Iterable[str] = ()) -> str:
    """TEXT with email addresses, phone numbers and people's names replaced by placeholders."""
    text = EMAIL_RE.sub(EMAIL, text)
    text = PHONE_RE.sub(lambda m: PHONE if sum(c.isdigit() for c in m.group(0)) >= MIN_PHONE_DIGITS
                        else m.group(0), text)
    for pattern in (HONORIFIC_RE, GREETING_RE, SIGN_OFF_RE, NAME_AFTER_TITLE_RE):
        text = pattern.sub(lambda m: keep_common_words(m, m.group(1)), text)
    text = NAME_BEFORE_TITLE_RE.sub(keep_common_words, text)
    return replace_names(text, names, NAME)


def name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for full names and their parts (first and last names of 3+ letters)."""
    words: set[str] = set()
    for name in names:
        words.add(name.strip())
        words.update(part for part in re.split(r"\s+", name.strip()) if len(part) >= 3)
    words.discard("")
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def replace_names(text: str, names: Iterable[str], placeholder: str) -> str:
    pattern = name_pattern(names)
    return pattern.sub(placeholder, text) if pattern else text


def pseudonym(client: str) -> str:
    """A stable pseudonym for a client name: 'Client ' and four hex digits of its hash."""
    return "Client " + hashlib.sha256(client.strip().casefold().encode("utf-8")).hexdigest()[:4].upper()


def pseudonyms(clients: Iterable[str]) -> dict[str, str]:
    """Client -> pseudonym, lengthening the hash in the rare case two clients collide."""
    mapping: dict[str, str] = {}
    for client in sorted(set(clients)):
        alias, digits = pseudonym(client), 4
        while alias in mapping.values():
            digits += 2
            alias = "Client " + hashlib.sha256(client.strip().casefold().encode()).hexdigest()[:digits].upper()
        mapping[client] = alias
    return mapping
