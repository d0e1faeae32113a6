"""Load the trained pipeline once; analyze() wires the stages for one message.

    message -> clean -> sentences -> detect -> classify -> extract -> suggest -> Analysis
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from . import classify, clean, detect, extract, skills, suggest
from .model import Counts, LinearModel, Vectorizer, merge
from .schema import Analysis, Message, ReasonFinding, SkillGap, error_analysis
from .sentences import split_sentences

MODEL_ENV = "NEXTROUND_MODEL"
PACKAGE_MODEL = Path(__file__).parent / "model"
MODEL_PARTS = ("category", "reasons", "stage", "flags")


class ModelNotFoundError(RuntimeError):
    """No trained pipeline where nextround looked."""


@dataclass
class Pipeline:
    directory: Path
    meta: dict
    vectorizer: Vectorizer
    category: LinearModel
    reasons: LinearModel
    stage: LinearModel
    flags: LinearModel

    @property
    def thresholds(self) -> dict[str, float]:
        return self.meta.get("thresholds", {})

    @classmethod
    def from_directory(cls, directory: Path) -> "Pipeline":
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
        parts = {name: LinearModel.load(directory, name) for name in MODEL_PARTS}
        return cls(directory, meta, Vectorizer.load(directory), **parts)


_LOADED: dict[Path, Pipeline] = {}


def model_directory(model: str | os.PathLike[str] | None = None) -> Path:
    """Where the pipeline is: the argument, then $NEXTROUND_MODEL, then the bundled model."""
    chosen = model or os.environ.get(MODEL_ENV) or PACKAGE_MODEL
    path = Path(chosen).expanduser().resolve()
    if not (path / "meta.json").is_file():
        origin = "argument" if model else (MODEL_ENV if os.environ.get(MODEL_ENV) else "bundled model")
        raise ModelNotFoundError(
            f"no trained model in {path} (from the {origin}). "
            "Run `nextround train`, or point NEXTROUND_MODEL at a model directory."
        )
    return path


def load(model: str | os.PathLike[str] | None = None) -> Pipeline:
    """The trained pipeline, loaded once per process per directory."""
    path = model_directory(model)
    if path not in _LOADED:
        _LOADED[path] = Pipeline.from_directory(path)
    return _LOADED[path]


def to_message(item: str | Message) -> Message:
    if isinstance(item, Message):
        return item
    from .ingest import read_text

    return read_text(item)


def message_counts(vectorizer: Vectorizer, subject: str, sentences: list[str]) -> tuple[Counts, list[Counts]]:
    """Feature counts of the whole message and of each sentence (shared by train and analyze)."""
    per_sentence = [vectorizer.counts(s) for s in sentences]
    return merge(vectorizer.counts(subject), *per_sentence), per_sentence


def analyze(item: str | Message, pipeline: Pipeline | None = None) -> Analysis:
    """Analyse one message (raw text, an RFC 822 string or a Message)."""
    message = to_message(item)
    if message.error:
        return error_analysis(message.id, message.error)
    try:
        return _analyze(message, pipeline or load())
    except Exception as exc:  # a batch never loses a record
        return error_analysis(message.id, f"analysis failed: {type(exc).__name__}: {exc}")


def analyze_many(items: Iterable[str | Message], pipeline: Pipeline | None = None) -> Iterator[Analysis]:
    """Analyse messages one by one, in order."""
    pipe = pipeline or load()
    for item in items:
        yield analyze(item, pipe)


def _analyze(message: Message, pipe: Pipeline) -> Analysis:
    body = clean.clean_body(message.text, message.html)
    sentences = split_sentences(body)
    counts, per_sentence = message_counts(pipe.vectorizer, message.subject, sentences)
    category, confidence = detect.category(pipe.category, pipe.vectorizer, counts)
    found = Analysis(
        id=message.id, category=category, confidence=confidence,
        company=extract.company(message.subject, body, message.sender) if category != "other" else None,
        role=extract.role(message.subject, body) if category != "other" else None,
    )
    if category != "rejection":
        return found
    return _rejection(found, pipe, sentences, counts, per_sentence)


def _rejection(found: Analysis, pipe: Pipeline, sentences: list[str], counts: Counts,
               per_sentence: list[Counts]) -> Analysis:
    reasons = classify.stated_reasons(pipe.reasons, pipe.vectorizer, sentences, per_sentence, pipe.thresholds)
    gaps = skill_gaps(reasons, sentences)
    stage, _ = extract.stage(pipe.stage, pipe.vectorizer, counts)
    flags = extract.flags(pipe.flags, pipe.vectorizer, counts, pipe.thresholds)
    result = replace(
        found, reasons=reasons, skill_gaps=gaps, stage=stage,
        reapply_after_months=extract.reapply_after_months(sentences), **flags,
    )
    return replace(result, suggestions=suggest.suggest(result))


def skill_gaps(reasons: list[ReasonFinding], sentences: list[str]) -> list[SkillGap]:
    """Skills named as gaps, only when the message states a skills gap.

    Measured on the hand-written dev split: letting the cue patterns add a
    `skills_gap` reason of their own cost reason precision (0.77 -> 0.70) for
    little recall, so the reason model decides and the patterns name the skills.
    """
    evidence = [e for r in reasons if r.label == "skills_gap" for e in r.evidence]
    if not evidence:
        return []
    first: dict[str, SkillGap] = {}
    for gap in skills.find_skill_gaps(sentences) + skills.skills_named_in(evidence):
        first.setdefault(gap.canonical, gap)
    return list(first.values())
