"""Read messages from any input: pasted text, .eml, .msg, mbox, Maildir, folders, CSV, JSON Lines.

Every reader yields `nextround.schema.Message`; a message that cannot be parsed is
yielded with `error` set. `InputError` is raised only when an input cannot be used at all.
"""
from __future__ import annotations

import itertools
from dataclasses import replace
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from nextround.ingest.errors import InputError
from nextround.ingest.maildir import iter_message_files
from nextround.ingest.mbox import split_mbox, sniff_mbox
from nextround.ingest.mime import MAX_MESSAGE_BYTES, bom_codec, decode_bytes, looks_like_headers, parse_message
from nextround.ingest.msg import OLE_MAGIC, read_msg
from nextround.ingest.tabular import csv_columns, jsonl_column, read_csv, read_jsonl
from nextround.schema import Message

__all__ = ["InputError", "RawMessage", "read_path", "read_paths", "read_raw_paths", "read_text"]

MBOX_SUFFIXES = {".mbox", ".mbx", ".mbs"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
# Start-of-file signatures of formats that are not mail (PDF, ZIP/Office, gzip, PNG, JPEG, GIF).
BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")
HEAD_BYTES = 8192


def read_text(text: str, source: str = "<stdin>") -> Message:
    """Pasted text -> Message: parsed as RFC 822 when it starts with headers, else a plain body."""
    body = strip_from_line(text)
    if looks_like_headers(body):
        return parse_message(to_bytes(body), source)
    if len(text) > MAX_MESSAGE_BYTES:
        return Message(text=text[:MAX_MESSAGE_BYTES], source=source, error="text too large: only the start was read")
    return Message(text=text.lstrip("\ufeff"), source=source)


def to_bytes(text: str) -> bytes:
    """str -> bytes, restoring bytes that were decoded with surrogateescape."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace")


def strip_from_line(text: str) -> str:
    """Drop a leading BOM and mbox From_ line from pasted text."""
    text = text.lstrip("\ufeff")
    if text.startswith("From ") and not text.startswith("From: "):
        return text.partition("\n")[2]
    return text


def read_paths(paths: Iterable[str | Path]) -> Iterator[Message]:
    """Messages from several inputs in order; every input is checked before any is read."""
    return itertools.chain.from_iterable([read_path(p) for p in paths])


def read_path(path: str | Path) -> Iterator[Message]:
    """Messages from one file or folder, format auto-detected; InputError if it cannot be used."""
    p = Path(path)
    if p.is_dir():
        return read_folder(p)
    return reader_for(p, detect_format(p))


def read_folder(root: Path) -> Iterator[Message]:
    """Every message file under a folder or Maildir; an unusable file becomes an error record."""
    for file in iter_message_files(root):
        try:
            yield from reader_for(file, detect_format(file))
        except InputError as exc:
            yield Message(text="", source=str(file), error=str(exc))


def detect_format(p: Path) -> str:
    """The format of a file: msg, mbox, csv, jsonl, eml, html or text (InputError otherwise)."""
    head = read_head(p)
    suffix = p.suffix.lower()
    if head.startswith(OLE_MAGIC):
        return "msg"
    if suffix == ".csv":
        return "csv"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in MBOX_SUFFIXES or (sniff_mbox(head) and suffix != ".eml"):
        return "mbox"
    if head.startswith(BINARY_MAGIC):
        raise unsupported(p)
    if suffix in (".eml", ".msg") or looks_like_headers(decode_bytes(head), strict=suffix in TEXT_SUFFIXES):
        return "eml"
    if b"\x00" in head and not bom_codec(head):
        if suffix:
            raise unsupported(p)
        return "eml"  # extension-less mail, however damaged (fuzzed headers carry NULs)
    return "html" if suffix in HTML_SUFFIXES else "text"


def unsupported(p: Path) -> InputError:
    """The error for a file that is not mail."""
    return InputError(f"unsupported file format ({p}). Give an .eml, .msg, mbox, CSV, JSON Lines or text file.")


def read_head(p: Path) -> bytes:
    """The first bytes of a file, with InputError for missing or unreadable files."""
    try:
        with open(p, "rb") as fh:
            return fh.read(HEAD_BYTES)
    except FileNotFoundError:
        raise InputError(f"file not found ({p}). Check the path and try again.") from None
    except IsADirectoryError:
        raise InputError(f"not a file ({p}). Give a file or a folder of messages.") from None
    except OSError as exc:
        raise InputError(f"cannot read file ({p}): {exc.strerror or exc}. Check its permissions.") from None


def reader_for(p: Path, kind: str) -> Iterator[Message]:
    """The iterator for one file of a known format (CSV/JSONL columns are checked now)."""
    if kind == "csv":
        csv_columns(p)
        return read_csv(p)
    if kind == "jsonl":
        jsonl_column(p)
        return read_jsonl(p)
    readers = {"mbox": read_mbox, "msg": lambda x: iter([read_msg(x)]), "html": read_html, "eml": read_eml}
    return readers.get(kind, read_plain)(p)


def read_mbox(p: Path) -> Iterator[Message]:
    """An mbox file, streamed: each message's source is path:N."""
    with open(p, "rb") as fh:
        for n, (raw, truncated) in enumerate(split_mbox(fh), start=1):
            yield parse_message(raw, f"{p}:{n}", truncated)


def read_bounded(p: Path) -> tuple[bytes, bool]:
    """A file's bytes up to the message size limit, and whether it was longer."""
    with open(p, "rb") as fh:
        data = fh.read(MAX_MESSAGE_BYTES + 1)
    return data[:MAX_MESSAGE_BYTES], len(data) > MAX_MESSAGE_BYTES


def read_eml(p: Path) -> Iterator[Message]:
    """One .eml or extension-less RFC 822 file (a leading From_ line is dropped)."""
    data, truncated = read_bounded(p)
    if data.startswith(b"From "):
        data = data.partition(b"\n")[2]
    yield parse_message(data, str(p), truncated)


def read_plain(p: Path) -> Iterator[Message]:
    """A plain-text file: the pasted-text rules apply."""
    data, truncated = read_bounded(p)
    msg = read_text(decode_bytes(data), str(p))
    yield replace(msg, error=msg.error or "file too large: only the start was read") if truncated else msg


def read_html(p: Path) -> Iterator[Message]:
    """A saved HTML email: html set, text left for clean_body to derive."""
    data, truncated = read_bounded(p)
    error = "file too large: only the start was read" if truncated else None
    yield Message(text="", html=decode_bytes(data), source=str(p), error=error)


class RawMessage(NamedTuple):
    """One RFC 822 message not parsed yet: `parse_message(*raw)` gives what read_paths yields."""

    data: bytes
    source: str
    truncated: bool = False


def read_raw_paths(paths: Iterable[str | Path]) -> Iterator[Message | RawMessage]:
    """Like read_paths, but mbox and .eml messages come as RawMessage, so the caller decides
    where (and whether) to parse them; other formats come as Message. Same order, same checks."""
    return itertools.chain.from_iterable([read_raw_path(p) for p in paths])


def read_raw_path(path: str | Path) -> Iterator[Message | RawMessage]:
    p = Path(path)
    if p.is_dir():
        return read_raw_folder(p)
    return raw_reader_for(p, detect_format(p))


def read_raw_folder(root: Path) -> Iterator[Message | RawMessage]:
    for file in iter_message_files(root):
        try:
            yield from raw_reader_for(file, detect_format(file))
        except InputError as exc:
            yield Message(text="", source=str(file), error=str(exc))


def raw_reader_for(p: Path, kind: str) -> Iterator[Message | RawMessage]:
    if kind == "mbox":
        return raw_mbox(p)
    if kind == "eml":
        return raw_eml(p)
    return reader_for(p, kind)


def raw_mbox(p: Path) -> Iterator[RawMessage]:
    with open(p, "rb") as fh:
        for n, (raw, truncated) in enumerate(split_mbox(fh), start=1):
            yield RawMessage(raw, f"{p}:{n}", truncated)


def raw_eml(p: Path) -> Iterator[RawMessage]:
    data, truncated = read_bounded(p)
    if data.startswith(b"From "):
        data = data.partition(b"\n")[2]
    yield RawMessage(data, str(p), truncated)
