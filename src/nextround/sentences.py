"""Split cleaned message text into sentences, keeping each sentence's own words.

A regex splitter: fast, no model, good enough for email prose, bullet lists
and one-line paragraphs. Abbreviations that end in a dot do not end a sentence.
"""
from __future__ import annotations

import re

_ABBREVIATIONS = {
    "e.g", "i.e", "mr", "mrs", "ms", "dr", "prof",
    "jr", "sr", "st", "vs", "no", "approx", "dept", "univ", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "a.m", "p.m",
}
_BREAK = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u25aa\u25cf>]+|\d{1,2}[.)])\s+")


def _ends_with_abbreviation(chunk: str) -> bool:
    word = chunk.rstrip(".!?\"')]").rsplit(None, 1)[-1:] or [""]
    token = word[0].lower().rstrip(".")
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _split_line(line: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _BREAK.finditer(line):
        chunk = line[start:match.start()]
        if chunk.strip() and not _ends_with_abbreviation(line[start:match.start() + 1]):
            pieces.append(chunk)
            start = match.end()
    pieces.append(line[start:])
    return [p.strip() for p in pieces if p.strip()]


def paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks, with soft-wrapped lines joined."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    out: list[str] = []
    for block in blocks:
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if any(_BULLET.match(ln) for ln in lines) or _looks_like_list(lines):
            out.extend(lines)
        elif lines:
            out.append(" ".join(lines))
    return out


def _looks_like_list(lines: list[str]) -> bool:
    """Short lines that each end a sentence (or a salutation) are kept apart."""
    return len(lines) > 1 and all(len(ln) < 60 or ln[-1] in ".!?:" for ln in lines)


def split_sentences(text: str) -> list[str]:
    """Sentences of `text` in order; bullets and short lines stand alone."""
    out: list[str] = []
    for block in paragraphs(text):
        out.extend(_split_line(_BULLET.sub("", block)))
    return out
