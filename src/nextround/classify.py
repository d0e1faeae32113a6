"""Stated reasons: a sentence-level multi-label model, pooled over the message.

Each sentence gets a probability per reason; a reason is stated when its best
sentence clears the reason's threshold (chosen on the dev split), and the
sentences that clear it are its evidence. With no reason stated, the answer is
`no_reason_given`, whose confidence is how far the best sentence fell short.
"""
from __future__ import annotations

import numpy as np

from .model import Counts, LinearModel, Vectorizer
from .schema import ReasonFinding

MAX_EVIDENCE = 3


def sentence_probabilities(model: LinearModel, vectorizer: Vectorizer,
                           sentence_counts: list[Counts]) -> np.ndarray:
    """A (sentences x reasons) matrix of probabilities."""
    if not sentence_counts:
        return np.zeros((0, len(model.labels)))
    return np.vstack([model.proba(vectorizer.vector(c)) for c in sentence_counts])


def pooled(probs: np.ndarray, labels: list[str]) -> dict[str, float]:
    """The message-level probability of each reason: its best sentence."""
    if probs.shape[0] == 0:
        return {label: 0.0 for label in labels}
    return dict(zip(labels, map(float, probs.max(axis=0))))


def stated_reasons(model: LinearModel, vectorizer: Vectorizer, sentences: list[str],
                   sentence_counts: list[Counts], thresholds: dict[str, float]) -> list[ReasonFinding]:
    """Reasons the message states, most confident first, each with its evidence."""
    probs = sentence_probabilities(model, vectorizer, sentence_counts)
    found = []
    for j, label in enumerate(model.labels):
        threshold = thresholds.get(label, 0.5)
        hits = [i for i in range(len(sentences)) if probs[i, j] >= threshold]
        if hits:
            best = sorted(hits, key=lambda i: -probs[i, j])[:MAX_EVIDENCE]
            evidence = [sentences[i] for i in sorted(best)]
            found.append(ReasonFinding(label, float(probs[:, j].max()), evidence))
    if not found:
        top = float(probs.max()) if probs.size else 0.0
        return [ReasonFinding("no_reason_given", round(1.0 - top, 4), [])]
    return sorted(found, key=lambda r: -r.confidence)
