"""Cold and warm speed of `analyze`, measured in one run.

    python bench/latency.py [FILE]

Cold: wall time of `nextround analyze FILE --json` in a new process (median of
5), beside a bare `python -c pass` start measured in the same run. Warm:
analyses per second in one process over the corpus test split (or the
examples), after one warm-up call. Targets on the 2-core machine: cold under
1.5 s, warm over 200 emails/s.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "rejection-skill-gaps.txt"


def wall(cmd: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def warm_texts() -> list:
    from nextround import corpus
    from nextround.evaluate import record_message

    try:
        records = corpus.split(corpus.load_records(corpus.corpus_files(ROOT / "corpora/annotated")), "test")
        return [record_message(r) for r in records]
    except FileNotFoundError:
        return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]


def warm_rate(seconds: float = 5.0) -> tuple[float, int]:
    import nextround

    pipe = nextround.load()
    items = warm_texts()
    nextround.analyze(items[0], pipe)
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for item in items:
            nextround.analyze(item, pipe)
        done += len(items)
    return done / (time.perf_counter() - start), len(items)


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else EXAMPLE
    exe = str(Path(sys.executable).with_name("nextround"))
    bare = wall([sys.executable, "-c", "pass"])
    cold = wall([exe, "analyze", str(target), "--json"])
    rate, n = warm_rate()
    print(f"cold  nextround analyze {target.name}: {cold:.3f} s (bare python start {bare:.3f} s,"
          f" ratio {cold / bare:.1f}x; target < 1.5 s: {'ok' if cold < 1.5 else 'MISSED'})")
    print(f"warm  {rate:.0f} analyses/s over {n} messages (target > 200/s: {'ok' if rate > 200 else 'MISSED'})")


if __name__ == "__main__":
    main()
