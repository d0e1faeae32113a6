"""What kind of message is it: one category from the taxonomy, with its probability."""
from __future__ import annotations

from .model import Counts, LinearModel, Vectorizer


def category(model: LinearModel, vectorizer: Vectorizer, counts: Counts) -> tuple[str, float]:
    """The most probable category of a message given its feature counts."""
    probs = model.proba_dict(vectorizer.vector(counts))
    label = max(probs, key=probs.__getitem__)
    return label, probs[label]
