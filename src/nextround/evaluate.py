"""Measure a pipeline on annotated records, beside two baselines.

Metrics: per-label precision, recall, F1 and support for category, reasons,
stage and the boolean fields; accuracy for reapply_after_months, company and
role; lenient precision and recall for skill gaps. Reasons, stage, flags and
skill gaps are scored on the messages whose gold category is `rejection`,
end to end (a rejection the detector misses loses its reasons too).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from . import baselines, clean, extract
from .schema import BOOLEAN_FIELDS as FLAGS, CATEGORIES, REASONS, STAGES, Message
from .sentences import split_sentences

Prediction = dict


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": tp + fn}


def per_label(gold: list[set[str]], pred: list[set[str]], labels: tuple[str, ...]) -> dict[str, dict]:
    out = {}
    for label in labels:
        tp = sum(label in g and label in p for g, p in zip(gold, pred))
        fp = sum(label not in g and label in p for g, p in zip(gold, pred))
        fn = sum(label in g and label not in p for g, p in zip(gold, pred))
        out[label] = prf(tp, fp, fn)
    return out


def macro_f1(table: dict[str, dict]) -> float:
    scored = [v["f1"] for v in table.values() if v["support"] > 0]
    return round(sum(scored) / len(scored), 4) if scored else 0.0


def micro_f1(gold: list[set[str]], pred: list[set[str]]) -> float:
    tp = sum(len(g & p) for g, p in zip(gold, pred))
    fp = sum(len(p - g) for g, p in zip(gold, pred))
    fn = sum(len(g - p) for g, p in zip(gold, pred))
    return prf(tp, fp, fn)["f1"]


def _norm(value: object) -> str | None:
    if value is None:
        return None
    return re.sub(r"[^a-z0-9]+", " ", str(value).lower()).strip() or None


def accuracy(gold: list, pred: list) -> float:
    return round(sum(_norm(g) == _norm(p) for g, p in zip(gold, pred)) / max(len(gold), 1), 4)


def skill_match(a: str, b: str) -> bool:
    a, b = _norm(a) or "", _norm(b) or ""
    return bool(a and b) and (a == b or a in b or b in a)


def skill_scores(gold: list[list[str]], pred: list[list[str]]) -> dict[str, float]:
    tp = sum(sum(any(skill_match(p, g) for g in gs) for p in ps) for gs, ps in zip(gold, pred))
    found = sum(sum(any(skill_match(g, p) for p in ps) for g in gs) for gs, ps in zip(gold, pred))
    n_pred, n_gold = sum(map(len, pred)), sum(map(len, gold))
    p = tp / n_pred if n_pred else 0.0
    r = found / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0, "support": n_gold}


def record_message(rec: dict) -> Message:
    html = rec["text"] if rec.get("format") == "html" else None
    return Message(text="" if html else rec["text"], html=html, subject=rec.get("subject", "") or "",
                   sender=rec.get("sender", "") or "", id=rec.get("id"))


def model_predictor(pipe) -> Callable[[dict], Prediction]:
    from .pipeline import analyze

    def predict(rec: dict) -> Prediction:
        a = analyze(record_message(rec), pipe).to_dict()
        a["reasons"] = [r["label"] for r in a["reasons"]]
        a["skill_gaps"] = [g["canonical"] for g in a["skill_gaps"]]
        return a
    return predict


def majority_predictor(majority: dict) -> Callable[[dict], Prediction]:
    def predict(rec: dict) -> Prediction:
        rejection = majority["category"] == "rejection"
        return {"category": majority["category"], "reasons": majority["reasons"] if rejection else [],
                "stage": majority["stage"], "reapply_after_months": None, "company": None, "role": None,
                "skill_gaps": [], **{f: majority[f] for f in FLAGS}}
    return predict


def keyword_predict(rec: dict) -> Prediction:
    msg = record_message(rec)
    body = clean.clean_body(msg.text, msg.html)
    text = f"{msg.subject}\n{body}"
    category = baselines.keyword_category(text)
    rejection = category == "rejection"
    return {"category": category, "reasons": baselines.keyword_reasons(body) if rejection else [],
            "stage": baselines.keyword_stage(body) if rejection else "unknown",
            "reapply_after_months": extract.reapply_after_months(split_sentences(body)),
            "company": None, "role": None, "skill_gaps": [], **baselines.keyword_flags(body)}


def score(records: list[dict], preds: list[Prediction]) -> dict:
    """All metrics for one predictor."""
    cat = per_label([{r["category"]} for r in records], [{p["category"]} for p in preds], CATEGORIES)
    rej = [(r, p) for r, p in zip(records, preds) if r["category"] == "rejection"]
    gold_reasons = [set(r["reasons"]) for r, _ in rej]
    pred_reasons = [set(p["reasons"]) for _, p in rej]
    reasons = per_label(gold_reasons, pred_reasons, REASONS)
    stages = per_label([{r["stage"]} for r, _ in rej], [{p["stage"]} for _, p in rej], STAGES)
    return {
        "n": len(records), "rejections": len(rej), "errors": sum(bool(p.get("error")) for p in preds),
        "category": {"per_label": cat, "macro_f1": macro_f1(cat),
                     "accuracy": accuracy([r["category"] for r in records], [p["category"] for p in preds])},
        "rejection": cat["rejection"],
        "reasons": {"per_label": reasons, "micro_f1": micro_f1(gold_reasons, pred_reasons),
                    "macro_f1": macro_f1(reasons)},
        "stage": {"per_label": stages, "accuracy": accuracy([r["stage"] for r, _ in rej], [p["stage"] for _, p in rej])},
        **{f: per_label([{f} if r[f] else set() for r, _ in rej], [{f} if p[f] else set() for _, p in rej], (f,))[f]
           for f in FLAGS},
        "reapply_after_months": {"accuracy": accuracy([r["reapply_after_months"] for r, _ in rej],
                                                      [p["reapply_after_months"] for _, p in rej])},
        "company": {"accuracy": accuracy([r["company"] for r in records], [p["company"] for p in preds])},
        "role": {"accuracy": accuracy([r["role"] for r in records], [p["role"] for p in preds])},
        "skill_gaps": skill_scores([[g["canonical"] for g in r["skill_gaps"]] for r, _ in rej],
                                   [p["skill_gaps"] for _, p in rej]),
    }


def evaluate(pipe, records: list[dict]) -> dict:
    """Scores of the model and of both baselines on the same records."""
    majority = pipe.meta.get("majority") or majority_labels(records)
    predictors = {"model": model_predictor(pipe), "majority": majority_predictor(majority),
                  "keyword": keyword_predict}
    return {name: score(records, [predict(r) for r in records]) for name, predict in predictors.items()}


def majority_labels(records: list[dict]) -> dict:
    """The most frequent value of each field (on the training split when stored in meta)."""
    common = lambda values: Counter(values).most_common(1)[0][0] if values else None  # noqa: E731
    rej = [r for r in records if r["category"] == "rejection"]
    return {"category": common([r["category"] for r in records]),
            "reasons": [common([x for r in rej for x in r["reasons"]]) or "no_reason_given"],
            "stage": common([r["stage"] for r in rej]) or "unknown",
            **{f: bool(common([r[f] for r in rej])) for f in FLAGS}}
