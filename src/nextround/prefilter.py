"""A cheap first look that lets a batch skip obvious non-job mail without the full analysis.

A scored cascade (cues and weights are data: patterns.PREFILTER_CUES):

1. a strong cue (weight 1) in the subject, the sender or the body keeps the message;
2. else, on a short body only, the weaker cues add up and keep it from PREFILTER_PASS on;
3. else the message is skipped: it still gets a record, category `other`, the filter's
   confidence, no error.

Every job message of the annotated corpus (gold label, or the model's prediction) scores at
least 1, above PREFILTER_PASS; tests/test_prefilter.py checks both.

For raw RFC 822 bytes, `peek` avoids most of the parsing: a single-part text/plain message
in 7bit/8bit has only its header block parsed (compat32, headers only) and its body decoded
straight from the bytes; anything else gets the lenient compat32 parse of the whole message.
Anything unusual (too large, encrypted, a limit hit, a parse failure) is left to the full path.
"""
from __future__ import annotations

import html as html_lib
import re
import time
from email import policy
from email.parser import BytesParser

from nextround import patterns as p
from nextround.ingest.mime import (
    MAX_HEADER_BYTES, MAX_MESSAGE_BYTES, TIME_BUDGET_S, collect_bodies, decode_bytes, header_block_size,
    header_fields,
)
from nextround.schema import Analysis, Message

# (anchor, compiled regex or None, head weight, body weight), strongest first.
_CUES = sorted(((a, re.compile(r) if r else None, hw, bw) for a, r, hw, bw in p.PREFILTER_CUES),
               key=lambda c: -max(c[2], c[3]))
_STRONG = 1.0
SIMPLE_ENCODINGS = frozenset({"", "7bit", "8bit", "binary"})


def _has(text: str, anchor: str, rx: re.Pattern[str] | None) -> bool:
    if anchor and anchor not in text:
        return False
    return rx is None or rx.search(text) is not None


def job_score(head: str, body: str, weak_counts: bool = True) -> float:
    """The cue score of lower-cased subject+sender and body; >= 1 as soon as a strong cue is found."""
    score = 0.0
    for anchor, rx, hw, bw in _CUES:
        if hw and (hw >= _STRONG or weak_counts) and _has(head, anchor, rx):
            if hw >= _STRONG:
                return _STRONG
            score += hw
        if bw and (bw >= _STRONG or weak_counts) and _has(body, anchor, rx):
            if bw >= _STRONG:
                return _STRONG
            score += bw
    return score if weak_counts else 0.0


def keeps(subject: str | None, sender: str | None, body: str, length: int) -> bool:
    """True when the cascade keeps a message for the full analysis (body lower-cased)."""
    head = f"{subject or ''}\n{sender or ''}".lower()
    return job_score(head, body, weak_counts=length <= p.PREFILTER_WEAK_MAX_CHARS) >= p.PREFILTER_PASS


def html_words(html: str | None) -> str:
    """The words of an HTML body (tags dropped, entities decoded), for cue search only."""
    if not html:
        return ""
    return html_lib.unescape(p.HTML_TAG.sub("", html))


def skip_confidence(message: Message, bulk: bool = False) -> float | None:
    """How sure the filter is that a message is not job mail, or None: analyse it fully."""
    if message.error:
        return None
    words = html_words(message.html)
    body = "\n".join((message.text or "", message.html or "", words)).lower()
    if keeps(message.subject, message.sender, body, len(message.text or "") + len(words)):
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


def peek_simple(data: bytes, source: str | None) -> tuple[Message, bool] | None:
    """A single-part text/plain message in 7bit/8bit: headers parsed, body decoded from the bytes.

    None when the message is not that simple (or its header block is not clean), so the
    caller parses it whole."""
    end = header_block_size(data)
    if end >= len(data):
        return None
    block = data[:end]
    if b"\r" in block.replace(b"\r\n", b""):
        return None  # lone CRs end lines for the parser: leave it to the full parse
    msg = BytesParser(policy=policy.compat32).parsebytes(block, headersonly=True)
    if msg.get_payload() or msg.is_multipart() or msg.get_content_type() != "text/plain":
        return None  # a non-header line inside the block, or not plain text
    cte = str(msg.get("content-transfer-encoding", "")).strip().lower()
    if cte not in SIMPLE_ENCODINGS or msg.get_content_disposition() == "attachment":
        return None
    body = data[end + (4 if data.startswith(b"\r\n\r\n", end) else 2):]
    text = decode_bytes(body, msg.get_content_charset())
    return Message(text=text if text.strip() else "", source=source, **header_fields(msg)), is_bulk(msg)


def peek(data: bytes, source: str | None = None, truncated: bool = False) -> tuple[Message, bool] | None:
    """Raw bytes -> (Message with headers and text, is bulk) by the cheap parse, or None."""
    if truncated or len(data) > MAX_MESSAGE_BYTES or header_block_size(data) > MAX_HEADER_BYTES:
        return None
    try:
        simple = peek_simple(data, source)
        if simple is not None:
            return simple
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
