"""The Python API end to end: analyze, analyze_many, load, evidence and no network."""
from __future__ import annotations

import socket

import pytest

import nextround
from nextround.schema import Message
from contract import check_analysis


def test_analyze_returns_a_typed_record():
    result = nextround.analyze("Unfortunately we have decided not to move forward with your application.")
    assert isinstance(result, nextround.Analysis)
    check_analysis(result.to_dict())


def test_network_is_blocked_and_analyze_still_works():
    with pytest.raises(Exception):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    result = nextround.analyze("Subject: Update\n\nWe regret to tell you the position has been filled.")
    assert result.category == "rejection"


def test_every_reason_has_evidence_from_the_message():
    text = ("Thank you for interviewing for the Data Engineer role at Lumen Labs. "
            "We need someone with deeper experience with Apache Spark and Airflow. "
            "We have decided not to proceed with your application.")
    result = nextround.analyze(text)
    assert result.is_rejection
    for reason in result.reasons:
        if reason.label != "no_reason_given":
            assert reason.evidence and all(e in text for e in reason.evidence)


def test_analyze_many_keeps_order_and_length():
    items = ["We have decided to move forward with other candidates.",
             "Your order has shipped and will arrive on Tuesday.",
             Message(text="", error="could not parse")]
    results = list(nextround.analyze_many(items))
    assert len(results) == 3
    assert results[0].category == "rejection"
    assert results[1].category != "rejection"
    assert results[2].error == "could not parse"


def test_load_is_cached():
    assert nextround.load() is nextround.load()


def test_load_names_where_it_looked(tmp_path):
    from nextround.pipeline import ModelNotFoundError

    with pytest.raises(ModelNotFoundError, match=str(tmp_path)):
        nextround.load(tmp_path)


def test_non_rejection_has_no_reasons():
    result = nextround.analyze("Hi Alex, we would like to invite you to a video interview on Thursday at 10am.")
    assert result.category == "interview_invitation"
    assert result.reasons == [] and result.stage == "unknown"
