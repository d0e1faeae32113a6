"""End-to-end speed and memory of `nextround batch`, against a bare standard-library parse.

Builds a realistic inbox of 20,000 messages in a temporary folder as one mbox: mostly
non-job mail (sampled from ../shared's Enron mbox when present, else synthetic), job
mail from the corpus test split (some as HTML, some with an attachment, some replies),
then prints in one run:

- messages per second of `nextround batch INBOX --jobs 2 --output OUT.jsonl`;
- peak memory (RSS summed over the process tree, sampled every 0.1 s);
- the baseline: stream the same file with mailbox.mbox and parse every message with
  email's policy.default parser, doing nothing else; and the ratio batch / baseline.

    python bench/batch.py [--messages 20000] [--job-share 0.05] [--repeat 1]
"""
from __future__ import annotations

import argparse
import json
import mailbox
import os
import random
import subprocess
import sys
import tempfile
import time
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENRON = ROOT.parent / "shared" / "data" / "inbox" / "real" / "enron-derived" / "enron-inbox-sample.mbox"
sys.path.insert(0, str(ROOT / "src"))


def enron_messages() -> list[bytes]:
    from nextround.ingest.mbox import split_mbox

    if not ENRON.is_file():
        return []
    with open(ENRON, "rb") as fh:
        return [raw for raw, _ in split_mbox(fh)]


def synthetic(n: int) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["Subject"] = f"colleague{n}@example.com", f"Minutes of meeting {n}"
    msg.set_content(f"Hi all,\n\nThe minutes of meeting {n} are below. Budget review moved to Thursday.\n" * 5)
    return bytes(msg)


def job_messages() -> list[bytes]:
    records = [json.loads(line) for path in sorted((ROOT / "corpora" / "annotated").glob("*.jsonl"))
               for line in path.open(encoding="utf-8") if line.strip()]
    test = [r for r in records if r.get("split", "test") == "test" and r["category"] != "other"]
    return [job_email(i, r) for i, r in enumerate(test)]


def job_email(i: int, record: dict) -> bytes:
    msg = EmailMessage()
    msg["From"] = record.get("sender") or "careers@example.com"
    msg["Subject"] = ("Re: " if i % 5 == 0 else "") + record.get("subject", "")
    msg["Message-ID"] = f"<bench-{i}@example.com>"
    text = record["text"]
    if record.get("format") == "html":
        msg.set_content("This message requires HTML.")
        msg.add_alternative(text, subtype="html")
    else:
        msg.set_content(text)
    if i % 7 == 0:
        msg.add_attachment(os.urandom(20_000), maintype="application", subtype="pdf", filename="cv.pdf")
    return bytes(msg)


def build_inbox(path: Path, count: int, job_share: float, repeat: int) -> int:
    rng = random.Random(7)
    jobs, others = job_messages(), enron_messages()
    n_jobs = int(count * job_share)
    chosen = [rng.choice(jobs) for _ in range(n_jobs)]
    chosen += [rng.choice(others) if others else synthetic(i) for i in range(count - n_jobs)]
    rng.shuffle(chosen)
    with open(path, "wb") as fh:
        for _ in range(repeat):
            for raw in chosen:
                body = raw.replace(b"\nFrom ", b"\n>From ")
                fh.write(b"From bench@example.com Mon Jan  2 10:00:00 2023\n" + body.rstrip(b"\n") + b"\n\n")
    return count * repeat


def baseline(path: Path) -> float:
    """Seconds to stream the mbox and parse every message with policy.default."""
    parser = BytesParser(policy=policy.default)
    started = time.perf_counter()
    for _ in mailbox.mbox(str(path), factory=lambda f: parser.parse(f), create=False):
        pass
    return time.perf_counter() - started


def tree_rss(pid: int) -> int:
    """RSS in bytes of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        stack += children.get(p, [])
        try:
            total += int(open(f"/proc/{p}/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            pass
    return total


def run_batch(inbox: Path, out: Path, jobs: int) -> tuple[float, int, str]:
    """Seconds, peak tree RSS and the summary line of one `nextround batch` run."""
    cmd = [sys.executable, "-m", "nextround", "batch", str(inbox), "--jobs", str(jobs), "--output", str(out)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    return seconds, peak, proc.stderr.read().strip()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=20_000)
    ap.add_argument("--job-share", type=float, default=0.05)
    ap.add_argument("--repeat", type=int, default=1, help="repeat the inbox (e.g. 16 for about 1 GB)")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        inbox = Path(tmp) / "inbox.mbox"
        n = build_inbox(inbox, args.messages, args.job_share, args.repeat)
        size = inbox.stat().st_size / 2**20
        print(f"inbox: {n} messages, {size:.1f} MB ({'Enron sample' if ENRON.is_file() else 'synthetic'} + corpus test split)")
        base = baseline(inbox)
        print(f"baseline (mailbox.mbox + policy.default parse): {n / base:,.0f} msg/s ({base:.1f} s)")
        seconds, peak, summary = run_batch(inbox, Path(tmp) / "out.jsonl", args.jobs)
        print(f"nextround batch --jobs {args.jobs}: {n / seconds:,.0f} msg/s ({seconds:.1f} s), "
              f"peak RSS of the process tree {peak / 2**20:.0f} MB")
        print(f"  {summary.splitlines()[-1] if summary else ''}")
        print(f"ratio batch / baseline: {base / seconds:.2f} (target >= 2.0)")


if __name__ == "__main__":
    main()
