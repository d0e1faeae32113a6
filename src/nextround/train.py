"""Annotated corpus -> splits -> fitted models + meta.json -> metrics.

    nextround train [--corpus DIR] [--output DIR]

Every model is a scikit-learn linear estimator (FAMILY: a linear SVM by
default, or logistic regression) on the tf-idf features of model.py, fitted
with a fixed seed on the train split; calibration and per-label thresholds are
chosen on the hand-written dev split; scores are measured on the test split
(hand-written messages, never the generator's banks).
"""
from __future__ import annotations

import json
import math
import platform
from collections import Counter
from pathlib import Path

import numpy as np

from . import clean, corpus
from .model import LinearModel, Vectorizer, features
from .pipeline import message_counts
from .schema import BOOLEAN_FIELDS as FLAGS, CATEGORIES, STAGES, STATED_REASONS
from .sentences import split_sentences

SEED = 13
MIN_DF = 2
# Hand-written messages are closer to real mail than the generator's
# compositions: they count this many times in fitting, and when the dev split
# has hand-written messages, calibration and thresholds are chosen on those.
HANDWRITTEN_WEIGHT = 12.0
C_VALUE = 1.0
# The estimator family: "svm" (linear SVM, hinge loss) or "logistic". Scores
# are calibrated on dev either way; see models/README.md for the comparison.
FAMILY = "svm"
SVM_C = 0.5


def record_body(rec: dict) -> str:
    if rec.get("format") == "html":
        return clean.clean_body("", rec["text"])
    return clean.clean_body(rec["text"], None)


def prepared(records: list[dict]) -> list[dict]:
    """Each record with its cleaned sentences (computed once)."""
    return [{**rec, "sentences": split_sentences(record_body(rec))} for rec in records]


def fit_vectorizer(records: list[dict]) -> Vectorizer:
    """Vocabulary (min_df) and smooth idf over the train messages."""
    df: Counter[str] = Counter()
    for rec in records:
        feats = set(features(rec.get("subject", "")))
        for s in rec["sentences"]:
            feats.update(features(s))
        df.update(feats)
    kept = sorted(f for f, n in df.items() if n >= MIN_DF)
    n = len(records)
    idf = np.array([math.log((1 + n) / (1 + df[f])) + 1.0 for f in kept])
    return Vectorizer({f: i for i, f in enumerate(kept)}, idf)


def to_matrix(vectorizer: Vectorizer, counts_list: list[dict[int, int]]):
    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    for r, counts in enumerate(counts_list):
        index, values = vectorizer.vector(counts)
        rows += [r] * len(index)
        cols += index.tolist()
        vals += values.tolist()
    return csr_matrix((vals, (rows, cols)), shape=(len(counts_list), len(vectorizer.vocabulary)))


def message_matrix(vectorizer: Vectorizer, records: list[dict]):
    return to_matrix(vectorizer, [message_counts(vectorizer, r.get("subject", ""), r["sentences"])[0] for r in records])


def sentence_rows(records: list[dict]) -> tuple[list[str], list[set[str]], list[int]]:
    """Sentences of rejections with the reasons they state, and their message index."""
    texts, labels, owner = [], [], []
    for i, rec in enumerate(records):
        if rec["category"] != "rejection":
            continue
        for sentence, found in zip(rec["sentences"], corpus.sentence_labels(rec["sentences"], rec.get("evidence", {}))):
            texts.append(sentence)
            labels.append(found)
            owner.append(i)
    return texts, labels, owner


def weights(records: list[dict]) -> np.ndarray:
    return np.array([HANDWRITTEN_WEIGHT if r.get("author") == "handwritten" else 1.0 for r in records])


def tuning_set(dev: list[dict]) -> list[dict]:
    """The dev messages used for calibration and thresholds (hand-written ones when there are some)."""
    written = [r for r in dev if r.get("author") == "handwritten"]
    return written if len([r for r in written if r["category"] == "rejection"]) >= 50 else dev


def _estimator(C: float = C_VALUE, balanced: bool = False):
    """The linear estimator of the chosen family, with a fixed seed."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    weight = "balanced" if balanced else None
    if FAMILY == "svm":
        return LinearSVC(C=SVM_C, class_weight=weight, random_state=SEED, max_iter=5000)
    return LogisticRegression(C=C, max_iter=3000, random_state=SEED, class_weight=weight)


def fit_multiclass(X, y: list[str], labels: list[str], w: np.ndarray | None = None) -> LinearModel:
    present = [l for l in labels if l in set(y)]
    clf = _estimator().fit(X, y, sample_weight=w)
    order = [list(clf.classes_).index(l) for l in present]
    return LinearModel("multiclass", present, clf.coef_[order], clf.intercept_[order],
                       np.ones(1), np.zeros(1))


def fit_multilabel(X, Y: np.ndarray, labels: list[str], w: np.ndarray | None = None) -> LinearModel:
    coefs, intercepts = [], []
    for j in range(len(labels)):
        clf = _estimator(balanced=True).fit(X, Y[:, j], sample_weight=w)
        coefs.append(clf.coef_[0])
        intercepts.append(clf.intercept_[0])
    n = len(labels)
    return LinearModel("multilabel", list(labels), np.vstack(coefs), np.array(intercepts), np.ones(n), np.zeros(n))


def calibrate_multiclass(model: LinearModel, X, y: list[str]) -> None:
    """Vector scaling on dev: one temperature and a bias per class, minimising log-loss.

    The biases correct the class priors of a training set in which generated
    rejections are plentiful; a small L2 penalty keeps them modest.
    """
    from scipy.optimize import minimize

    scores = np.asarray(X @ model.coef.T) + model.intercept
    keep = np.array([t in model.labels for t in y])
    truth = np.array([model.labels.index(t) for t in np.array(y)[keep]])
    scores = scores[keep]

    def loss(params: np.ndarray) -> float:
        z = params[0] * scores + params[1:]
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return -logp[np.arange(len(truth)), truth].mean() + 0.01 * float(params[1:] @ params[1:])

    start = np.concatenate([[1.0], np.zeros(len(model.labels))])
    best = minimize(loss, start, method="L-BFGS-B").x
    model.calib_a = np.array([best[0]])
    model.calib_b = best[1:]


def calibrate_multilabel(model: LinearModel, X, Y: np.ndarray) -> None:
    """Platt scaling per label on dev scores."""
    from sklearn.linear_model import LogisticRegression

    scores = np.asarray(X @ model.coef.T) + model.intercept
    for j in range(len(model.labels)):
        if len(set(Y[:, j])) < 2:
            continue
        platt = LogisticRegression(C=100.0).fit(scores[:, [j]], Y[:, j])
        model.calib_a[j], model.calib_b[j] = platt.coef_[0, 0], platt.intercept_[0]


def best_threshold(probs: np.ndarray, truth: np.ndarray) -> float:
    """The threshold with the best F1 on dev, smoothed over its neighbours.

    Dev F1 is flat and noisy near its peak, so each candidate is scored by the
    mean F1 of the thresholds within 0.05 of it, and ties go to the one nearest
    0.5 (the calibrated midpoint). This keeps thresholds stable between runs.
    """
    grid = np.round(np.arange(0.05, 0.951, 0.025), 3)
    f1 = np.array([2 * float((probs >= t)[truth].sum()) / max(float((probs >= t).sum() + truth.sum()), 1.0)
                   for t in grid])
    smooth = np.array([f1[np.abs(grid - t) <= 0.051].mean() for t in grid])
    best = np.flatnonzero(smooth >= smooth.max() - 1e-9)
    return float(grid[best[np.argmin(np.abs(grid[best] - 0.5))]])


def label_matrix(rows: list[set[str]] | list[list[str]], labels: tuple[str, ...]) -> np.ndarray:
    return np.array([[label in row for label in labels] for row in rows], dtype=bool).reshape(len(rows), len(labels))


def fit_reasons(vec: Vectorizer, train: list[dict], dev: list[dict]) -> tuple[LinearModel, dict[str, float]]:
    """The sentence-level reason model, Platt-calibrated and thresholded on dev messages."""
    texts, labels, owner = sentence_rows(train)
    model = fit_multilabel(to_matrix(vec, [vec.counts(t) for t in texts]),
                           label_matrix(labels, STATED_REASONS), list(STATED_REASONS), weights(train)[owner])
    dev = tuning_set(dev)
    dtexts, dlabels, owner = sentence_rows(dev)
    Xd = to_matrix(vec, [vec.counts(t) for t in dtexts])
    calibrate_multilabel(model, Xd, label_matrix(dlabels, STATED_REASONS))
    probs = 1 / (1 + np.exp(-(model.calib_a * (np.asarray(Xd @ model.coef.T) + model.intercept) + model.calib_b)))
    messages = sorted(set(owner))
    pooled = np.array([probs[[k for k, o in enumerate(owner) if o == m]].max(axis=0) for m in messages])
    truth = label_matrix([dev[m]["reasons"] for m in messages], STATED_REASONS)
    thresholds = {label: best_threshold(pooled[:, j], truth[:, j]) for j, label in enumerate(STATED_REASONS)}
    return model, thresholds


def fit_flags(vec: Vectorizer, train: list[dict], dev: list[dict]) -> tuple[LinearModel, dict[str, float]]:
    rtrain = [r for r in train if r["category"] == "rejection"]
    rdev = [r for r in tuning_set(dev) if r["category"] == "rejection"]
    truth = lambda recs: np.array([[bool(r[f]) for f in FLAGS] for r in recs])  # noqa: E731
    model = fit_multilabel(message_matrix(vec, rtrain), truth(rtrain), list(FLAGS), weights(rtrain))
    Xd = message_matrix(vec, rdev)
    calibrate_multilabel(model, Xd, truth(rdev))
    probs = np.vstack([model.proba(vec.vector(c)) for c in
                       (message_counts(vec, r.get("subject", ""), r["sentences"])[0] for r in rdev)])
    return model, {f: best_threshold(probs[:, j], truth(rdev)[:, j]) for j, f in enumerate(FLAGS)}


def fit_pipeline(train: list[dict], dev: list[dict], output: Path) -> dict:
    """Fit every model and write the pipeline directory; returns the thresholds."""
    vec = fit_vectorizer(train)
    category = fit_multiclass(message_matrix(vec, train), [r["category"] for r in train], list(CATEGORIES), weights(train))
    tune = tuning_set(dev)
    calibrate_multiclass(category, message_matrix(vec, tune), [r["category"] for r in tune])
    reasons, reason_thresholds = fit_reasons(vec, train, dev)
    rtrain = [r for r in train if r["category"] == "rejection"]
    stage = fit_multiclass(message_matrix(vec, rtrain), [r["stage"] for r in rtrain], list(STAGES), weights(rtrain))
    rdev = [r for r in tune if r["category"] == "rejection"]
    calibrate_multiclass(stage, message_matrix(vec, rdev), [r["stage"] for r in rdev])
    flags, flag_thresholds = fit_flags(vec, train, dev)
    output.mkdir(parents=True, exist_ok=True)
    vec.save(output)
    for name, model in (("category", category), ("reasons", reasons), ("stage", stage), ("flags", flags)):
        model.save(output, name)
    return {**reason_thresholds, **flag_thresholds}


def versions() -> dict[str, str]:
    import sklearn

    from . import __version__

    return {"nextround": __version__, "python": platform.python_version(),
            "scikit-learn": sklearn.__version__, "numpy": np.__version__}


def train(corpus_dir: Path, output: Path) -> dict:
    """Train every model from the corpus into `output`; returns meta.json's content."""
    from . import evaluate, pipeline

    paths = corpus.corpus_files(corpus_dir)
    records = corpus.load_records(paths)
    train_set, dev_set = (prepared(corpus.split(records, s)) for s in ("train", "dev"))
    thresholds = fit_pipeline(train_set, dev_set, output)
    meta = {
        "name": output.name, "created_by": "nextround train", "seed": SEED,
        "versions": versions(), "corpus_hash": corpus.corpus_hash(paths),
        "corpus_files": [p.name for p in paths],
        "sizes": {s: len(corpus.split(records, s)) for s in ("train", "dev", "test")},
        "labels": {"category": list(CATEGORIES), "reasons": list(STATED_REASONS) + ["no_reason_given"],
                   "stage": list(STAGES), "flags": list(FLAGS)},
        "thresholds": thresholds, "scores": {},
        "majority": evaluate.majority_labels(corpus.split(records, "train")),
    }
    (output / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    pipe = pipeline.Pipeline.from_directory(output)
    meta["scores"]["test"] = evaluate.evaluate(pipe, corpus.split(records, "test"))["model"]
    (output / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return meta
