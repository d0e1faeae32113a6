"""RFC 822 / MIME bytes -> Message, with limits, safe decoding and clean headers."""
from __future__ import annotations

import codecs
import email.header
import email.utils
import re
import time
from email import policy
from email.message import Message as EmailMessage
from email.parser import BytesParser
from typing import Any

from nextround.schema import Message

# Limits in the spirit of mature mail servers (Postfix, Dovecot, MimeKit defaults).
MAX_DEPTH = 20                        # nested multiparts / message/rfc822
MAX_PARTS = 500                       # MIME parts in one message
MAX_HEADER_BYTES = 256 * 1024         # the header block of one message
MAX_MESSAGE_BYTES = 50 * 1024 * 1024  # larger messages keep their start only
TIME_BUDGET_S = 5.0                   # per message, checked between steps
MAX_RAW_HEADER_CHARS = 16 * 1024      # a single header value read for decoding
MAX_HEADER_CHARS = 2000               # a decoded header value kept in a Message

# Header names that make pasted text "start with headers" (RFC 5322, RFC 2045, common MTAs).
KNOWN_HEADERS = frozenset(
    "from to cc bcc subject date sender reply-to message-id in-reply-to references "
    "received return-path delivered-to mime-version content-type content-transfer-encoding "
    "dkim-signature arc-seal arc-message-signature arc-authentication-results "
    "authentication-results thread-topic thread-index importance list-unsubscribe".split()
)
HEADER_LINE = re.compile(r"^([!-9;-~]+):[ \t]?")
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+")
ENCRYPTED_TYPES = frozenset(
    {"multipart/encrypted", "application/pkcs7-mime", "application/x-pkcs7-mime", "application/pgp-encrypted"}
)
# Codecs that are slow or surprising on untrusted bytes.
BLOCKED_CODECS = frozenset({"punycode", "idna", "unicode_escape", "raw_unicode_escape", "uu_codec"})


class LimitError(Exception):
    """A message exceeded one of the limits above."""


def decode_bytes(data: bytes, charset: str | None = None) -> str:
    """Bytes -> str: the declared charset, then UTF-8, then mostly-UTF-8, then Windows-1252/Latin-1."""
    codec = _codec(charset) or bom_codec(data)
    for name in (codec, "utf-8"):
        if name:
            try:
                return data.decode(name)
            except (UnicodeError, LookupError, ValueError):
                pass
    text = data.decode("utf-8", "replace")
    if text.count("\ufffd") * 4 < sum(b > 0x7F for b in data[:65536]) // 2:
        return text
    try:
        return data.decode("cp1252")
    except UnicodeError:
        return data.decode("latin-1")


def bom_codec(data: bytes) -> str | None:
    """utf-8-sig or utf-16 when data starts with a byte-order mark."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    return "utf-16" if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else None


def _codec(charset: str | None) -> str | None:
    """The Python codec name for a MIME charset, or None if unknown or unsafe."""
    if not charset or not isinstance(charset, str):
        return None
    try:
        name = codecs.lookup(charset.strip().strip('"').lower()).name
    except (LookupError, ValueError, TypeError):
        return None
    return None if name in BLOCKED_CODECS else name


def clean_header(value: str) -> str:
    """Remove CR/LF and control characters, collapse spaces, cap the length."""
    return " ".join(CONTROL_CHARS.sub(" ", value).split())[:MAX_HEADER_CHARS]


def decode_header_value(raw: str) -> str:
    """A raw header value (maybe 8-bit, maybe RFC 2047 encoded-words) -> clean text."""
    raw = str(raw)[:MAX_RAW_HEADER_CHARS]
    if any("\udc80" <= ch <= "\udcff" for ch in raw):
        raw = decode_bytes(raw.encode("utf-8", "surrogateescape"))
    try:
        return clean_header(str(email.header.make_header(email.header.decode_header(raw))))
    except Exception:  # noqa: BLE001 - bad encoded-words: decode chunk by chunk
        pass
    try:
        chunks = email.header.decode_header(raw)
    except Exception:  # noqa: BLE001
        return clean_header(raw)
    parts = [c if isinstance(c, str) else decode_bytes(c, cs) for c, cs in chunks]
    return clean_header("".join(parts))


def looks_like_headers(text: str, strict: bool = True) -> bool:
    """True when text starts with an RFC 822 header block (strict: a known name or two header lines)."""
    lines = text.lstrip("\ufeff").lstrip("\r\n").splitlines()[:2]
    first = HEADER_LINE.match(lines[0]) if lines else None
    if not first:
        return False
    name = first.group(1).lower()
    if not strict or name in KNOWN_HEADERS or name.startswith("x-"):
        return True
    return len(lines) > 1 and bool(HEADER_LINE.match(lines[1]) or lines[1][:1] in " \t")


def header_block_size(data: bytes) -> int:
    """Bytes before the blank line that ends the headers (the whole input if none)."""
    window = data[: MAX_HEADER_BYTES + 4]
    ends = [i for i in (window.find(b"\n\n"), window.find(b"\r\n\r\n")) if i >= 0]
    return min(ends) if ends else len(data)


def parse_email(data: bytes) -> EmailMessage:
    """Parse bytes with policy.default, falling back to compat32 when that raises."""
    try:
        return BytesParser(policy=policy.default).parsebytes(data)
    except Exception:  # noqa: BLE001
        return BytesParser(policy=policy.compat32).parsebytes(data)


def raw_header(msg: EmailMessage, name: str) -> str | None:
    """The first raw value of a header, without the policy's (fragile) parsing."""
    for key, value in msg.raw_items():
        if key.lower() == name:
            return str(value)
    return None


def header_fields(msg: EmailMessage) -> dict[str, Any]:
    """Subject, sender, date, id and carried Gmail labels of a parsed message."""
    get = lambda name: decode_header_value(raw_header(msg, name) or "")  # noqa: E731
    labels = get("x-gmail-labels")
    return {
        "subject": get("subject"),
        "sender": get("from"),
        "date": iso_date(get("date")),
        "id": get("message-id") or None,
        "carried": {"labels": labels} if labels else {},
    }


def iso_date(value: str) -> str | None:
    """An RFC 822 date as ISO 8601, or the cleaned original when it does not parse."""
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).isoformat()
    except Exception:  # noqa: BLE001
        return value


def decode_part(part: EmailMessage) -> str:
    """A leaf part's payload, transfer-decoded and charset-decoded."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        payload = str(payload or "").encode("utf-8", "surrogateescape")
    try:
        charset = part.get_content_charset()
    except Exception:  # noqa: BLE001
        charset = None
    return decode_bytes(payload, charset)


def is_attachment(part: EmailMessage) -> bool:
    """True for parts marked as attachments (never opened, names never used)."""
    try:
        return part.get_content_disposition() == "attachment"
    except Exception:  # noqa: BLE001
        return True


def collect_bodies(msg: EmailMessage, deadline: float) -> tuple[list[str], list[str], bool]:
    """Walk the MIME tree within limits: (plain parts, html parts, saw encryption)."""
    plain: list[str] = []
    html: list[str] = []
    encrypted = False
    stack: list[tuple[EmailMessage, int]] = [(msg, 0)]
    count = 0
    while stack:
        part, depth = stack.pop()
        count += 1
        check_limits(count, depth, deadline)
        ctype = part.get_content_type()
        encrypted = encrypted or ctype in ENCRYPTED_TYPES
        if part.is_multipart():
            children = part.get_payload()
            stack.extend((c, depth + 1) for c in reversed(children if isinstance(children, list) else []))
        elif not is_attachment(part):
            add_leaf(part, ctype, plain, html)
    return plain, html, encrypted


def add_leaf(part: EmailMessage, ctype: str, plain: list[str], html: list[str]) -> None:
    """Append a readable leaf to the plain or html list (multipart leaves are defects: keep as text)."""
    if ctype == "text/html":
        html.append(decode_part(part))
    elif ctype == "text/plain" or ctype.startswith("multipart/"):
        plain.append(decode_part(part))


def check_limits(count: int, depth: int, deadline: float) -> None:
    """Raise LimitError when a walk exceeds parts, depth or time."""
    if count > MAX_PARTS:
        raise LimitError(f"too many MIME parts (over {MAX_PARTS})")
    if depth > MAX_DEPTH:
        raise LimitError(f"MIME nesting too deep (over {MAX_DEPTH})")
    if time.monotonic() > deadline:
        raise LimitError(f"took too long (over {TIME_BUDGET_S:g} s)")


def parse_message(data: bytes, source: str | None = None, truncated: bool = False) -> Message:
    """Bytes of one RFC 822 message -> Message; never raises, sets error instead."""
    if len(data) > MAX_MESSAGE_BYTES:
        data, truncated = data[:MAX_MESSAGE_BYTES], True
    try:
        return _parse_checked(data, source, truncated)
    except LimitError as exc:
        return Message(text="", source=source, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad message never stops a container
        return Message(text="", source=source, error=f"could not parse message ({type(exc).__name__})")


def _parse_checked(data: bytes, source: str | None, truncated: bool) -> Message:
    """parse_message without the safety net."""
    deadline = time.monotonic() + TIME_BUDGET_S
    if header_block_size(data) > MAX_HEADER_BYTES:
        raise LimitError(f"header block too large (over {MAX_HEADER_BYTES // 1024} KB)")
    msg = parse_email(data)
    fields = header_fields(msg)
    try:
        plain, html, encrypted = collect_bodies(msg, deadline)
    except LimitError:
        raise
    except Exception:  # noqa: BLE001 - retry the walk on the lenient legacy parse
        plain, html, encrypted = collect_bodies(BytesParser(policy=policy.compat32).parsebytes(data), deadline)
    return Message(
        text="\n\n".join(p for p in plain if p.strip()),
        html="\n".join(html) if html else None,
        source=source,
        error=body_error(plain, html, encrypted, truncated),
        **fields,
    )


def body_error(plain: list[str], html: list[str], encrypted: bool, truncated: bool) -> str | None:
    """The error to record for a parsed message, if any."""
    if truncated:
        return f"message too large (over {MAX_MESSAGE_BYTES // 2**20} MB): only the start was read"
    readable = any(p.strip() for p in plain + html)
    if encrypted and not readable:
        return "body not readable (encrypted or signed-only content)"
    return None
