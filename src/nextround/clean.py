"""Small str -> str cleaning steps and `clean_body`, the new text of a message ready for analysis."""
from __future__ import annotations

import re
import unicodedata

from nextround import patterns as p

MAX_PASSES = 20  # structural steps repeat until nothing changes (idempotence)


def html_to_text(html: str) -> str:
    """HTML -> text with inscriptis (scripts and styles dropped, paragraph breaks kept)."""
    if not html or not html.strip():
        return ""
    try:
        from inscriptis import get_text  # imported here to keep `import nextround` fast

        return get_text(html)
    except Exception:  # noqa: BLE001 - lxml refuses some documents; fall back to tag stripping
        return strip_tags(html)


def strip_tags(html: str) -> str:
    """A crude HTML -> text fallback: drop script/style, turn block tags into breaks."""
    html = re.sub(r"(?is)<(script|style|head)\b.*?</\1\s*>", " ", html)
    html = re.sub(r"(?i)<\s*(br|/p|/div|/li|/tr|/h\d)\b[^>]*>", "\n", html)
    import html as html_lib

    return html_lib.unescape(re.sub(r"<[^>]*>", " ", html))


def normalize_unicode(text: str) -> str:
    """NFC, plain spaces and newlines, no zero-width or control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = p.ZERO_WIDTH.sub("", p.ODD_SPACES.sub(" ", text))
    return unicodedata.normalize("NFC", p.CONTROL.sub("", text))


def normalize_whitespace(text: str) -> str:
    """One space between words, no trailing spaces, at most one blank line in a row."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def first_match(text: str, regexes: list[re.Pattern[str]]) -> re.Match[str] | None:
    """The earliest match of any regex in text."""
    found = [m for m in (r.search(text) for r in regexes) if m]
    return min(found, key=lambda m: m.start()) if found else None


def forward_marker(text: str) -> re.Match[str] | None:
    """The first forward marker, including an Outlook header block whose Subject says FW/Fwd."""
    marker = first_match(text, p.FORWARD_MARKERS)
    outlook = first_match(text, p.OUTLOOK_MARKERS)
    if outlook and p.FORWARD_SUBJECT.search(text, outlook.start(), outlook.start() + 2000):
        if marker is None or outlook.start() < marker.start():
            return outlook
    return marker


def drop_header_lines(text: str) -> str:
    """Drop the From/Date/Subject/To lines that start a forwarded or quoted part."""
    lines = text.split("\n")
    i = 0
    while i < len(lines) and (not lines[i].strip() or p.QUOTED_HEADER_LINE.match(lines[i])):
        i += 1
    return "\n".join(lines[i:])


def word_count(text: str) -> int:
    """Words in text."""
    return len(text.split())


def unwrap_forward(text: str) -> str:
    """Keep a forwarded message when the forwarder wrote nothing or a short note; else keep the note."""
    marker = forward_marker(text)
    if marker is None:
        return text
    note = strip_signature(text[: marker.start()])
    if word_count(note) <= p.SHORT_NOTE_WORDS:
        return drop_header_lines(text[marker.end():])
    return text[: marker.start()]


def strip_quoted(text: str) -> str:
    """Remove quoted history: "> " lines and everything after a reply attribution or Outlook block."""
    text = p.QUOTED_LINE.sub("", text)
    marker = first_match(text, p.QUOTE_MARKERS)
    return text[: marker.start()] if marker else text


def strip_signature(text: str) -> str:
    """Remove device sign-offs and everything after a "-- " signature separator."""
    text = p.DEVICE_SIGNATURES.sub("", text)
    marker = p.SIGNATURE_SEPARATOR.search(text)
    return text[: marker.start()] if marker else text


def strip_footers(text: str) -> str:
    """Remove paragraphs that are legal, marketing or unsubscribe footers, and stray rule lines."""
    paragraphs = re.split(r"\n[ \t]*\n", p.RULE_LINE.sub("", text))
    return "\n\n".join(x for x in paragraphs if not p.FOOTER_PARAGRAPH.search(x))


def usable_plain(text: str) -> bool:
    """True when a plain-text part has real content (not just "view in browser")."""
    stripped = text.strip()
    return bool(stripped) and not (len(stripped) < 300 and p.NO_PLAIN_TEXT.search(stripped))


def clean_pass(text: str) -> str:
    """One pass of every structural step, in order."""
    text = unwrap_forward(normalize_unicode(text))
    return normalize_whitespace(strip_footers(strip_signature(strip_quoted(text))))


def clean_body(text: str, html: str | None = None) -> str:
    """The new text of a message, ready for analysis; idempotent."""
    body = text if usable_plain(text or "") or not html else html_to_text(html)
    body = body or ""
    for _ in range(MAX_PASSES):
        cleaned = clean_pass(body)
        if cleaned == body:
            break
        body = cleaned
    return body
