"""Tests for nextround.ingest: every input format, limits, decoding, and the shared inbox corpus."""
from __future__ import annotations

import base64
import io
import os
import re
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msgfactory import write_msg
from nextround.ingest import InputError, read_path, read_paths, read_text
from nextround.ingest import mbox as mbox_mod
from nextround.ingest import mime
from nextround.ingest.maildir import iter_message_files
from nextround.ingest.mbox import LINE_LIMIT, split_mbox
from nextround.ingest.mime import parse_message
from nextround.schema import Message

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
INBOX = SHARED / "data" / "inbox"
needs_inbox = pytest.mark.skipif(not INBOX.is_dir(), reason="../shared/data/inbox is not available")
slow = pytest.mark.skipif(not os.environ.get("NEXTROUND_SLOW_TESTS"), reason="set NEXTROUND_SLOW_TESTS=1")
ERROR_FORM = re.compile(r"^[^()]+ \(.+\)(?::[^.]*)?\. [A-Z].*\.$")

SIMPLE = (
    b"From: Acme Careers <jobs@acme.example>\n"
    b"To: jane@example.com\n"
    b"Subject: Your application\n"
    b"Date: Mon, 01 Jan 2024 10:00:00 +0000\n"
    b"Message-ID: <abc@acme.example>\n"
    b"\n"
    b"Dear Jane,\nWe regret to inform you.\n"
)


def write(path: Path, data: bytes) -> Path:
    """Write bytes to path and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def one(path: Path) -> Message:
    """The single message read from path."""
    messages = list(read_path(path))
    assert len(messages) == 1
    return messages[0]


# --- pasted text -------------------------------------------------------------


def test_read_text_plain_body():
    msg = read_text("Dear Jane,\n\nUnfortunately we will not proceed.")
    assert msg == Message(text="Dear Jane,\n\nUnfortunately we will not proceed.", source="<stdin>")


def test_read_text_with_headers_is_parsed():
    msg = read_text(SIMPLE.decode(), source="paste")
    assert (msg.subject, msg.sender, msg.id, msg.source) == (
        "Your application", "Acme Careers <jobs@acme.example>", "<abc@acme.example>", "paste")
    assert msg.date == "2024-01-01T10:00:00+00:00"
    assert msg.text == "Dear Jane,\nWe regret to inform you.\n"


def test_read_text_mbox_from_line_and_bom_are_dropped():
    msg = read_text("\ufeffFrom jobs@acme.example Mon Jan  1 10:00:00 2024\n" + SIMPLE.decode())
    assert msg.subject == "Your application" and msg.error is None


def test_read_text_reply_prefix_is_not_a_header():
    text = "Re: your application\nThanks for your interest."
    assert read_text(text).text == text


# --- RFC 822 decoding --------------------------------------------------------


def test_eml_golden(tmp_path):
    msg = one(write(tmp_path / "a.eml", SIMPLE))
    assert msg.subject == "Your application" and msg.source == str(tmp_path / "a.eml")
    assert "regret" in msg.text and msg.html is None and msg.error is None and msg.carried == {}


def test_extensionless_rfc822_file(tmp_path):
    assert one(write(tmp_path / "17", SIMPLE)).subject == "Your application"


def test_quoted_printable_body_and_encoded_subject():
    raw = (b"Subject: =?utf-8?q?Ihre_Bewerbung_=E2=80=93_M=C3=BCnchen?=\n"
           b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
           b"Leider m=C3=BCssen wir =\nIhnen absagen.\n")
    msg = parse_message(raw)
    assert msg.subject == "Ihre Bewerbung – München"
    assert msg.text == "Leider müssen wir Ihnen absagen.\n"


def test_base64_body_in_latin1():
    body = base64.b64encode("Nous sommes désolés.".encode("latin-1"))
    raw = b"Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: base64\n\n" + body
    assert parse_message(raw).text == "Nous sommes désolés."


@pytest.mark.parametrize("charset", ["x-unknown", "unknown-8bit", "rot13", "punycode", ""])
def test_unknown_or_unsafe_charset_falls_back(charset):
    raw = f"Content-Type: text/plain; charset={charset}\n\n".encode() + "café".encode("utf-8")
    assert parse_message(raw).text == "café"


def test_8bit_bytes_under_us_ascii_fall_back_to_windows_1252():
    raw = b"From: Jos\xe9 <j@x.example>\nContent-Type: text/plain; charset=us-ascii\n\nna\xefve \xbfqu\xe9?\n"
    msg = parse_message(raw)
    assert msg.sender == "José <j@x.example>" and msg.text == "naïve ¿qué?\n"


def test_undecodable_encoded_word_does_not_raise():
    msg = parse_message(b"Subject: =?gb2312?b?ztLKx9bQ?= and =?gb2312?b?/////w==?=\n\nbody\n")
    assert msg.error is None and msg.subject


def test_header_values_are_sanitised():
    raw = b"Subject: =?utf-8?q?Hi=0D=0ABcc:_evil=07@x?=\nFrom: a\x01b <a@b>\n\nx\n"
    msg = parse_message(raw)
    assert msg.subject == "Hi Bcc: evil @x" and msg.sender == "a b <a@b>"
    assert not re.search(r"[\x00-\x1f]", msg.subject + msg.sender)


def test_group_address_does_not_raise():
    msg = parse_message(b"To: unlisted-recipients:; (no To-header on input)\nFrom: undisclosed-recipients:;\n\nhi\n")
    assert msg.error is None and msg.sender == "undisclosed-recipients:;"


def test_html_only_email_keeps_html_and_empty_text():
    raw = b"Content-Type: text/html; charset=utf-8\n\n<p>We regret</p>"
    msg = parse_message(raw)
    assert msg.text == "" and msg.html == "<p>We regret</p>"


def test_multipart_alternative_and_attachments_never_used():
    raw = (b"Content-Type: multipart/mixed; boundary=B\n\n--B\n"
           b"Content-Type: multipart/alternative; boundary=C\n\n--C\nContent-Type: text/plain\n\nplain\n"
           b"--C\nContent-Type: text/html\n\n<b>html</b>\n--C--\n"
           b"--B\nContent-Type: text/plain; name=\"../../etc/passwd\"\nContent-Disposition: attachment; filename=\"../../etc/passwd\"\n\nSECRET\n"
           b"--B\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0=\n--B--\n")
    msg = parse_message(raw)
    assert msg.text == "plain" and msg.html == "<b>html</b>" and "SECRET" not in msg.text


def test_encrypted_body_is_reported_not_silently_empty():
    raw = (b"Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=E\n\n"
           b"--E\nContent-Type: application/pgp-encrypted\n\nVersion: 1\n"
           b"--E\nContent-Type: application/octet-stream\n\n-----BEGIN PGP MESSAGE-----\n--E--\n")
    assert parse_message(raw).error.startswith("body not readable")


def nested(depth: int) -> bytes:
    """A message with depth nested multiparts."""
    head = b"".join(f"Content-Type: multipart/mixed; boundary=b{i}\n\n--b{i}\n".encode() for i in range(depth))
    tail = b"".join(f"\n--b{i}--\n".encode() for i in reversed(range(depth)))
    return head + b"Content-Type: text/plain\n\ndeep" + tail


def test_nesting_limit():
    assert parse_message(nested(5)).text.startswith("deep")
    assert "nesting too deep" in parse_message(nested(mime.MAX_DEPTH + 5)).error


def test_part_count_limit():
    parts = b"".join(b"--P\nContent-Type: text/plain\n\nx\n" for _ in range(mime.MAX_PARTS + 10))
    msg = parse_message(b"Content-Type: multipart/mixed; boundary=P\n\n" + parts + b"--P--\n")
    assert "too many MIME parts" in msg.error


def test_header_block_limit():
    raw = b"".join(b"X-Junk: " + b"a" * 1000 + b"\n" for _ in range(300)) + b"\nbody"
    assert "header block too large" in parse_message(raw).error


def test_message_size_limit_keeps_the_start(monkeypatch):
    monkeypatch.setattr(mime, "MAX_MESSAGE_BYTES", 1000)
    msg = parse_message(SIMPLE + b"x" * 5000)
    assert "too large" in msg.error and msg.subject == "Your application"


def test_time_budget(monkeypatch):
    monkeypatch.setattr(mime, "TIME_BUDGET_S", -1.0)
    assert "took too long" in parse_message(SIMPLE).error


# --- mbox --------------------------------------------------------------------

MBOX = (
    b"From jobs@acme.example Mon Jan  1 10:00:00 2024\n" + SIMPLE +
    b">From the team\n>>From quoted twice\n\n"
    b"From MAILER-DAEMON Tue Jan  2 10:00:00 2024\nSubject: second\n\n"
    b"From Russia with love\nstays in the body\n\n"
    b"From 1844347792267117879@xxx\nX-Gmail-Labels: Inbox,Jobs\nSubject: third\n\nbody\n"
)


def test_mbox_split_unquote_labels_and_sources(tmp_path):
    path = write(tmp_path / "inbox.mbox", MBOX)
    msgs = list(read_path(path))
    assert [m.subject for m in msgs] == ["Your application", "second", "third"]
    assert [m.source for m in msgs] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert msgs[0].text.endswith("From the team\n>From quoted twice\n")
    assert "From Russia with love\nstays in the body" in msgs[1].text
    assert msgs[2].carried == {"labels": "Inbox,Jobs"}


def test_mbox_crlf_and_sniffed_without_extension(tmp_path):
    msgs = list(read_path(write(tmp_path / "export", MBOX.replace(b"\n", b"\r\n"))))
    assert [m.subject for m in msgs] == ["Your application", "second", "third"]
    assert msgs[0].text.startswith("Dear Jane,")


def test_mbox_first_message_without_from_line(tmp_path):
    path = write(tmp_path / "a.mbox", SIMPLE + b"\nFrom x@y.example Mon Jan  1 10:00:00 2024\nSubject: two\n\nb\n")
    assert [m.subject for m in read_path(path)] == ["Your application", "two"]


def test_mbox_truncates_oversized_message(tmp_path, monkeypatch):
    monkeypatch.setattr(mbox_mod, "MAX_MESSAGE_BYTES", 2000)
    big = b"From a@b Mon Jan  1 10:00:00 2024\n" + SIMPLE + b"y" * 100 + b"\n" * 3000
    msgs = list(read_path(write(tmp_path / "big.mbox", big + MBOX)))
    assert "too large" in msgs[0].error and msgs[0].subject == "Your application"
    assert [m.subject for m in msgs[1:]] == ["Your application", "second", "third"]


class ReadlineOnly(io.BytesIO):
    """A file that fails if anything but bounded readline is used (streaming check)."""

    def readline(self, size=-1):
        assert 0 < size <= LINE_LIMIT
        return super().readline(size)

    def read(self, *args):
        raise AssertionError("split_mbox must stream line by line")


def test_split_mbox_streams_bounded_lines():
    long_line = b"z" * (3 * LINE_LIMIT) + b"\n"
    raws = list(split_mbox(ReadlineOnly(MBOX + long_line)))
    assert len(raws) == 3 and raws[2][0].endswith(long_line)


# --- folders and Maildir ---------------------------------------------------------


def snapshot(root: Path) -> set[tuple[str, int]]:
    """Every path under root with its modification time."""
    return {(str(p), p.stat().st_mtime_ns) for p in root.rglob("*")}


def test_maildir_without_tmp_nested_and_sorted(tmp_path):
    root = tmp_path / "Mail"
    write(root / "cur" / "2:2,S", SIMPLE.replace(b"Your application", b"two"))
    write(root / "cur" / "10:2,S", SIMPLE.replace(b"Your application", b"ten"))
    write(root / "new" / "1", SIMPLE.replace(b"Your application", b"new"))
    write(root / "tmp" / "partial", b"Subject: half delivered\n\n")
    write(root / ".Jobs" / "cur" / "1:2,", SIMPLE.replace(b"Your application", b"plusplus"))
    write(root / ".notmuch" / "xapian" / "x", b"index")
    write(root / "dovecot-uidlist", b"3 V1 N4\n")
    before = snapshot(tmp_path)
    assert [m.subject for m in read_path(root)] == ["plusplus", "two", "ten", "new"]
    assert snapshot(tmp_path) == before


def test_folder_of_eml_msg_and_extensionless(tmp_path):
    write(tmp_path / "a.eml", SIMPLE)
    write_msg(tmp_path / "b.msg", subject="from outlook", body="Outlook body")
    write(tmp_path / "c", SIMPLE.replace(b"Your application", b"no extension"))
    write(tmp_path / "d.pdf", b"%PDF-1.4 binary")
    msgs = list(read_path(tmp_path))
    assert [m.subject for m in msgs[:3]] == ["Your application", "from outlook", "no extension"]
    assert msgs[3].error.startswith("unsupported file format") and msgs[3].source == str(tmp_path / "d.pdf")


def test_read_only_folder(tmp_path):
    write(tmp_path / "ro" / "cur" / "1", SIMPLE)
    (tmp_path / "ro" / "cur").chmod(0o555)
    (tmp_path / "ro").chmod(0o555)
    try:
        assert [m.subject for m in read_path(tmp_path / "ro")] == ["Your application"]
    finally:
        (tmp_path / "ro").chmod(0o755)
        (tmp_path / "ro" / "cur").chmod(0o755)


# --- Outlook .msg --------------------------------------------------------------


def test_msg_golden(tmp_path):
    sent = datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    path = write_msg(tmp_path / "r.msg", subject="Your application – update", body="We regret to inform you.",
                     html=b"<p>We regret</p>", sender="jobs@acme.example", message_id="<m1@acme>", sent=sent)
    msg = one(path)
    assert (msg.subject, msg.text, msg.html, msg.id) == (
        "Your application – update", "We regret to inform you.", "<p>We regret</p>", "<m1@acme>")
    assert msg.date == "2024-01-02T03:04:05+00:00" and "jobs@acme.example" in msg.sender and msg.error is None


def test_msg_unicode_html_stream(tmp_path):
    assert one(write_msg(tmp_path / "h.msg", subject="s", html="<p>Désolé</p>")).html == "<p>Désolé</p>"


def test_msg_non_mail_item_is_an_error_record(tmp_path):
    msg = one(write_msg(tmp_path / "c.msg", subject="Jane", message_class="IPM.Contact"))
    assert msg.error == "not an email (Outlook IPM.Contact item)"


def test_msg_corrupt_is_an_error_record(tmp_path):
    msg = one(write(tmp_path / "bad.msg", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600))
    assert msg.error.startswith("could not read Outlook .msg")


def test_rfc822_named_msg_is_read_as_eml(tmp_path):
    assert one(write(tmp_path / "renamed.msg", SIMPLE)).subject == "Your application"


# --- CSV and JSON Lines ----------------------------------------------------------


def test_csv_text_column_carried_columns_and_embedded_newlines(tmp_path):
    path = write(tmp_path / "in.csv", (
        'id,text,client,subject,extra\n'
        'r1,"Dear Jane,\nwe regret, ""sadly"".",c9,Update,x\n'
        'r2,' + '"' + SIMPLE.decode() + '",,,\n').encode())
    first, second = read_path(path)
    assert first.text == 'Dear Jane,\nwe regret, "sadly".' and first.id == "r1" and first.subject == "Update"
    assert first.carried == {"id": "r1", "subject": "Update", "client": "c9"} and first.source == f"{path}:1"
    assert second.id == "r2" and second.subject == "Your application" and second.carried["client"] == ""


def test_csv_without_text_column(tmp_path):
    path = write(tmp_path / "bad.csv", b"id,body\n1,x\n")
    with pytest.raises(InputError) as err:
        read_path(path)
    assert str(err.value).startswith(f"no text column ({path})") and ERROR_FORM.match(str(err.value))


def test_csv_latin1_file(tmp_path):
    assert one(write(tmp_path / "l.csv", "text\ncafé\n".encode("cp1252"))).text == "café"


def test_jsonl_rows_bad_lines_and_carried(tmp_path):
    path = write(tmp_path / "in.jsonl",
                 b'{"text": "hello", "date": "2024-01-01", "client": 7}\n\nnot json\n{"id": "x"}\n')
    a, b, c = read_path(path)
    assert a.text == "hello" and a.carried == {"date": "2024-01-01", "client": 7} and a.date == "2024-01-01"
    assert b.error == "line is not a JSON object" and b.source == f"{path}:2"
    assert c.error == "row has no text value" and c.carried == {"id": "x"}


def test_jsonl_first_object_without_text(tmp_path):
    with pytest.raises(InputError, match="no text column"):
        read_path(write(tmp_path / "x.jsonl", b'{"body": "x"}\n'))


# --- errors ----------------------------------------------------------------------


def test_missing_file_error_message(tmp_path):
    with pytest.raises(InputError) as err:
        read_path(tmp_path / "inbox.mbox")
    assert str(err.value) == f"file not found ({tmp_path / 'inbox.mbox'}). Check the path and try again."


def test_unsupported_binary_file(tmp_path):
    with pytest.raises(InputError) as err:
        read_path(write(tmp_path / "cv.pdf", b"%PDF-1.7\n\x00\x01"))
    assert ERROR_FORM.match(str(err.value))


def test_read_paths_checks_every_input_first(tmp_path):
    good = write(tmp_path / "a.eml", SIMPLE)
    with pytest.raises(InputError):
        read_paths([good, tmp_path / "missing.eml"])
    assert [m.subject for m in read_paths([good, good])] == ["Your application"] * 2


def test_plain_text_file(tmp_path):
    msg = one(write(tmp_path / "pasted.txt", "Dear Jane:\n\nWe regret.\n".encode("utf-16")))
    assert msg.error is None and msg.source == str(tmp_path / "pasted.txt")


# --- properties --------------------------------------------------------------------

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
header_ish = st.lists(st.sampled_from([
    b"From: a@b\n", b"Subject: =?utf-8?b?w6k=?=\n", b"Content-Type: multipart/mixed; boundary=x\n",
    b"Content-Type: text/plain; charset=\x00\n", b"--x\n", b"--x--\n", b"\n", b"\r\n", b"From x Mon Jan  1 1:00:00 2000\n",
    b">From y\n", b"Content-Transfer-Encoding: base64\n", b"=?gb2312?q?=FF?=\n", b"Content-Type:;i*\n",
])).map(b"".join)


@FUZZ
@given(st.one_of(st.binary(max_size=2000), header_ish))
def test_parse_message_never_raises(data):
    assert isinstance(parse_message(data, "fuzz"), Message)


@FUZZ
@given(st.text(max_size=2000))
def test_read_text_never_raises(text):
    assert isinstance(read_text(text), Message)


@FUZZ
@given(st.one_of(st.binary(max_size=3000), header_ish))
def test_split_mbox_never_raises_and_never_grows(data):
    raws = list(split_mbox(io.BytesIO(data)))
    assert sum(len(r) for r, _ in raws) <= len(data)


@FUZZ
@given(data=st.one_of(st.binary(max_size=2000), header_ish),
       suffix=st.sampled_from(["", ".eml", ".mbox", ".msg", ".txt", ".csv", ".jsonl", ".html"]))
def test_read_path_only_raises_input_error(tmp_path, data, suffix):
    path = write(tmp_path / f"f{suffix}", data)
    try:
        assert all(isinstance(m, Message) for m in read_path(path))
    except InputError as exc:
        assert ERROR_FORM.match(str(exc)), str(exc)


# --- the shared inbox corpus ---------------------------------------------------------

NOT_MAIL = re.compile(r"\.json$")  # MimeKit's golden offset files are JSON documents, not JSON Lines


def fixture_groups() -> list[str]:
    """The fixture folders under ../shared/data/inbox/fixtures (empty when absent)."""
    root = INBOX / "fixtures"
    return sorted(p.name for p in root.iterdir()) if root.is_dir() else ["<absent>"]


@needs_inbox
@pytest.mark.parametrize("group", fixture_groups())
def test_fixtures_yield_messages_quickly(group):
    for path in sorted(p for p in (INBOX / "fixtures" / group).rglob("*") if p.is_file()):
        start = time.monotonic()
        if NOT_MAIL.search(path.name):
            with pytest.raises(InputError):
                list(read_path(path))
            continue
        msgs = list(read_path(path))
        assert msgs and all(isinstance(m, Message) for m in msgs), path
        assert time.monotonic() - start < 5, path


@needs_inbox
@pytest.mark.parametrize("rel,count", [
    ("real/mime4j-mbox/mbox.rlug", 5),
    ("real/notmuch-default", 53),
    ("real/notmuch-lkml", 210),
    ("fixtures/mimekit/mbox/content-length.mbox.txt", 29),
    ("fixtures/mimekit/mbox/issue1189.mbox.txt", 4),
    ("fixtures/mimekit/mbox/unmunged.mbox.txt", 2),
    ("fixtures/mimekit/mbox/simple.mbox.txt", 3),
    ("real/enron-derived/enron-emails-sample.csv", 932),
    ("real/enron-derived/enron-emails-sample.jsonl", 932),
])
def test_real_inbox_counts(rel, count):
    msgs = list(read_path(INBOX / rel))
    assert len(msgs) == count
    assert not [m.error for m in msgs if m.error and "not readable" not in m.error]


@needs_inbox
def test_notmuch_group_address_message_parses():
    path = INBOX / "real/notmuch-lkml/cur/1382298770.002930:2,"
    msg = one(path)
    assert msg.error is None and msg.text


@needs_inbox
def test_enron_mbox_count_streaming():
    with open(INBOX / "real/enron-derived/enron-inbox-sample.mbox", "rb") as fh:
        assert sum(1 for _ in split_mbox(fh)) == 8069


@needs_inbox
def test_enron_maildir_file_count():
    assert sum(1 for _ in iter_message_files(INBOX / "real/enron-maildir")) == 4244


@needs_inbox
def test_csv_and_jsonl_give_the_same_records():
    csv_msgs = list(read_path(INBOX / "real/enron-derived/enron-emails-sample.csv"))
    jsonl_msgs = list(read_path(INBOX / "real/enron-derived/enron-emails-sample.jsonl"))
    assert [(m.id, m.subject, m.text) for m in csv_msgs] == [(m.id, m.subject, m.text) for m in jsonl_msgs]
    assert len({m.id for m in csv_msgs}) == 932


@needs_inbox
@slow
def test_enron_mbox_full_parse_matches_csv():
    ids = {m.id for m in read_path(INBOX / "real/enron-derived/enron-inbox-sample.mbox") if not m.error}
    assert len(ids) == 8069
    assert {m.id for m in read_path(INBOX / "real/enron-derived/enron-emails-sample.csv")} <= ids


@needs_inbox
@slow
def test_enron_maildir_full_parse():
    msgs = list(read_path(INBOX / "real/enron-maildir"))
    assert len(msgs) == 4244 and not [m for m in msgs if m.error]
