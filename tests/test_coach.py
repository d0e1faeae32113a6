"""The coach's store, trends, focus areas, report and notebook (`nextround coach ...`).

Analyses are built as contract-JSON dicts, so these tests run without a trained model;
one test also goes through the real pipeline when the bundled model exists.
"""
from __future__ import annotations

import base64
import json
import os
import random
import re
import select
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest

from conftest import NOSOCKET, ROOT

from nextround import coach
from nextround.coach.focus import MIN_REJECTIONS
from nextround.schema import Message

ARTIFACTS = ROOT / "tests" / "artifacts"
COMPANIES = ["Acme", "Globex", "Initech", "Umbrella"]
SKILLS = ["kubernetes", "sql", "terraform", "python", "figma"]
REASONS = ["skills_gap", "experience_fit", "interview_performance", "position_filled", "no_reason_given"]
STAGES = ["application", "screen", "assessment", "interview", "final", "unknown"]


def analysis(company="Acme", role="Engineer", reasons=("no_reason_given",), skills=(), stage="interview",
             day="2024-03-05", feedback=False, category="rejection", evidence="", ident=None) -> dict:
    """One analysis in the contract's JSON shape, plus the message date a batch record carries."""
    quote = evidence or "Unfortunately we will not move forward."
    return {
        "schema": "nextround.analysis/1", "id": ident, "category": category,
        "is_rejection": category == "rejection", "confidence": 0.9,
        "reasons": [{"label": r, "confidence": 0.8, "evidence": [quote]} for r in reasons],
        "skill_gaps": [{"text": s.title(), "canonical": s, "evidence": quote} for s in skills],
        "stage": stage, "reapply_after_months": None, "future_opportunities": False,
        "feedback_available": feedback, "company": company, "role": role,
        "suggestions": {"learning_steps": [], "mock_interview_focus": [], "next_actions": []},
        "error": None, "date": day,
    }


def random_analyses(seed: int, n: int) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        reasons = ["no_reason_given"] if rng.random() < 0.3 else rng.sample(REASONS[:-1], rng.randint(1, 2))
        skills = rng.sample(SKILLS, rng.randint(1, 2)) if "skills_gap" in reasons else []
        out.append(analysis(rng.choice(COMPANIES), rng.choice(["Engineer", "Analyst"]), reasons, skills,
                            rng.choice(STAGES), f"2024-{rng.randint(1, 6):02d}-{rng.randint(1, 28):02d}",
                            rng.random() < 0.4, "rejection" if i % 7 else "interview_invitation", ident=f"{seed}-{i}"))
    return out


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def run_coach(*args: str, db: Path) -> subprocess.CompletedProcess:
    """`nextround coach ARGS` in a subprocess whose network sockets are blocked."""
    env = {**os.environ, "NEXTROUND_DB": str(db)}
    env["PYTHONPATH"] = os.pathsep.join([str(NOSOCKET), env.get("PYTHONPATH", "")])
    return subprocess.run([sys.executable, "-m", "nextround.coach.cli", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, result.stderr
    return result


def dump(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT client_id, content_hash, date, analysis FROM messages ORDER BY id").fetchall()


@pytest.fixture
def three_clients(tmp_path) -> tuple[Path, dict[str, list[dict]]]:
    db = tmp_path / "coach.sqlite"
    data = {"Sam Taylor": random_analyses(1, 30), "Maria Lopez": random_analyses(2, 25),
            "Li Wei": random_analyses(3, 12)}
    for name, records in data.items():
        ok(run_coach("add", name, db=db))
        ok(run_coach("import", name, str(write_jsonl(tmp_path / f"{name}.jsonl", records)), db=db))
    return db, data


def expected_counts(data: dict[str, list[dict]]) -> dict[tuple[str, str, str], int]:
    """The trend counts recomputed with plain pandas from the input analyses."""
    rows = pd.DataFrame([{**r, "client": c} for c, records in data.items() for r in records])
    rows = rows[rows["is_rejection"]]
    rows = pd.concat([rows, rows.assign(client="(all)")])
    rows["month"] = rows["date"].str[:7]
    rows["reason"] = rows["reasons"].map(lambda rs: [r["label"] for r in rs])
    rows["skill_gap"] = rows["skill_gaps"].map(lambda gs: [g["canonical"] for g in gs])
    rows["no_reason_given"] = rows["reason"].map(lambda rs: "" if rs == ["no_reason_given"] else None)
    rows["feedback_offered"] = rows["feedback_available"].map(lambda f: "" if f else None)
    found: dict[tuple[str, str, str], int] = {}
    for metric in ("month", "reason", "skill_gap", "stage", "no_reason_given", "feedback_offered", "company", "role"):
        counts = rows[["client", metric]].explode(metric).dropna().value_counts()
        found.update({(c, metric, k): int(n) for (c, k), n in counts.items()
                      if metric not in ("company", "role") or n >= 2})
    return found


def test_trends_csv_matches_a_pandas_recount(three_clients):
    db, data = three_clients
    out = ok(run_coach("trends", "--format", "csv", db=db))
    table = pd.read_csv(pd.io.common.StringIO(out.stdout), dtype={"key": str}, keep_default_na=False)
    assert list(table.columns) == ["client", "metric", "key", "count", "total", "share"]
    shown = {(c, m, k): n for c, m, k, n in table[["client", "metric", "key", "count"]].itertuples(index=False)
             if m != "reached"}
    expected = expected_counts(data)
    for client in [*data, "(all)"]:  # flags are listed even when zero
        for flag in ("feedback_offered", "no_reason_given"):
            expected.setdefault((client, flag, ""), 0)
    assert shown == expected
    totals = {c: sum(r["is_rejection"] for r in rs) for c, rs in data.items()}
    totals["(all)"] = sum(totals.values())
    rejection_rows = table[table["metric"] != "reached"]
    assert (rejection_rows["total"] == rejection_rows["client"].map(totals)).all()
    assert (table["share"] - (table["count"] / table["total"]).round(4)).abs().max() < 1e-9


def test_trends_for_one_client_since_a_date(three_clients):
    db, data = three_clients
    out = ok(run_coach("trends", "Li Wei", "--since", "2024-04-01", "--format", "json", db=db))
    payload = json.loads(out.stdout)
    assert payload["minimum_rejections"] == MIN_REJECTIONS
    months = {r["key"] for r in payload["trends"] if r["metric"] == "month"}
    assert months and min(months) >= "2024-04" and {r["client"] for r in payload["trends"]} == {"Li Wei"}
    kept = sum(r["is_rejection"] and r["date"] >= "2024-04-01" for r in data["Li Wei"])
    assert sum(r["count"] for r in payload["trends"] if r["metric"] == "month") == kept
    assert "Li Wei" in ok(run_coach("trends", "Li Wei", db=db)).stdout
    missing = run_coach("trends", "Nobody", db=db)
    assert missing.returncode == 1 and missing.stderr.startswith("Error: no client named 'Nobody'")
    assert run_coach("trends", "--since", "soon", db=db).returncode == 2


CDP_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--remote-debugging-pipe"]


def chromium_path() -> str | None:
    return next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if Path(p).exists()), None)


@dataclass
class Visit:
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    charts: list[str] = field(default_factory=list)
    pdf_bytes: int = 0


class DevTools:
    """Chromium driven over --remote-debugging-pipe (fds 3 and 4): no TCP port, no websocket."""

    def __init__(self, profile: Path) -> None:
        to_chrome, self._out = os.pipe()
        self._in, from_chrome = os.pipe()

        def wire() -> None:  # copies first: a pipe may already sit on fd 3 or 4, close-on-exec
            read_end, write_end = os.dup(to_chrome), os.dup(from_chrome)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self.proc = subprocess.Popen([chromium_path(), *CDP_FLAGS, f"--user-data-dir={profile}", "about:blank"],
                                     preexec_fn=wire, close_fds=False, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        os.close(to_chrome), os.close(from_chrome)
        self.events: list[dict] = []
        self._buffer, self._next = b"", 0

    def send(self, method: str, session: str | None = None, **params) -> dict:
        self._next += 1
        message = {"id": self._next, "method": method, "params": params, **({"sessionId": session} if session else {})}
        os.write(self._out, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.receive()
            if reply.get("id") == self._next:
                assert "error" not in reply, reply
                return reply["result"]
            self.events.append(reply)

    def receive(self, timeout: float = 30) -> dict:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._in], [], [], timeout)
            assert ready, "chromium did not answer"
            chunk = os.read(self._in, 1 << 20)
            assert chunk, "chromium closed the pipe"
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_for(self, method: str) -> None:
        while not any(e.get("method") == method for e in self.events):
            self.events.append(self.receive())

    def close(self) -> None:
        try:
            self.send("Browser.close")
        finally:
            self.proc.wait(timeout=30)
            os.close(self._in), os.close(self._out)


def visit(page: Path, screenshot: Path, profile: Path) -> Visit:
    """Open PAGE in headless Chromium: requests made, console errors, charts drawn; save a screenshot."""
    tools = DevTools(profile)
    try:
        target = next(t for t in tools.send("Target.getTargets")["targetInfos"] if t["type"] == "page")
        session = tools.send("Target.attachToTarget", targetId=target["targetId"], flatten=True)["sessionId"]
        for domain in ("Page", "Network", "Runtime", "Log"):
            tools.send(f"{domain}.enable", session)
        tools.send("Emulation.setDeviceMetricsOverride", session, width=1200, height=2000, deviceScaleFactor=1,
                   mobile=False)
        tools.send("Page.navigate", session, url=page.as_uri())
        tools.wait_for("Page.loadEventFired")
        charts = tools.send("Runtime.evaluate", session, returnByValue=True, expression=(
            "[...document.querySelectorAll('figure.chart')].filter(f => {const r = f.querySelector('svg')"
            ".getBoundingClientRect(); return r.width > 300 && r.height > 80;}).map(f => f.id)"))
        shot = tools.send("Page.captureScreenshot", session, format="png", captureBeyondViewport=True)
        screenshot.write_bytes(base64.b64decode(shot["data"]))
        pdf = tools.send("Page.printToPDF", session)["data"]
        requests = [e["params"]["request"]["url"] for e in tools.events
                    if e.get("method") == "Network.requestWillBeSent"]
        return Visit(requests, console_errors(tools.events), charts["result"]["value"], len(base64.b64decode(pdf)))
    finally:
        tools.close()


def console_errors(events: list[dict]) -> list[str]:
    errors = [json.dumps(e["params"]) for e in events if e.get("method") == "Runtime.exceptionThrown"]
    errors += [json.dumps(e["params"]) for e in events
               if e.get("method") == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "assert")]
    errors += [e["params"]["entry"]["text"] for e in events
               if e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error"]
    return errors


def no_remote_references(html: str) -> None:
    assert not re.search(r"""(?:src|href|url)\s*[=(]\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert "<script" not in html.lower() and "@import" not in html and "@font-face" not in html


@pytest.mark.skipif(chromium_path() is None, reason="chromium is not installed")
def test_report_opens_offline_in_chromium_with_three_charts(three_clients, tmp_path):
    db, _ = three_clients
    ok(run_coach("note", "Sam Taylor", "Keen on platform roles; practising Kubernetes.", db=db))
    report = tmp_path / "report.html"
    ok(run_coach("report", "--output", str(report), db=db))
    html = report.read_text(encoding="utf-8")
    no_remote_references(html)
    assert "@media print" in html and html.count("<svg") == 3
    ARTIFACTS.mkdir(exist_ok=True)
    seen = visit(report, ARTIFACTS / "coach-report.png", tmp_path / "chromium")
    assert seen.requests and all(u.startswith(("file:", "data:")) for u in seen.requests), seen.requests
    assert seen.errors == []
    assert seen.charts == ["chart-reasons", "chart-skills", "chart-funnel"]
    assert seen.pdf_bytes > 1000  # it prints


def test_importing_twice_leaves_the_same_store(tmp_path):
    db = tmp_path / "coach.sqlite"
    path = write_jsonl(tmp_path / "a.jsonl", random_analyses(4, 20))
    ok(run_coach("add", "Sam", db=db))
    first = ok(run_coach("import", "Sam", str(path), db=db))
    before = dump(db)
    second = ok(run_coach("import", "Sam", str(path), db=db))
    assert "20 added" in first.stderr and "0 added, 20 already stored" in second.stderr
    assert dump(db) == before
    with coach.open_store(db) as store:  # messages, through the analyzer, dedupe too
        messages = [Message(text=f"Unfortunately, no. ({i})", date="2024-05-01") for i in range(5)]
        fake = lambda m: analysis(ident=m.text)  # noqa: E731
        assert coach.import_messages(store, "Sam", messages, fake).added == 5
        assert coach.import_messages(store, "Sam", messages + messages[:2], fake).skipped == 7
        assert store.counts()["messages"] == 25


KILL_SCRIPT = """
import json, os, signal
from nextround import coach
records = [json.loads(line) for line in open({data!r})]
def records_then_kill():
    for i, record in enumerate(records):
        if i == 75:
            os.kill(os.getpid(), signal.SIGKILL)
        yield record
store = coach.open_store({db!r})
store.import_analyses("Sam", records_then_kill(), batch_size=20)
"""


def check_consistent(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = conn.execute("SELECT analysis FROM messages").fetchall()
        assert all(json.loads(r[0])["schema"] == "nextround.analysis/1" for r in rows)
        return len(rows)


def test_killed_import_leaves_a_consistent_store_and_resumes(tmp_path):
    db = tmp_path / "coach.sqlite"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(NOSOCKET), os.environ.get("PYTHONPATH", "")])}
    data = write_jsonl(tmp_path / "in.jsonl", random_analyses(5, 120))
    script = KILL_SCRIPT.format(data=str(data), db=str(db))
    killed = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, timeout=120)
    assert killed.returncode == -9, killed.stderr
    assert check_consistent(db) == 60  # three whole batches of 20; the batch in flight is gone
    with coach.open_store(db) as store:
        result = coach.import_analyses(store, "Sam", random_analyses(5, 120))
    assert (result.added, result.skipped) == (60, 60)
    assert check_consistent(db) == 120


def test_an_error_mid_import_keeps_finished_batches(tmp_path):
    db = tmp_path / "coach.sqlite"
    messages = [Message(text=f"We will not proceed ({i}).") for i in range(50)]

    def flaky(message: Message) -> dict:
        if message.text.endswith("(33)."):
            raise RuntimeError("injected failure")
        return analysis(ident=message.text)

    with coach.open_store(db) as store:
        with pytest.raises(RuntimeError):
            store.import_messages("Sam", messages, flaky, batch_size=10)
        assert check_consistent(db) == 30
        assert store.import_messages("Sam", messages, lambda m: analysis(ident=m.text)).added == 20
    assert check_consistent(db) == 50


def test_anonymized_report_hides_names_emails_and_phones(tmp_path):
    db = tmp_path / "coach.sqlite"
    secrets = {"Sam Taylor": ("Hi Sam, thanks. Email priya.raman@northwind.example or call +44 20 7946 0958.",
                              "sam.taylor@gmail.example"),
               "Maria Lopez": ("Dear Maria, Sincerely, John Smith, Talent Partner. Phone (555) 123-4567.",
                               "+1 415 555 0199")}
    for name, (quote, contact) in secrets.items():
        ok(run_coach("add", name, db=db))
        records = [analysis(reasons=["skills_gap"], skills=["sql"], evidence=quote, day=f"2024-0{i + 1}-02")
                   for i in range(6)]
        ok(run_coach("import", name, str(write_jsonl(tmp_path / "in.jsonl", records)), db=db))
        ok(run_coach("note", name, f"{name} prefers remote work; reach them at {contact}.", db=db))
    report = tmp_path / "shared.html"
    ok(run_coach("report", "--output", str(report), "--anonymize", db=db))
    html = report.read_text(encoding="utf-8")
    for leaked in ["@northwind.example", "gmail.example", "7946", "123-4567", "555 0199", "John Smith"]:
        assert leaked not in html
    for word in ["Sam", "Taylor", "Maria", "Lopez"]:
        assert not re.search(rf"\b{word}\b", html, re.I), word
    assert re.search(r"Client [0-9A-F]{4}", html) and "[email]" in html and "[phone]" in html
    plain = tmp_path / "plain.html"
    ok(run_coach("report", "--output", str(plain), db=db))
    assert "Sam Taylor" in plain.read_text() and "7946" not in plain.read_text()


def focus_keys(df: pd.DataFrame, client: str) -> list[str]:
    return [f.key for f in coach.focus_areas(df, client)]


def test_focus_areas_follow_the_data(tmp_path):
    with coach.open_store(tmp_path / "coach.sqlite") as store:
        coach.import_analyses(store, "Avery", [analysis(stage="application", day=f"2024-01-{i + 10}")
                                                for i in range(6)])
        coach.import_analyses(store, "Blake", [analysis(reasons=["skills_gap", "interview_performance"],
                                                        skills=["kubernetes"], day=f"2024-01-{i + 10}")
                                               for i in range(6)])
        coach.import_analyses(store, "Casey", [analysis(day=f"2024-01-{i + 10}") for i in range(MIN_REJECTIONS - 1)])
        df = coach.analyses_frame(store)
        avery, blake = focus_keys(df, "Avery"), focus_keys(df, "Blake")
        assert set(avery) == {"no_reason_given", "application"}
        assert set(blake[:2]) == {"kubernetes", "interview_performance"} and not set(avery) & set(blake)
        assert coach.focus_areas(df, "Casey") == []  # below the minimum sample: no pattern claimed
        assert all(f.count >= 2 and f"of {f.total}" in f.why for f in coach.focus_areas(df, "Blake"))
        coach.import_analyses(store, "Avery", [analysis(reasons=["skills_gap"], skills=["sql"], stage="interview",
                                                        day=f"2024-02-{i + 10}") for i in range(9)])
        assert focus_keys(coach.analyses_frame(store), "Avery")[0] == "sql"


def test_an_empty_store_has_no_trends_yet(tmp_path):
    db = tmp_path / "coach.sqlite"
    assert ok(run_coach("trends", "--format", "csv", db=db)).stdout.startswith("client,metric,key")
    assert "patterns are only suggested from 5" in ok(run_coach("trends", db=db)).stdout
    ok(run_coach("add", "Zed", db=db))
    ok(run_coach("report", "Zed", "--output", str(tmp_path / "r.html"), db=db))
    assert (tmp_path / "r.html").read_text().count("<svg") == 3


def test_coach_commands_import_light():
    code = "import sys, nextround.coach.cli; print('pandas' in sys.modules, 'matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.stdout.split() == ["False", "False"], out.stderr


@pytest.mark.skipif(not (ROOT / "src/nextround/model/meta.json").is_file(), reason="no trained model yet")
def test_import_raw_messages_through_the_pipeline(tmp_path):
    db = tmp_path / "coach.sqlite"
    ok(run_coach("add", "Sam", db=db))
    out = ok(run_coach("import", "Sam", *map(str, sorted((ROOT / "examples").glob("*.txt"))), db=db))
    assert "3 added" in out.stderr
    with coach.open_store(db) as store:
        df = coach.analyses_frame(store)
    assert df["is_rejection"].sum() == 2


def test_notebook_runs(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(ROOT / "notebooks" / "coach_trends.ipynb", as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=180, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.km = client.create_kernel_manager()
    client.km.transport, client.km.ip = "ipc", str(tmp_path / "kernel")  # unix sockets, no TCP
    client.execute()
    printed = "".join(o.get("text", "") for c in notebook.cells if c.cell_type == "code" for o in c.outputs)
    assert "minimum rejections for a pattern: 5" in printed and "report.html" in printed


def test_corpus_test_split_as_five_clients_matches_a_pandas_recount(tmp_path):
    """Issue #6, point 1: the test split imported as five clients (through the real pipeline)."""
    import nextround
    from nextround import corpus
    from nextround.evaluate import record_message

    records = corpus.split(corpus.load_records(corpus.corpus_files(ROOT / "corpora" / "annotated")), "test")
    db = tmp_path / "coach.sqlite"
    names = ["Ana Ruiz", "Ben Okoro", "Chloe Martin", "Dev Patel", "Eva Novak"]
    data: dict[str, list[dict]] = {}
    for k, name in enumerate(names):
        mine = records[k::5]
        rows = [{"id": r["id"], "date": f"2026-{1 + i % 9:02d}-15", "subject": r["subject"],
                 "sender": r["sender"], "text": r["text"]} for i, r in enumerate(mine)]
        data[name] = [{**nextround.analyze(record_message({**r, "format": "text"})).to_dict(), "date": row["date"]}
                      for r, row in zip(mine, rows)]
        ok(run_coach("add", name, db=db))
        ok(run_coach("import", name, str(write_jsonl(tmp_path / f"{k}.jsonl", rows)), db=db))
    out = ok(run_coach("trends", "--format", "csv", db=db))
    table = pd.read_csv(pd.io.common.StringIO(out.stdout), dtype={"key": str}, keep_default_na=False)
    shown = {(c, m, k): n for c, m, k, n in table[["client", "metric", "key", "count"]].itertuples(index=False)
             if m != "reached"}
    expected = expected_counts(data)
    for client in [*data, "(all)"]:
        for flag in ("feedback_offered", "no_reason_given"):
            expected.setdefault((client, flag, ""), 0)
        # trends lists the 10 skills most often named per client: the top of the recount
        gaps = {k: n for k, n in expected.items() if k[0] == client and k[1] == "skill_gap"}
        kept = {k: n for k, n in gaps.items() if k in shown}
        assert len(kept) == min(10, len(gaps))
        assert min(kept.values(), default=0) >= max((n for k, n in gaps.items() if k not in kept), default=0)
        for k in gaps.keys() - kept.keys():
            del expected[k]
    assert shown == expected
