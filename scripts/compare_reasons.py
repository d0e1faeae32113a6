"""Compare model families for the stated reasons, on the same splits.

    python scripts/compare_reasons.py [--corpus corpora/annotated] [--real ../shared/data/real-dev/emails.jsonl]

Families:
  sentence-svm  the shipped design: a linear SVM per reason on each sentence's
                tf-idf word and character n-grams, Platt-scaled on dev and
                pooled by max (gives evidence sentences for free)
  sentence-lr   the same with logistic regression
  message-svm   the same features and estimator on the whole message
  spacy-bow     spaCy textcat_multilabel (TextCatBOW, uni+bigrams) on the message
  spacy-ensemble spaCy textcat_multilabel default (BOW + tok2vec ensemble)
Per-label thresholds are chosen on dev for every family; scores are on test
(and on the real emails when given). Prints a Markdown table.
"""
from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import numpy as np

from nextround import corpus
from nextround.evaluate import macro_f1, micro_f1, per_label
from nextround.model import merge
from nextround.schema import STATED_REASONS
from nextround.train import (best_threshold, fit_multilabel, fit_reasons, fit_vectorizer,
                             label_matrix, message_matrix, prepared)

SEED = 13
REPEAT_HANDWRITTEN = 4


def decide(probs: np.ndarray, thresholds: list[float]) -> list[set[str]]:
    out = []
    for row in probs:
        found = {label for label, p, t in zip(STATED_REASONS, row, thresholds) if p >= t}
        out.append(found or {"no_reason_given"})
    return out


def scores(gold: list[dict], pred: list[set[str]]) -> tuple[float, float]:
    g = [set(r["reasons"]) for r in gold]
    labels = tuple(STATED_REASONS) + ("no_reason_given",)
    return micro_f1(g, pred), macro_f1(per_label(g, pred, labels))


def tune(dev_probs: np.ndarray, dev: list[dict]) -> list[float]:
    truth = label_matrix([r["reasons"] for r in dev], STATED_REASONS)
    return [best_threshold(dev_probs[:, j], truth[:, j]) for j in range(len(STATED_REASONS))]


def sentence_model(vec, train, dev, family):
    import nextround.train as T

    T.FAMILY = family
    model, thresholds = fit_reasons(vec, train, dev)

    def probs(recs):
        rows = []
        for r in recs:
            ps = [model.proba(vec.vector(vec.counts(s))) for s in r["sentences"]] or [np.zeros(len(STATED_REASONS))]
            rows.append(np.max(ps, axis=0))
        return np.vstack(rows)
    return probs, [thresholds[l] for l in STATED_REASONS]


def message_model(vec, train, dev):
    import nextround.train as T

    T.FAMILY = "svm"
    model = fit_multilabel(message_matrix(vec, train), label_matrix([r["reasons"] for r in train], STATED_REASONS),
                           list(STATED_REASONS))

    def probs(recs):
        return np.vstack([model.proba(vec.vector(merge(*[vec.counts(s) for s in r["sentences"]]))) for r in recs])
    dev = [r for r in dev if r.get("author") == "handwritten"] or dev
    from nextround.train import calibrate_multilabel
    calibrate_multilabel(model, message_matrix(vec, dev), label_matrix([r["reasons"] for r in dev], STATED_REASONS))
    return probs, tune(probs(dev), dev)


def spacy_textcat(train, dev, architecture: str | None, epochs: int = 12):
    import spacy
    from spacy.training import Example

    spacy.util.fix_random_seed(SEED)
    nlp = spacy.blank("en")
    config = {"model": {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False,
                        "ngram_size": 2, "no_output_layer": False}} if architecture == "bow" else {}
    textcat = nlp.add_pipe("textcat_multilabel", config=config)
    for label in STATED_REASONS:
        textcat.add_label(label)
    text = lambda r: " ".join(r["sentences"]) + " ."  # noqa: E731  (BOW n-grams fail on docs under 2 tokens)
    # spaCy's update takes no sample weights: hand-written messages are repeated instead.
    weighted = [r for r in train for _ in range(REPEAT_HANDWRITTEN if r.get("author") == "handwritten" else 1)]
    examples = [Example.from_dict(nlp.make_doc(text(r)), {"cats": {l: float(l in r["reasons"]) for l in STATED_REASONS}})
                for r in weighted]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(SEED)
    for _ in range(epochs):
        rng.shuffle(examples)
        for batch in spacy.util.minibatch(examples, size=32):
            nlp.update(batch, sgd=optimizer, drop=0.2)

    def probs(recs):
        return np.array([[doc.cats[l] for l in STATED_REASONS] for doc in nlp.pipe(text(r) for r in recs)])
    dev = [r for r in dev if r.get("author") == "handwritten"] or dev
    return probs, tune(probs(dev), dev)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=Path("corpora/annotated"))
    parser.add_argument("--real", type=Path, default=None)
    parser.add_argument("--families", default="sentence-svm,sentence-lr,message-svm,spacy-bow,spacy-ensemble")
    args = parser.parse_args()
    records = corpus.load_records(corpus.corpus_files(args.corpus))
    rej = lambda recs: [r for r in recs if r["category"] == "rejection"]  # noqa: E731
    train, dev, test = (prepared(rej(corpus.split(records, s))) for s in ("train", "dev", "test"))
    real = prepared(rej(list(corpus.read_jsonl(args.real)))) if args.real else []
    vec = fit_vectorizer(prepared(corpus.split(records, "train")))
    builders = {"sentence-svm": lambda: sentence_model(vec, train, dev, "svm"),
                "sentence-lr": lambda: sentence_model(vec, train, dev, "logistic"),
                "message-svm": lambda: message_model(vec, train, dev),
                "spacy-bow": lambda: spacy_textcat(train, dev, "bow"),
                "spacy-ensemble": lambda: spacy_textcat(train, dev, None, epochs=6)}
    print("| family | test micro-F1 | test macro-F1 | real micro-F1 | real macro-F1 | fit s | evidence |")
    print("|---|---|---|---|---|---|---|")
    for name in args.families.split(","):
        start = time.perf_counter()
        probs, thresholds = builders[name]()
        fit = time.perf_counter() - start
        t = scores(test, decide(probs(test), thresholds))
        r = scores(real, decide(probs(real), thresholds)) if real else (float("nan"),) * 2
        evidence = "per sentence" if name.startswith("sentence") else "none"
        print(f"| {name} | {t[0]:.3f} | {t[1]:.3f} | {r[0]:.3f} | {r[1]:.3f} | {fit:.0f} | {evidence} |", flush=True)


if __name__ == "__main__":
    main()
