"""`nextround batch`: one record per message, in order, equal to `analyze`, resumable, same on Dask."""
from __future__ import annotations

import csv
import json
import mailbox
import os
import signal
import subprocess
import sys
import time
from email.message import EmailMessage
from pathlib import Path

import pytest

from conftest import NOSOCKET, ROOT
from nextround import batch, prefilter
from nextround.ingest import read_paths, read_raw_paths
from nextround.pipeline import analyze, load

REJECTION = ("Thank you for interviewing for the Data Engineer role at Acme. Unfortunately we have decided "
             "to move forward with other candidates whose Kubernetes experience is stronger.")
OTHERS = ["Lunch on Friday? The usual place at noon.", "The quarterly figures are attached, see page 3.",
          "Reminder: the building is closed on Monday."]


def email(n: int, body: str, subject: str = "", html: str | None = None) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = f"Person {n} <p{n}@example.com>"
    msg["Subject"] = subject or f"Note {n}"
    msg["Message-ID"] = f"<m{n}@example.com>"
    msg["Date"] = "Mon, 2 Jan 2023 10:00:00 +0000"
    msg.set_content(body)
    if html:
        msg.add_alternative(html, subtype="html")
    return msg


def write_mbox(path: Path, count: int) -> Path:
    box = mailbox.mbox(str(path))
    for n in range(count):
        box.add(email(n, REJECTION if n % 7 == 0 else OTHERS[n % 3], "Your application" if n % 7 == 0 else ""))
    box.flush()
    box.close()
    return path


def run(inputs, out: Path, **kw) -> batch.Summary:
    kw.setdefault("jobs", 1)
    return batch.run([Path(i) for i in inputs], batch.Options(out, **kw))


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_records_equal_analyze(tmp_path):
    box = write_mbox(tmp_path / "in.mbox", 30)
    run([box], tmp_path / "out.jsonl")
    records = jsonl(tmp_path / "out.jsonl")
    messages = list(read_paths([box]))
    assert len(records) == len(messages) == 30
    pipe = load()
    for record, message in zip(records, messages):
        assert record["source"] == message.source and record["subject"] == message.subject
        expected = analyze(message, pipe).to_dict()
        if prefilter.skip_confidence(message) is None:
            assert {k: record[k] for k in expected} == expected
        else:
            assert record["category"] == expected["category"] == "other" and record["error"] is None


def test_records_equal_cli_analyze_json(tmp_path, cli):
    eml = tmp_path / "one.eml"
    eml.write_bytes(bytes(email(1, REJECTION, "Your application")))
    out = cli("batch", str(eml), "--output", str(tmp_path / "out.jsonl"), "--jobs", "1")
    assert out.returncode == 0, out.stderr
    assert "Read 1 messages" in out.stderr
    single = json.loads(cli("analyze", str(eml), "--json").stdout)
    record = jsonl(tmp_path / "out.jsonl")[0]
    assert {k: record[k] for k in single} == single


def test_only_filter(tmp_path):
    box = write_mbox(tmp_path / "in.mbox", 21)
    summary = run([box], tmp_path / "all.jsonl")
    run([box], tmp_path / "rej.jsonl", only="rejections")
    rejections = [r for r in jsonl(tmp_path / "all.jsonl") if r["is_rejection"] or r["error"]]
    assert jsonl(tmp_path / "rej.jsonl") == rejections
    assert summary.read == 21 and summary.rejections == len(rejections) > 0


@pytest.mark.enable_socket  # the in-process scheduler resolves localhost; messages go over inproc://
def test_dask_output_is_byte_identical(tmp_path):
    distributed = pytest.importorskip("distributed")
    box = write_mbox(tmp_path / "in.mbox", 40)
    run([box], tmp_path / "local.jsonl", jobs=1)
    with distributed.LocalCluster(processes=False, n_workers=1, threads_per_worker=2,
                                  dashboard_address=None, protocol="inproc://") as cluster:
        run([box], tmp_path / "dask.jsonl", engine="dask", scheduler=cluster.scheduler_address)
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()


def test_resume_after_a_kill_gives_the_uninterrupted_output(tmp_path):
    box = write_mbox(tmp_path / "in.mbox", 2000)
    full, cut = tmp_path / "full.jsonl", tmp_path / "cut.jsonl"
    run([box], full)
    env = {**os.environ, "PYTHONPATH": str(NOSOCKET)}
    args = [sys.executable, "-m", "nextround", "batch", str(box), "--output", str(cut), "--jobs", "1"]
    proc = subprocess.Popen(args, env=env, cwd=ROOT, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while (not cut.exists() or cut.read_bytes().count(b"\n") < 100) and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with open(cut, "ab") as fh:
        fh.write(b'{"schema":"nextround.analy')  # a record cut in half
    assert 0 < cut.read_bytes().count(b"\n") < 2000
    run([box], cut, resume=True)
    assert cut.read_bytes() == full.read_bytes()


def test_csv_resume_and_injection(tmp_path):
    rows = tmp_path / "in.csv"
    with open(rows, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "subject", "sender", "text"])
        w.writerow(["1", '=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", REJECTION])
        w.writerow(["2", "-2+3", "@SUM(A1)", "Line one\r\nInjected: header\r\n" + OTHERS[0]])
        w.writerow(["3", "plain", "ann@example.com", OTHERS[1]])
    out = tmp_path / "out.csv"
    run([rows], out, fmt="csv")
    lines = out.read_text(encoding="utf-8").split("\n")
    assert len(lines) == 5 and lines[-1] == ""  # header, 3 records, one line each
    table = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert [r["id"] for r in table] == ["1", "2", "3"]
    for row in table:
        assert all("\r" not in v and "\n" not in v and not v.startswith(("=", "+", "-", "@")) for v in row.values())
    assert table[0]["subject"].startswith("'=") and table[1]["sender"] == "'@SUM(A1)"
    whole = out.read_bytes()
    out.write_bytes(whole[: whole.index(b"\n", whole.index(b"\n") + 1) + 20])  # header, 1 record, a partial one
    run([rows], out, fmt="csv", resume=True)
    assert out.read_bytes() == whole


def test_html_rejection_with_remote_content_offline(tmp_path):
    html = ("<html><head><style>@import url(https://cdn.example/x.css); p{color:red}</style>"
            "<script src='https://track.example/t.js'></script><script>fetch('https://x.example')</script></head>"
            f"<body><img src='https://track.example/pixel.gif'><p>{REJECTION}</p></body></html>")
    msg = email(1, "This email requires HTML.", "Your application", html)
    eml = tmp_path / "one.eml"
    eml.write_bytes(bytes(msg))
    run([eml], tmp_path / "out.jsonl")
    [record] = jsonl(tmp_path / "out.jsonl")
    assert record["error"] is None and record["is_rejection"]
    assert "fetch" not in json.dumps(record) and "pixel" not in json.dumps(record)


def test_every_fixture_gives_a_record_quickly(shared, tmp_path):
    fixtures = shared / "data" / "inbox" / "fixtures"
    pipe = load()
    count = 0
    for item in read_raw_paths([fixtures]):
        started = time.monotonic()
        record, _ = batch.analyse_item(item, pipe)
        assert time.monotonic() - started < 5, item.source
        assert record["source"] == item.source
        count += 1
    assert count == sum(1 for _ in read_paths([fixtures]))


def test_fixture_folder_through_the_cli(shared, tmp_path, cli):
    fixtures = shared / "data" / "inbox" / "fixtures"
    out = cli("batch", str(fixtures), "--output", str(tmp_path / "out.jsonl"), "--jobs", "2")
    assert out.returncode == 0, out.stderr
    assert len(jsonl(tmp_path / "out.jsonl")) == sum(1 for _ in read_paths([fixtures]))


def test_errors_and_usage(tmp_path, cli):
    out = cli("batch", str(tmp_path / "missing.mbox"), "--output", str(tmp_path / "o.jsonl"))
    assert out.returncode == 1 and out.stderr.startswith("Error: ") and len(out.stderr.splitlines()) == 1
    box = write_mbox(tmp_path / "in.mbox", 2)
    for args in (["--engine", "dask"], ["--format", "xml"], ["--format", "parquet", "--resume"]):
        out = cli("batch", str(box), "--output", str(tmp_path / "o.out"), *args)
        assert out.returncode == 2 and out.stderr.startswith("Error: "), args
    out = cli("batch", str(tmp_path), "--output", str(tmp_path / "o.jsonl"))
    assert out.returncode == 2 and "inside the input" in out.stderr
    assert not (tmp_path / "o.jsonl").exists()


def test_parquet_output(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    box = write_mbox(tmp_path / "in.mbox", 10)
    run([box], tmp_path / "out.parquet", fmt="parquet")
    run([box], tmp_path / "out.jsonl")
    table = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert [r["source"] for r in table] == [r["source"] for r in jsonl(tmp_path / "out.jsonl")]
