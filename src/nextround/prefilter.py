"""A cheap first look that lets a batch skip obvious non-job mail without the full analysis.

A message is skipped only when no job cue (patterns.JOB_CUES) occurs in its subject,
sender or text. The cues are chosen so that every job message of the annotated corpus
has at least one; tests/test_prefilter.py checks that, and checks the model's own
job-mail predictions too. A skipped message still gets a record: category `other`,
the filter's confidence, no error.

For raw RFC 822 bytes, `peek` reads the headers and text parts with the lenient
compat32 parser, several times cheaper than the `policy.default` parse of the full
path; anything unusual (too large, encrypted, a limit hit, a parse failure) is left
to the full path.
"""
from __future__ import annotations

import html as html_lib
import time
from email import policy
from email.parser import BytesParser

from nextround import patterns as p
from nextround.ingest.mime import (
    MAX_HEADER_BYTES, MAX_MESSAGE_BYTES, TIME_BUDGET_S, collect_bodies, header_block_size, header_fields,
)
from nextround.schema import Analysis, Message


def has_job_cue(*texts: str | None) -> bool:
    """True when any job cue occurs in any of the texts."""
    return any(text and p.JOB_CUES.search(text) for text in texts)


def html_words(html: str | None) -> str:
    """The words of an HTML body (tags dropped, entities decoded), for cue search only."""
    if not html:
        return ""
    return html_lib.unescape(p.HTML_TAG.sub("", html))


def skip_confidence(message: Message, bulk: bool = False) -> float | None:
    """How sure the filter is that a message is not job mail, or None: analyse it fully."""
    if message.error:
        return None
    if has_job_cue(message.subject, message.sender, message.text, message.html, html_words(message.html)):
        return None
    return p.BULK_SKIP_CONFIDENCE if bulk else p.SKIP_CONFIDENCE


def skipped_analysis(message: Message, confidence: float) -> Analysis:
    """The analysis recorded for a message the filter skipped."""
    return Analysis(id=message.id, category="other", confidence=confidence)


def is_bulk(msg) -> bool:
    """True for list and bulk mail (RFC 2369 List-* headers, Precedence: bulk/list/junk)."""
    keys = {k.lower() for k in msg.keys()}
    if keys & p.LIST_HEADERS:
        return True
    return str(msg.get("precedence", "")).strip().lower() in p.BULK_PRECEDENCE


def peek(data: bytes, source: str | None = None, truncated: bool = False) -> tuple[Message, bool] | None:
    """Raw bytes -> (Message with headers and text, is bulk) by the cheap parse, or None."""
    if truncated or len(data) > MAX_MESSAGE_BYTES or header_block_size(data) > MAX_HEADER_BYTES:
        return None
    try:
        msg = BytesParser(policy=policy.compat32).parsebytes(data)
        plain, html, encrypted = collect_bodies(msg, time.monotonic() + TIME_BUDGET_S)
        if encrypted:
            return None
        fields = header_fields(msg)
        text = "\n\n".join(plain)
        return Message(text=text, html="\n".join(html) or None, source=source, **fields), is_bulk(msg)
    except Exception:  # noqa: BLE001 - anything odd goes to the full path
        return None


def screen_raw(data: bytes, source: str | None = None, truncated: bool = False) -> tuple[Message, Analysis] | None:
    """(Message, skipped analysis) when raw bytes are obvious non-job mail, else None."""
    peeked = peek(data, source, truncated)
    if peeked is None:
        return None
    message, bulk = peeked
    confidence = skip_confidence(message, bulk)
    if confidence is None:
        return None
    return message, skipped_analysis(message, confidence)
