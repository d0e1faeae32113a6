"""Stream an mbox file (mboxo, mboxrd, CRLF, Gmail Takeout) into raw messages."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from nextround.ingest.mime import MAX_MESSAGE_BYTES

LINE_LIMIT = 1 << 20  # read at most 1 MB per readline, so lines without \n stay bounded
BOM = b"\xef\xbb\xbf"
# "From <sender> <asctime>"; the sender may be "-" (Netscape, MimeKit) or a Gmail id.
FROM_LINE = re.compile(rb"From (\S+)[ \t]*(.*?)[ \t]*\r?\n?\Z", re.DOTALL)
DATE_LIKE = re.compile(
    rb"(?:[A-Z][a-z]{2},? +)?(?:[A-Z][a-z]{2} +\d{1,2}|\d{1,2} +[A-Z][a-z]{2})\b.*\d{1,2}:\d{2}"
)
QUOTED_FROM = re.compile(rb">(>*From )")


def is_separator(line: bytes, first: bool) -> bool:
    """True for an mbox From_ line; unquoted body lines such as "From Russia with love" are not."""
    if not line.startswith(b"From "):
        return False
    if first:
        return True
    match = FROM_LINE.match(line)
    if not match:
        return False
    sender, rest = match.groups()
    if rest:
        return bool(DATE_LIKE.match(rest))
    return sender == b"-" or b"@" in sender or sender.upper() == b"MAILER-DAEMON"


def unquote(line: bytes) -> bytes:
    """Undo mboxo/mboxrd quoting: ">From " -> "From ", ">>From " -> ">From "."""
    return QUOTED_FROM.sub(rb"\1", line, count=1) if line.startswith(b">") else line


def sniff_mbox(head: bytes) -> bool:
    """True when the first line of a file is an mbox From_ line."""
    return head.removeprefix(BOM).startswith(b"From ")


def finish(lines: list[bytes]) -> bytes:
    """Join a message's lines, dropping the blank line that precedes the next From_ line."""
    if lines and lines[-1] in (b"\n", b"\r\n") and (len(lines) == 1 or lines[-2].endswith(b"\n")):
        lines = lines[:-1]
    return b"".join(lines)


def split_mbox(fh: BinaryIO) -> Iterator[tuple[bytes, bool]]:
    """Yield (raw message, truncated) in file order, reading sequentially with bounded memory."""
    lines: list[bytes] = []
    size, truncated, started, first, at_line_start = 0, False, False, True, True
    while line := fh.readline(LINE_LIMIT):
        if first:
            line = line.removeprefix(BOM)
        if at_line_start and is_separator(line, first):
            if started or any(x.strip() for x in lines):
                yield finish(lines), truncated
            lines, size, truncated, started = [], 0, False, True
        else:
            if at_line_start:
                line = unquote(line)
            if size + len(line) <= MAX_MESSAGE_BYTES:
                lines.append(line)
                size += len(line)
            else:
                truncated = True
        first, at_line_start = False, line.endswith(b"\n")
    if started or any(x.strip() for x in lines):
        yield finish(lines), truncated
