"""Tests for nextround.clean: each step, golden emails per mail client, and properties."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nextround import clean
from nextround.clean import clean_body

REJECTION = "Dear Jane,\n\nThank you for applying. Unfortunately we will not move forward.\n\nBest,\nAcme Talent"

CASES = {
    "gmail-reply": (
        "Thanks for letting me know.\n\nOn Mon, Jan 1, 2024 at 10:00 AM Acme Talent <\njobs@acme.example> wrote:\n"
        "> Dear Jane,\n> Unfortunately...\n",
        "Thanks for letting me know.",
    ),
    "outlook-original-message": (
        "Thank you.\n\n-----Original Message-----\nFrom: Acme\nSent: Monday\nSubject: Update\n\nOld text",
        "Thank you.",
    ),
    "outlook-header-block-reply": (
        "Noted, thanks.\n\n________________________________\nFrom: Acme Talent <jobs@acme.example>\n"
        "Sent: Monday, January 1, 2024 10:00 AM\nTo: Jane\nSubject: RE: Update\n\nOld text",
        "Noted, thanks.",
    ),
    "gmail-forward-short-note": (
        "FYI - got this today :(\n\n---------- Forwarded message ---------\nFrom: Acme <jobs@acme.example>\n"
        "Date: Mon, Jan 1, 2024 at 10:00 AM\nSubject: Your application\nTo: <jane@example.com>\n\n" + REJECTION,
        REJECTION,
    ),
    "apple-mail-forward-empty-note": (
        "\n\nBegin forwarded message:\n\nFrom: Acme <jobs@acme.example>\nSubject: Your application\n"
        "Date: 1 January 2024 at 10:00:00 GMT\nTo: Jane\n\n" + REJECTION + "\n\nSent from my iPhone",
        REJECTION,
    ),
    "thunderbird-forward": (
        "-------- Forwarded Message --------\nSubject: \tYour application\nDate: \tMon, 1 Jan 2024\n"
        "From: \tAcme <jobs@acme.example>\n\n" + REJECTION,
        REJECTION,
    ),
    "outlook-forward": (
        "\n________________________________\nFrom: Acme Talent <jobs@acme.example>\nSent: Monday\n"
        "To: Jane\nSubject: FW: Your application\n\n" + REJECTION,
        REJECTION,
    ),
    "forward-with-long-note-keeps-note": (
        " ".join(["word"] * 60) + "\n\n---------- Forwarded message ---------\nFrom: x\n\n" + REJECTION,
        " ".join(["word"] * 60),
    ),
    "nested-forward-of-a-reply": (
        "fyi\n\n---------- Forwarded message ---------\nFrom: me\n\nsee below\n\n"
        "---------- Forwarded message ---------\nFrom: Acme\n\n" + REJECTION + "\n\nOn Mon, Jane wrote:\n> hi",
        REJECTION,
    ),
    "signature-separator": (REJECTION + "\n-- \nAcme Inc | 1 Road | +1 555", REJECTION),
    "device-signatures": ("Thanks!\n\nSent from my iPhone\nGet Outlook for Android", "Thanks!"),
    "legal-and-unsubscribe-footers": (
        REJECTION + "\n\nCONFIDENTIALITY NOTICE: This email is confidential.\n\n"
        "You are receiving this email because you applied.\nUnsubscribe | Manage preferences",
        REJECTION,
    ),
    "quoted-lines": ("Thanks.\n> old line\n>> older\nBye", "Thanks.\nBye"),
    "unicode-and-whitespace": (
        "Dear\u00a0Jane,\u200b\r\n\r\n\r\n\r\nWe   regret\tto inform you.\u202f \nCafe\u0301\x07   ",
        "Dear Jane,\n\nWe regret to inform you.\nCafé",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_cases(name):
    text, expected = CASES[name]
    assert clean_body(text) == expected
    assert clean_body(expected) == expected


def test_html_only():
    html = ("<html><head><style>p{color:red}</style><script>alert(1)</script></head><body>"
            "<p>Dear&nbsp;Jane,</p><p>Unfortunately we <b>will not</b> move forward.</p>"
            "<div>Unsubscribe from these emails</div></body></html>")
    assert clean_body("", html) == "Dear Jane,\n\nUnfortunately we will not move forward."


def test_html_used_when_plain_part_only_points_to_browser():
    assert clean_body("View this email in your browser", "<p>We regret</p>") == "We regret"


def test_plain_text_preferred_over_html():
    assert clean_body("Plain text", "<p>HTML text</p>") == "Plain text"


@pytest.mark.parametrize("html", ["", "   ", "<", "<?xml version='1.0' encoding='utf-8'?><p>x</p>", "\x00<p>a"])
def test_odd_html_does_not_raise(html):
    assert isinstance(clean_body("", html), str)


def test_strip_tags_fallback():
    assert clean.strip_tags("<style>x</style><p>a &amp; b</p>").split() == ["a", "&", "b"]


def test_steps_are_pure_str_to_str():
    assert clean.normalize_unicode("a\r\nb\u00a0c\u200d") == "a\nb c"
    assert clean.normalize_whitespace("  a  b \n\n\n\n c ") == "a b\n\nc"
    assert clean.strip_signature("hi\n--\nme") == "hi\n"
    assert clean.strip_quoted("new\n> old\n") == "new\n"


fragments = st.lists(st.one_of(
    st.text(max_size=40),
    st.sampled_from([
        "\n", "\n\n", "-- \n", "--\n", "> quoted\n", "On Mon, Jane wrote:\n", "-----Original Message-----\n",
        "From: a\nSent: b\n", "Subject: FW: x\n", "---------- Forwarded message ---------\n",
        "Begin forwarded message:\n", "Sent from my iPhone\n", "Unsubscribe\n", "\u00a0", "\u200b", "e\u0301",
        "____________\n", "\r\n", "Dear Jane, we regret to inform you.\n",
    ]),
), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(fragments, st.one_of(st.none(), st.text(max_size=200), fragments.map(lambda t: f"<p>{t}</p>")))
def test_clean_body_is_idempotent_and_never_raises(text, html):
    once = clean_body(text, html)
    assert isinstance(once, str)
    assert clean_body(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_clean_body_on_arbitrary_text(text):
    once = clean_body(text)
    assert clean_body(once) == once
