"""Text features and the linear scorers that the trained pipeline runs.

Training fits scikit-learn estimators on these features (see train.py) and
exports their weights here, so analysing a message needs only numpy: the CLI
starts fast and the model files are plain arrays and JSON, not pickles.
"""
from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_WORD = re.compile(r"[a-z0-9]+(?:['+#.][a-z0-9]+)*[+#]*")
_NUMBER = re.compile(r"\d")


def words(text: str) -> list[str]:
    """Lower-case word tokens; digits folded to 0 so dates and ids generalise."""
    return [_NUMBER.sub("0", w) for w in _WORD.findall(text.lower())]


@functools.lru_cache(maxsize=200_000)
def _char_grams(token: str) -> tuple[str, ...]:
    padded = f" {token} "
    return tuple(
        "c:" + padded[i:i + n] for n in (3, 4, 5) for i in range(max(len(padded) - n + 1, 1))
    )


def features(text: str) -> list[str]:
    """Word unigrams and bigrams plus character 3-5 grams inside words."""
    toks = words(text)
    out = ["w:" + t for t in toks]
    out += ["b:" + a + " " + b for a, b in zip(toks, toks[1:])]
    for tok in toks:
        out.extend(_char_grams(tok))
    return out


Counts = dict[int, int]


@dataclass
class Vectorizer:
    """Feature counts -> l2-normalised, sublinear tf-idf vectors (as sklearn's)."""

    vocabulary: dict[str, int]
    idf: np.ndarray

    def __post_init__(self) -> None:
        self._token_index: dict[str, list[int]] = {}

    def _token(self, token: str) -> list[int]:
        """Vocabulary indices of one token's unigram and character grams (cached)."""
        found = self._token_index.get(token)
        if found is None:
            if len(self._token_index) > 200_000:
                self._token_index.clear()
            vocab = self.vocabulary
            grams = ("w:" + token, *_char_grams(token))
            found = self._token_index[token] = [i for i in map(vocab.get, grams) if i is not None]
        return found

    def counts(self, text: str) -> Counts:
        """The same counts as `features(text)` looked up in the vocabulary, computed per token."""
        toks = words(text)
        index: list[int] = []
        for tok in toks:
            index.extend(self._token(tok))
        vocab = self.vocabulary
        for a, b in zip(toks, toks[1:]):
            i = vocab.get("b:" + a + " " + b)
            if i is not None:
                index.append(i)
        return dict(Counter(index))

    def vector(self, counts: Counts) -> tuple[np.ndarray, np.ndarray]:
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        index = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=float, count=len(counts))
        values = tf * self.idf[index]
        return index, values / np.linalg.norm(values)

    def save(self, directory: Path) -> None:
        vocab = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        (directory / "vocabulary.json").write_text(json.dumps(vocab), encoding="utf-8")
        np.save(directory / "idf.npy", self.idf.astype(np.float32))

    @classmethod
    def load(cls, directory: Path) -> "Vectorizer":
        vocab = json.loads((directory / "vocabulary.json").read_text(encoding="utf-8"))
        return cls({f: i for i, f in enumerate(vocab)}, np.load(directory / "idf.npy").astype(float))


def merge(*parts: Counts) -> Counts:
    """Counts of a text made of several parts (the message from its sentences)."""
    total: Counter[int] = Counter()
    for part in parts:
        total.update(part)
    return dict(total)


@dataclass
class LinearModel:
    """Linear scores -> calibrated probabilities.

    `kind` "multiclass": softmax over `labels` after vector scaling (a
    temperature `calib_a[0]` and a bias per class `calib_b`); "multilabel":
    one sigmoid per label with its own Platt scaling (`calib_a`, `calib_b`).
    Both are fitted on the dev split.
    """

    kind: str
    labels: list[str]
    coef: np.ndarray
    intercept: np.ndarray
    calib_a: np.ndarray
    calib_b: np.ndarray

    def scores(self, vector: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        index, values = vector
        return self.coef[:, index] @ values + self.intercept

    def proba(self, vector: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        z = self.calib_a * self.scores(vector) + self.calib_b
        if self.kind == "multiclass":
            e = np.exp(z - z.max())
            return e / e.sum()
        return 1.0 / (1.0 + np.exp(-z))

    def proba_dict(self, vector: tuple[np.ndarray, np.ndarray]) -> dict[str, float]:
        return dict(zip(self.labels, map(float, self.proba(vector))))

    def save(self, directory: Path, name: str) -> None:
        (directory / f"{name}.json").write_text(
            json.dumps({"kind": self.kind, "labels": self.labels}), encoding="utf-8"
        )
        np.savez_compressed(
            directory / f"{name}.npz", coef=self.coef.astype(np.float32),
            intercept=self.intercept, calib_a=self.calib_a, calib_b=self.calib_b,
        )

    @classmethod
    def load(cls, directory: Path, name: str) -> "LinearModel":
        meta = json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))
        arrays = np.load(directory / f"{name}.npz")
        return cls(
            kind=meta["kind"], labels=meta["labels"], coef=arrays["coef"].astype(float),
            intercept=arrays["intercept"], calib_a=arrays["calib_a"], calib_b=arrays["calib_b"],
        )
