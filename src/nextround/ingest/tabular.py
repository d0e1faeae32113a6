"""CSV and JSON Lines inputs: one message per row, a text column, carried columns."""
from __future__ import annotations

import codecs
import csv
import io
import json
from dataclasses import replace
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from nextround.ingest.errors import InputError
from nextround.ingest.mime import MAX_MESSAGE_BYTES, clean_header
from nextround.schema import Message

CARRIED = ("id", "date", "subject", "sender", "client")
# "text" is the contract's column; "message" is the Kaggle Enron emails.csv layout.
TEXT_COLUMNS = ("text", "message")
LINE_LIMIT = MAX_MESSAGE_BYTES


def text_column(columns: list[str], path: Path) -> str:
    """The column holding the message text, or InputError."""
    for name in TEXT_COLUMNS:
        if name in columns:
            return name
    raise InputError(
        f"no text column ({path}): it has {len(columns)} other column{'s' if len(columns) != 1 else ''}. "
        "Add a column named text holding each message."
    )


def sniff_encoding(head: bytes) -> str:
    """utf-8-sig when the start of a file is valid UTF-8, else cp1252."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8-sig"
    except UnicodeDecodeError:
        return "cp1252"


def open_text(path: Path) -> io.TextIOWrapper:
    """Open a user file read-only as text, with a sniffed encoding."""
    with open(path, "rb") as fh:
        encoding = sniff_encoding(fh.read(65536))
    return open(path, encoding=encoding, errors="replace", newline="")


def row_message(row: dict[str, Any], column: str, source: str) -> Message:
    """One row -> Message: the text parsed (as email if it starts with headers), columns carried."""
    from nextround.ingest import read_text  # local: ingest/__init__ imports this module

    value = row.get(column)
    carried = {k: row[k] for k in CARRIED if k in row}
    if not isinstance(value, str):
        return Message(text="", source=source, carried=carried, error=f"row has no {column} value")
    msg = read_text(value, source=source)
    given = {k: clean_header(str(v)) for k, v in carried.items() if v not in (None, "") and k != "client"}
    return replace(msg, **given, carried={**msg.carried, **carried})


def csv_columns(path: Path) -> str:
    """Check a CSV's header now (raising InputError) and return its text column."""
    with open_text(path) as fh:
        header = next(csv.reader(fh), [])
    return text_column([h.strip().lower() for h in header], path)


def read_csv(path: Path) -> Iterator[Message]:
    """Rows of a CSV file -> Messages, streaming; a broken row becomes an error record."""
    column = csv_columns(path)
    csv.field_size_limit(MAX_MESSAGE_BYTES)
    with open_text(path) as fh:
        reader = csv.reader(fh)
        names = [h.strip().lower() for h in next(reader, [])]
        n = 0
        while True:
            n += 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield Message(text="", source=f"{path}:{n}", error=f"bad CSV row ({exc})")
                continue
            yield row_message(dict(zip(names, cells)), column, f"{path}:{n}")


def json_row(line: str) -> dict[str, Any] | None:
    """One JSON Lines line -> a dict with lower-case keys, or None when it is not an object."""
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return {str(k).lower(): v for k, v in value.items()} if isinstance(value, dict) else None


def jsonl_column(path: Path) -> str:
    """Check the first JSON object of a file now (raising InputError) and return its text column."""
    with open_text(path) as fh:
        for line in iter(lambda: fh.readline(LINE_LIMIT), ""):
            if line.strip():
                row = json_row(line)
                if row is None:
                    raise InputError(f"not JSON Lines ({path}). Put one JSON object per line, with a text field.")
                return text_column(list(row), path)
    return TEXT_COLUMNS[0]


def read_jsonl(path: Path) -> Iterator[Message]:
    """Lines of a JSON Lines file -> Messages, streaming; a bad line becomes an error record."""
    column = jsonl_column(path)
    with open_text(path) as fh:
        n = 0
        for line in iter(lambda: fh.readline(LINE_LIMIT), ""):
            if not line.strip():
                continue
            n += 1
            row = json_row(line)
            if row is None:
                yield Message(text="", source=f"{path}:{n}", error="line is not a JSON object")
            else:
                yield row_message(row, column, f"{path}:{n}")
