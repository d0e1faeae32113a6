"""Company, role and re-apply window extraction (nextround.extract)."""
from __future__ import annotations

import time

import pytest

from nextround import extract


@pytest.mark.parametrize("subject, body, sender, expected", [
    ("Feedback from Corvid Analytics - Senior Data Scientist",
     "Dear Sam,\n\nThank you for your time.\n\nBest regards,\nLena", "Lena Ortiz <lena.ortiz@corvid-analytics.com>",
     "Corvid Analytics"),
    ("Re: Lecturer in Environmental Chemistry (Ref. ENV-0412)",
     "Dear Dr Lee,\n\nThe panel has decided not to shortlist you.\n\nBest wishes,\nProf. Ann Hale\n"
     "School of Chemistry, Westbrook University", "Ann Hale <a.hale@westbrook.ac.uk>", "Westbrook University"),
    ("Your application", "Hi Tom,\n\nThank you for your interest in the Barista role at Kettle & Kiln.\n\nRosa",
     "Rosa <rosa@kettleandkiln.com>", "Kettle & Kiln"),
    ("Your application", "Dear Candidate,\n\nThank you for applying to [Company Name].\n\nRegards,\nHR", "", None),
    ("Update", "Hi Priya,\n\nThanks for applying to {{company}}. We will not proceed.\n\nBest,\nThe team", "", None),
    ("Hello", "Dear Priya,\n\nWe have decided not to move forward.\n\nKind regards,\nMaria Lopez",
     "Maria Lopez <maria.lopez@mail.example>", None),
])
def test_company(subject, body, sender, expected):
    assert extract.company(subject, body, sender) == expected


def test_company_is_never_a_greeting_or_a_title():
    body = "Dear Priya,\n\nThank you for interviewing for the Data Engineer position.\n\nRegards,\nHalvorsen Logistics"
    assert extract.company("Data Engineer - Interview outcome", body, "") == "Halvorsen Logistics"


def test_company_from_sender_display_name():
    body = "Hi Ellie,\n\nSo sorry, I have to move Friday.\n\nAlys"
    assert extract.company("Interview time", body, "Loop & Lantern <hello@loopandlantern.example>") == "Loop & Lantern"


@pytest.mark.parametrize("subject, body, expected", [
    ("Feedback from Corvid Analytics - Senior Data Scientist", "Dear Sam,\n\nThanks.", "Senior Data Scientist"),
    ("Re: Lecturer in Environmental Chemistry (Ref. ENV-0412)", "Dear Dr Lee,\n\nThank you.",
     "Lecturer in Environmental Chemistry"),
    ("Your application", "Thank you for applying for the position of Junior Data Engineer at Halvorsen Logistics.",
     "Junior Data Engineer"),
    ("Your application", "Thanks for applying for the warehouse supervisor job. We have filled it.",
     "warehouse supervisor"),
    ("Application update", "Thank you for your interest in the Backend Engineer (Go) role.", "Backend Engineer (Go)"),
    ("Application update", "Thank you for your application for the [Job Title] position.", None),
    ("Application update", "Thank you for your application. We will not proceed.", None),
])
def test_role(subject, body, expected):
    assert extract.role(subject, body) == expected


@pytest.mark.parametrize("sentences, expected", [
    (["You are welcome to reapply after 6 months."], 6),
    (["You may reapply in 90 days."], 3),
    (["Please note that you cannot apply for the same role again within 12 months."], 12),
    (["There is no waiting period, so apply whenever you like."], 0),
    (["We don't have a mandatory waiting period, so please apply."], 0),
    (["Please do apply again next year."], 12),
    (["We hope you'll consider applying again next year."], None),
    (["We will keep your CV on file for 12 months."], None),
    (["You can retake the test after 3 months if you'd like to try again."], 3),
])
def test_reapply_after_months(sentences, expected):
    assert extract.reapply_after_months(sentences) == expected


def test_fast_enough():
    body = ("Dear Priya,\n\nThank you for your interest in the Senior Analyst position at Acme Corp. "
            "We have decided not to proceed.\n\nKind regards,\nAcme Corp Talent Acquisition\n") * 3
    start = time.perf_counter()
    for _ in range(200):
        extract.company("Your application to Acme Corp", body, "Acme Careers <jobs@acme.example>")
        extract.role("Your application to Acme Corp", body)
    assert time.perf_counter() - start < 5.0
