"""Outlook .msg (OLE / Compound File Binary) -> Message via extract_msg."""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nextround.ingest.mime import clean_header, decode_bytes
from nextround.schema import Message

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Outlook message classes that are mail (MS-OXCMSG): notes, signed/encrypted notes, reports.
MAIL_CLASSES = ("ipm.note", "report.ipm.note", "ipm.skypeteams.message")


def safe(getter: Callable[[], Any]) -> Any:
    """Call a property getter of extract_msg, returning None when it raises."""
    try:
        return getter()
    except Exception:  # noqa: BLE001 - extract_msg raises many kinds on damaged files
        return None


def as_text(value: Any) -> str:
    """A str or bytes body -> str (bytes decoded safely)."""
    if isinstance(value, bytes):
        return decode_bytes(value)
    return value if isinstance(value, str) else ""


def read_msg(path: Path) -> Message:
    """One .msg file -> Message; non-mail items (contacts, tasks...) get an error."""
    import extract_msg  # heavy import kept local

    logging.getLogger("extract_msg").setLevel(logging.CRITICAL)
    source = str(path)
    try:
        item = extract_msg.openMsg(str(path), delayAttachments=True, strict=False)
    except Exception as exc:  # noqa: BLE001
        return Message(text="", source=source, error=f"could not read Outlook .msg ({type(exc).__name__})")
    try:
        return message_from_item(item, source)
    finally:
        safe(item.close)


def message_from_item(item: Any, source: str) -> Message:
    """An opened extract_msg item -> Message."""
    kind = str(safe(lambda: item.classType) or "")
    if not kind.lower().startswith(MAIL_CLASSES):
        return Message(text="", source=source, error=f"not an email (Outlook {kind or 'unknown'} item)")
    date = safe(lambda: item.date)
    # Some writers store the HTML body as a string property (1013001F), which htmlBody ignores.
    html = as_text(safe(lambda: item.htmlBody)) or as_text(safe(lambda: item.getStringStream("__substg1.0_1013")))
    return Message(
        text=as_text(safe(lambda: item.body)),
        html=html or None,
        subject=clean_header(as_text(safe(lambda: item.subject))),
        sender=clean_header(as_text(safe(lambda: item.sender))),
        date=date.isoformat() if hasattr(date, "isoformat") else (clean_header(str(date)) if date else None),
        id=clean_header(as_text(safe(lambda: item.messageId))) or None,
        source=source,
    )
