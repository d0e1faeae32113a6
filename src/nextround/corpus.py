"""The annotated corpus: read records, pick splits, label sentences, hash the data."""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .schema import STATED_REASONS

CORPUS_DIR = Path("corpora/annotated")


def read_jsonl(path: Path) -> Iterator[dict]:
    """Records of one JSON Lines file; blank lines are skipped."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def corpus_files(directory: Path = CORPUS_DIR) -> list[Path]:
    files = sorted(directory.glob("*.jsonl"))
    if not files:
        raise FileNotFoundError(
            f"no annotated corpus found ({directory}/*.jsonl). Run from the repository root."
        )
    return files


def load_records(paths: Iterable[Path]) -> list[dict]:
    return [rec for path in paths for rec in read_jsonl(path)]


def split(records: list[dict], name: str) -> list[dict]:
    """Records of one split; records without a split field count as test (held-out files)."""
    return [r for r in records if r.get("split", "test") == name]


def corpus_hash(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def sentence_labels(sentences: list[str], evidence: dict[str, list[str]]) -> list[set[str]]:
    """For each sentence, the stated reasons whose evidence it overlaps."""
    normal_evidence = {
        label: [_norm(e) for e in quotes if _norm(e)]
        for label, quotes in evidence.items() if label in STATED_REASONS
    }
    labels: list[set[str]] = []
    for sentence in sentences:
        s = _norm(sentence)
        found = {
            label for label, quotes in normal_evidence.items()
            if s and any(s in q or (q in s and len(q) > 0.3 * len(s)) for q in quotes)
        }
        labels.append(found)
    return labels
