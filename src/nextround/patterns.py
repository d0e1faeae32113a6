"""Regexes and phrase lists as data, one comment per source, so they can be edited without code."""
from __future__ import annotations

import re

# --- cleaning ---
# Used by nextround.clean. Every pattern runs on text already normalised to "\n" line ends.

# Characters that carry no text: zero-width space/joiners, word joiner, BOM, soft hyphen.
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Spaces that should be plain spaces: no-break, narrow no-break, figure, thin, ideographic...
ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Control characters other than tab and newline (form feeds, NULs, bidi overrides).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# Forward markers.
FORWARD_MARKERS = [
    re.compile(r"^-{5,} ?Forwarded message ?-{3,}[ \t]*$", re.M | re.I),  # Gmail
    re.compile(r"^Begin forwarded message:[ \t]*$", re.M | re.I),  # Apple Mail
    re.compile(r"^-{5,} ?Forwarded Message ?-{5,}[ \t]*$", re.M | re.I),  # Thunderbird
    re.compile(r"^-{2,} ?Forwarded by .{0,200}-{2,}[ \t]*$", re.M | re.I),  # Lotus Notes (Enron era)
]
# Outlook separators, used both for replies and (when the Subject says FW) forwards.
OUTLOOK_MARKERS = [
    # Outlook (desktop and older): "-----Original Message-----"
    re.compile(r"^[ \t]*-{2,} ?Original Message ?-{2,}[ \t]*$", re.M | re.I),
    # Outlook / Outlook on the web: a "From: ... Sent: ..." header block (optionally under a ____ rule)
    re.compile(r"^[ \t]*\*?From:\*?[ \t][^\n]*\n[ \t]*\*?(?:Sent|Date):\*?[ \t][^\n]*$", re.M),
]
# Reply attributions and separators: everything from here on is quoted history.
QUOTE_MARKERS = [
    # Gmail, Apple Mail, Thunderbird: "On Mon, 1 Jan 2024 at 10:00, Jane <j@x.com> wrote:" (may wrap once)
    re.compile(r"^[ \t]*On\b[^\n]{0,300}(?:\n[^\n]{0,300})?\bwrote:[ \t]*$", re.M),
    # Gmail and Apple Mail in French, German, Spanish, Dutch
    re.compile(r"^[ \t]*Le\b[^\n]{0,300}(?:\n[^\n]{0,300})?a écrit ?:[ \t]*$", re.M),
    re.compile(r"^[ \t]*Am\b[^\n]{0,300}(?:\n[^\n]{0,300})?schrieb[^\n]{0,200}:[ \t]*$", re.M),
    re.compile(r"^[ \t]*El\b[^\n]{0,300}(?:\n[^\n]{0,300})?escribió ?:[ \t]*$", re.M),
    re.compile(r"^[ \t]*Op\b[^\n]{0,300}(?:\n[^\n]{0,300})?schreef[^\n]{0,200}:[ \t]*$", re.M),
] + OUTLOOK_MARKERS
# A forwarded or quoted header line (Gmail, Apple Mail, Thunderbird and Outlook all write these).
QUOTED_HEADER_LINE = re.compile(r"^[ \t]*\*?(From|Sent|Date|To|Cc|Bcc|Subject|Reply-To):\*?[ \t]", re.I)
# Outlook forwards look like replies; their Subject line says FW/Fwd (TR: French, WG: German).
FORWARD_SUBJECT = re.compile(r"^[ \t]*\*?Subject:\*?[ \t]*(?:FW|Fwd|TR|WG|RV)\s*:", re.M | re.I)
# Quoted lines ("> text"), written by every client for inline replies.
QUOTED_LINE = re.compile(r"^[ \t]*>.*$\n?", re.M)
# A forward whose new part has at most this many words is "just a short note".
SHORT_NOTE_WORDS = 40

# Signature separator: "-- " (RFC 3676, Thunderbird, mutt) and the bare "--" many clients write.
SIGNATURE_SEPARATOR = re.compile(r"^-- ?$", re.M)
# Mobile and client sign-offs (Apple Mail on iOS, Outlook mobile, Gmail app, Samsung, Yahoo).
DEVICE_SIGNATURES = re.compile(
    r"^[ \t]*(?:Sent from my (?:iPhone|iPad|Android|Samsung|BlackBerry|mobile|Galaxy)[^\n]*"
    r"|Sent from (?:Mail|Outlook) for [^\n]*|Get Outlook for (?:iOS|Android)[^\n]*"
    r"|Sent from Yahoo Mail[^\n]*|Sent via [^\n]{0,40}mobile[^\n]*)[ \t]*$\n?",
    re.M | re.I,
)
# Legal, marketing and unsubscribe footers (ATS senders, corporate MTAs); matched per paragraph.
FOOTER_PARAGRAPH = re.compile(
    r"unsubscribe|manage (?:your )?(?:e-?mail |subscription )?preferences"
    r"|you (?:are )?receiv(?:ed|ing) this (?:e-?mail|message|notification) because"
    r"|confidentiality notice|this (?:e-?mail|message|communication)(?: and any [^.]{0,40})?"
    r" (?:is|are|may be|contains?) (?:strictly )?(?:confidential|privileged)"
    r"|if you (?:are not the intended recipient|have received this [^.]{0,30}in error)"
    r"|please consider the environment before printing|all rights reserved",
    re.I,
)
# Lines made only of rules that clients put above quoted or forwarded parts (Outlook "____").
RULE_LINE = re.compile(r"^[ \t]*(?:_{5,}|-{5,}|={5,})[ \t]*$", re.M)
# Plain parts that only say "read the HTML part" (Mailchimp, Workday, Greenhouse exports).
NO_PLAIN_TEXT = re.compile(
    r"^\W*(?:this (?:e-?mail|message) (?:requires|is in) html|your (?:e-?mail )?client does not support html"
    r"|view (?:this e-?mail )?in (?:your|a) (?:web )?browser)",
    re.I,
)

# --- extract: re-apply window, company, role (used by extract.py) ---
# Written for this project from the wording of ATS templates (Greenhouse,
# Lever, Workday style), agency mail and public-sector notices.

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "eighteen": 18, "twenty-four": 24, "thirty": 30, "sixty": 60, "ninety": 90,
}
_NUM = r"(?P<n>\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
DURATION = re.compile(_NUM + r"[\s-]*(?:\(\d+\)\s*)?(?P<unit>days?|weeks?|months?|years?)\b", re.I)
REAPPLY_CUE = re.compile(
    r"\b(re-?apply|re-?applying|re-?application|apply again|applying again|submit (?:a new|another)"
    r" application|reconsider(?:ed)? (?:your|an) application|eligible (?:to apply|for (?:re-?)?consideration)"
    r"|(?:cooling[- ]off|waiting) period|before (?:applying|you apply)|new application)\b", re.I)
NO_WAITING = re.compile(
    r"\bno (?:waiting|cooling[- ]off) period\b|\b(?:re-?apply|apply again) (?:at any time|immediately|"
    r"whenever you (?:like|wish))\b", re.I)
CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?:and|but|while|although)\b|\s+(?:and|but) (?=we|our|your)", re.I)
CV_RETENTION = re.compile(
    r"\b(on file|in our (?:database|talent pool|system)|keep your (?:cv|resume|details|profile)|retain"
    r"|data protection|gdpr)\b", re.I)

_CAP = r"[A-Z0-9][\w&'.+-]*"
_NAME = _CAP + r"(?:[ \t]+(?:" + _CAP + r"|&|of|and|de|la|for|the))*?"
_COMPANY_END = r"(?=\s*(?:[.,;:!?()]|\s-\s|\n|$|\s(?:and|for|is|has|have|we|team|this|at|as|in|to|on|but|after|was|were|will|about|recently|that|who|I|you)\b))"
COMPANY_PATTERNS = [re.compile(p) for p in (
    r"(?:position|role|job|opening|vacancy|post|opportunity|career|careers|team|interest|interested|"
    r"interviewing|interview|apply|applying|applied|application|time) (?:at|with|in joining|in) (" + _NAME + r")" + _COMPANY_END,
    r"(?i:interest in(?: joining| working (?:at|for|with))?) (" + _NAME + r")" + _COMPANY_END,
    r"(?i:on behalf of(?: the)?) (" + _NAME + r")" + _COMPANY_END,
    r"(?i:thank you for (?:applying|your application) to) (" + _NAME + r")" + _COMPANY_END,
    r"(?:^|\n)(?:The )?(" + _NAME + r") (?:Talent Acquisition|Recruiting|Recruitment|Hiring|People|HR|Careers)(?: Team)?\b",
    r"(?:at|@|with|-|\u2013|\|) (" + _NAME + r")\s*$",
)]
_ROLE = r"[A-Z][\w/&+.#-]*(?:[ \t]+(?:[A-Z(][\w/&+.#()-]*|of|and|&|for|in|-|\u2013|I{1,3}))*"
ROLE_PATTERNS = [re.compile(p) for p in (
    r"(?i:(?:position|role|post|job|vacancy|opening) of) (" + _ROLE + r")",
    r"(?i:(?:for|to|in|about|regarding|with) (?:the|our|this|your|a|an)) (" + _ROLE + r") (?i:position|role|vacancy|opening|post|job|opportunity|application)\b",
    r"(?i:as (?:a|an|the|our)) (" + _ROLE + r") (?:at|with|in|on)\b",
    r"(?i:application (?:for|to)(?: the)?) (" + _ROLE + r")(?= at | with |\s*[-,.(]|\s*$)",
    r"(?i:^(?:re: |fwd?: )*(?:your application(?: for| to)?|application(?: for| to)?|update on|regarding|re)(?: the)?:?) (" + _ROLE + r")(?= at | with |\s*[-,|(]|\s*$)",
    r"^(" + _ROLE + r") (?:at|with|-|\u2013|\|) ",
)]
SENDER_NAME = re.compile(r"^\s*\"?([^\"<@]+?)\s+(?:Careers|Recruiting|Talent|Jobs|HR|Hiring)\b", re.I)
TRAILING_JUNK = re.compile(r"\s+(?:team|position|role|the|and|a|an)$", re.I)
NOT_NAMES = {
    "us", "our team", "the team", "unfortunately", "thank you", "we", "you", "this time", "the company",
    "this stage", "the moment", "present", "this point", "our company", "the role", "the position", "i",
    "dear", "hi", "hello", "regards", "best", "kind regards", "thanks", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "today", "tomorrow", "this", "that", "it", "all",
    "company", "company name", "your company",
}
