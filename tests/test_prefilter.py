"""The pre-filter never skips job mail: gold labels of the whole corpus, and the model's predictions."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings, strategies as st

from conftest import ROOT
from nextround import prefilter
from nextround.ingest.mime import parse_message
from nextround.schema import Message

CORPUS = sorted((ROOT / "corpora" / "annotated").glob("*.jsonl"))


def corpus_records() -> list[dict]:
    return [json.loads(line) for path in CORPUS for line in path.open(encoding="utf-8") if line.strip()]


def as_message(record: dict) -> Message:
    html = record["text"] if record.get("format") == "html" else None
    return Message(text="" if html else record["text"], html=html, subject=record.get("subject", ""),
                   sender=record.get("sender", ""), id=record.get("id"))


@pytest.fixture(scope="module")
def records() -> list[dict]:
    found = corpus_records()
    if not found:
        pytest.skip("no annotated corpus")
    return found


def test_no_gold_job_mail_is_skipped(records):
    skipped = [r["id"] for r in records if r["category"] != "other" and prefilter.skip_confidence(as_message(r))]
    assert skipped == []


def test_no_predicted_job_mail_is_skipped(records):
    from nextround.pipeline import analyze, load

    pipe = load()
    would_skip = [as_message(r) for r in records if prefilter.skip_confidence(as_message(r)) is not None]
    wrong = [m.id for m in would_skip if analyze(m, pipe).category != "other"]
    assert wrong == []


def test_it_skips_plain_non_job_mail():
    message = Message(text="Lunch on Friday? The usual place at noon.", subject="lunch", sender="ann@example.com")
    assert prefilter.skip_confidence(message) == pytest.approx(0.9)


RAW = (b"From: Ann <ann@example.com>\r\nSubject: =?utf-8?q?Caf=C3=A9_on_Friday?=\r\nDate: Mon, 2 Jan 2023 10:00:00 +0000\r\n"
       b"Message-ID: <a1@example.com>\r\nList-Id: <cafe.example.com>\r\nContent-Type: text/plain; charset=utf-8\r\n"
       b"Content-Transfer-Encoding: base64\r\n\r\nTHVuY2ggb24gRnJpZGF5Pw==\r\n")


def test_peek_reads_the_same_headers_as_the_full_parse():
    screened = prefilter.screen_raw(RAW, "x.mbox:1")
    assert screened is not None
    message, analysis = screened
    full = parse_message(RAW, "x.mbox:1")
    assert (message.subject, message.sender, message.date, message.id) == (full.subject, full.sender, full.date, full.id)
    assert analysis.category == "other" and analysis.confidence == pytest.approx(0.97) and analysis.error is None


def test_cues_inside_encoded_bodies_are_found():
    body = b"V2UgaGF2ZSBkZWNpZGVkIHRvIG1vdmUgZm9yd2FyZCB3aXRoIG90aGVyIGNhbmRpZGF0ZXMu"  # base64: ...other candidates.
    raw = RAW.replace(b"THVuY2ggb24gRnJpZGF5Pw==", body)
    assert prefilter.screen_raw(raw) is None


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_peek_never_raises(data):
    prefilter.screen_raw(data, "fuzz")
