"""Many messages through the pipeline: streamed, in input order, in parallel (joblib or Dask).

    inputs -> raw items -> ordered chunks -> [pre-filter | parse + analyze] -> records -> OUT

Every message read gives one record (the analysis JSON, `source`, `date`, `subject`,
`sender` and the carried input columns); a message that cannot be read gives a record
with `error` set. Only a bounded number of chunks is in flight, so memory does not
grow with the inbox. `--resume` finds the last complete record of OUT and continues
after the message it came from.
"""
from __future__ import annotations

import csv
import json
import os
import re
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nextround import prefilter
from nextround.ingest import RawMessage, read_raw_paths
from nextround.ingest.mime import parse_message
from nextround.report import to_jsonl
from nextround.schema import JOB_CATEGORIES, Analysis, Message

CHUNK_FIRST = 64               # messages in the first task sent to a worker; each next one doubles...
CHUNK_MESSAGES = 512           # ...up to this (large tasks: less overhead; small first ones: early output)
CHUNK_BYTES = 8 * 1024 * 1024  # a chunk closes early once its raw bytes pass this
FORMATS = ("jsonl", "csv", "parquet")
ENGINES = ("local", "dask")
# --only filters, on (category, error is set)
ONLY = {"job": lambda category, error: category in JOB_CATEGORIES or error,
        "rejections": lambda category, error: category == "rejection" or error}


class ResumeError(Exception):
    """OUT does not match the inputs, so the run cannot be resumed."""


@dataclass
class Options:
    output: Path
    fmt: str = "jsonl"
    jobs: int = 0                # 0: all cores
    engine: str = "local"
    scheduler: str | None = None
    resume: bool = False
    only: str | None = None
    model: str | None = None     # a model directory, resolved by the caller


@dataclass
class Summary:
    read: int = 0
    job: int = 0
    rejections: int = 0
    errors: int = 0
    skipped: int = 0
    written: int = 0
    resumed_after: int = 0

    def add(self, category: str, error: bool, skipped: bool) -> None:
        self.read += 1
        self.job += category in JOB_CATEGORIES
        self.rejections += category == "rejection"
        self.errors += error
        self.skipped += skipped

    def line(self, output: Path) -> str:
        resumed = f" (resumed after {self.resumed_after} records)" if self.resumed_after else ""
        return (f"Read {self.read} messages{resumed}: {self.job} job mail, {self.rejections} rejections, "
                f"{self.errors} errors ({self.skipped} skipped by the pre-filter). "
                f"Wrote {self.written} records to {output}.")


def to_record(message: Message, analysis: Analysis) -> dict[str, Any]:
    """The analysis JSON plus where the message came from and its carried columns."""
    record = analysis.to_dict()
    record.update(source=message.source, date=message.date, subject=message.subject, sender=message.sender)
    record.update(message.carried)
    return record


def analyse_item(item: Message | RawMessage, pipe) -> tuple[dict[str, Any], bool]:
    """One item -> (record, skipped by the pre-filter)."""
    from nextround.pipeline import analyze

    if isinstance(item, RawMessage):
        screened = prefilter.screen_raw(item.data, item.source, item.truncated)
        if screened is not None:
            return to_record(*screened), True
        item = parse_message(item.data, item.source, item.truncated)
    confidence = prefilter.skip_confidence(item)
    if confidence is not None:
        return to_record(item, prefilter.skipped_analysis(item, confidence)), True
    return to_record(item, analyze(item, pipe)), False


Result = tuple[str | dict[str, Any], str, bool, bool]  # (JSON line or record, category, error set, skipped)


def process_chunk(chunk: list[Message | RawMessage], model: str | None, fmt: str | None = None) -> list[Result]:
    """A chunk of items -> compact results, in order (runs in a worker).

    For JSON Lines output the worker serialises the record itself, so the parent only writes."""
    from nextround.pipeline import load

    pipe = load(model)
    results: list[Result] = []
    for item in chunk:
        record, skipped = analyse_item(item, pipe)
        payload = to_jsonl(record) if fmt == "jsonl" else record
        results.append((payload, record["category"], record["error"] is not None, skipped))
    return results


def chunked(items: Iterable[Message | RawMessage]) -> Iterator[list[Message | RawMessage]]:
    """Ordered chunks of CHUNK_FIRST items, doubling up to CHUNK_MESSAGES, or about CHUNK_BYTES raw bytes."""
    chunk: list[Message | RawMessage] = []
    size, limit = 0, CHUNK_FIRST
    for item in items:
        chunk.append(item)
        size += len(item.data) if isinstance(item, RawMessage) else len(item.text) + len(item.html or "")
        if len(chunk) >= limit or size >= CHUNK_BYTES:
            yield chunk
            chunk, size, limit = [], 0, min(2 * limit, CHUNK_MESSAGES)
    if chunk:
        yield chunk


def skip_done(items: Iterable[Message | RawMessage], start: "Start", fmt: str) -> Iterator[Message | RawMessage]:
    """The items after the one that gave the last record of OUT (read now, before any work starts)."""
    same = (lambda s: csv_cell(s) == start.source) if fmt == "csv" else (lambda s: s == start.source)
    it = iter(items)
    seen = 0
    for item in it:
        seen += same(item.source)
        if seen == start.count:
            return it
    raise ResumeError(f"its last record ({start.source}) is not among the inputs")


def local_map(chunks: Iterable[list], model: str | None, jobs: int, fmt: str | None = None) -> Iterator[list]:
    """Chunks processed in order: in this process for one job, else by joblib workers."""
    if jobs == 1:
        return (process_chunk(c, model, fmt) for c in chunks)
    from joblib import Parallel, delayed

    parallel = Parallel(n_jobs=jobs, return_as="generator", pre_dispatch="2*n_jobs", batch_size=1)
    return parallel(delayed(process_chunk)(c, model, fmt) for c in chunks)


def dask_map(chunks: Iterable[list], model: str | None, address: str, window: int = 0,
             fmt: str | None = None) -> Iterator[list]:
    """Chunks processed in order on an existing Dask cluster, with a bounded window in flight."""
    from distributed import Client

    with Client(address, set_as_default=False, timeout="20s") as client:
        window = window or 2 * max(1, sum(client.nthreads().values()))
        pending: deque = deque()
        for chunk in chunks:
            pending.append(client.submit(process_chunk, chunk, model, fmt, pure=False))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def run(inputs: list[Path], options: Options, on_chunk: Callable[[Summary], None] | None = None) -> Summary:
    """Analyse every message of the inputs into options.output; InputError for unusable inputs."""
    items = read_raw_paths(inputs)
    summary = Summary()
    start = resume_point(options.output, options.fmt) if options.resume else None
    if start is not None:
        summary.resumed_after = start.records
        items = skip_done(items, start, options.fmt)
    jobs = options.jobs or os.cpu_count() or 1
    chunks = chunked(items)
    results = (dask_map(chunks, options.model, options.scheduler, fmt=options.fmt) if options.engine == "dask"
               else local_map(chunks, options.model, jobs, options.fmt))
    keep = ONLY.get(options.only or "", lambda category, error: True)
    with open_writer(options.output, options.fmt, append=start is not None) as writer:
        for result in results:
            for payload, category, error, skipped in result:
                summary.add(category, error, skipped)
                if keep(category, error):
                    writer.write(payload)
                    summary.written += 1
            writer.flush()
            if on_chunk:
                on_chunk(summary)
    return summary


def usage_problem(inputs: list[Path], options: Options) -> str | None:
    """What is wrong with the arguments (a usage error), or None."""
    for name, value, allowed in (("--format", options.fmt, FORMATS), ("--engine", options.engine, ENGINES),
                                 ("--only", options.only or "job", tuple(ONLY))):
        if value not in allowed:
            return f"{name} must be one of {', '.join(allowed)} (got {value})."
    if options.jobs < 0:
        return "--jobs must be 0 (all cores) or a number of worker processes."
    if options.engine == "dask" and not options.scheduler:
        return "--engine dask needs --scheduler ADDRESS, the address of a running Dask scheduler."
    if options.resume and options.fmt == "parquet":
        return f"--resume works with jsonl and csv output, not parquet ({options.output}). Run again without --resume."
    if options.output.is_dir():
        return f"the output is a folder ({options.output}). Give a file name."
    out = options.output.resolve()
    for given in inputs:
        p = Path(given).resolve()
        if out == p or (p.is_dir() and out.is_relative_to(p)):
            return f"the output ({options.output}) would be written inside the input {given}. Write it elsewhere."
    return None


@contextmanager
def progress(enabled: bool) -> Iterator[Callable[[Summary], None] | None]:
    """A rich progress line on stderr (messages, messages/s, job mail so far) when enabled."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = [SpinnerColumn(), TextColumn("{task.completed} messages, {task.fields[rate]:.0f}/s, "
                                           "{task.fields[job]} job mail"), TimeElapsedColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("batch", total=None, rate=0.0, job=0)
        started = time.monotonic()
        yield lambda s: bar.update(task, completed=s.read, job=s.job,
                                   rate=s.read / max(time.monotonic() - started, 1e-6))

# --- output: one writer per format, and where to resume ---

COLUMNS = ("schema", "id", "category", "is_rejection", "confidence", "reasons", "skill_gaps", "stage",
           "reapply_after_months", "future_opportunities", "feedback_available", "company", "role",
           "suggestions", "error", "source", "date", "subject", "sender", "client", "labels")
# Cells a spreadsheet would run as a formula (OWASP "CSV injection"): prefixed with a quote.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LINE_BREAKS = re.compile(r"[\r\n]+")
PARQUET_ROWS = 10_000


def csv_cell(value: Any) -> str:
    """One CSV cell: JSON for non-strings, on one line, never starting like a formula."""
    if value is None:
        return ""
    text = LINE_BREAKS.sub(" ", value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
    return "'" + text if text.startswith(FORMULA_START) else text


class JsonlWriter:
    def __init__(self, path: Path, append: bool):
        self.fh = open(path, "ab" if append else "wb")

    def write(self, record: dict[str, Any] | str) -> None:
        """One record, or its JSON line as serialised by a worker."""
        line = record if isinstance(record, str) else to_jsonl(record)
        self.fh.write((line + "\n").encode("utf-8", "replace"))

    def flush(self) -> None:
        self.fh.flush()

    def close(self) -> None:
        self.fh.close()


class CsvWriter(JsonlWriter):
    def __init__(self, path: Path, append: bool):
        self.fh = open(path, "a" if append else "w", encoding="utf-8", errors="replace", newline="")
        self.rows = csv.writer(self.fh, lineterminator="\n")
        if not append:
            self.rows.writerow(COLUMNS)

    def write(self, record: dict[str, Any]) -> None:
        self.rows.writerow([csv_cell(record.get(c)) for c in COLUMNS])


class ParquetWriter:
    """Row groups of PARQUET_ROWS records; nested fields and carried values as JSON text."""

    def __init__(self, path: Path, append: bool):
        import pyarrow as pa
        import pyarrow.parquet as pq

        types = {"confidence": pa.float64(), "reapply_after_months": pa.int64(), "is_rejection": pa.bool_(),
                 "future_opportunities": pa.bool_(), "feedback_available": pa.bool_()}
        self.schema = pa.schema([(c, types.get(c, pa.string())) for c in COLUMNS])
        self.out = pq.ParquetWriter(path, self.schema)
        self.rows: list[dict[str, Any]] = []

    def write(self, record: dict[str, Any]) -> None:
        self.rows.append({c: parquet_value(c, record.get(c), self.schema) for c in COLUMNS})
        if len(self.rows) >= PARQUET_ROWS:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            import pyarrow as pa

            self.out.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        self.flush()
        self.out.close()


def parquet_value(column: str, value: Any, schema) -> Any:
    """A value as its column's type: strings stay, other values of string columns become JSON."""
    if value is None or str(schema.field(column).type) != "string" or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class open_writer:
    """`with open_writer(path, fmt, append) as w`: the writer for a format, closed at the end."""

    def __init__(self, path: Path, fmt: str, append: bool = False):
        self.writer = {"jsonl": JsonlWriter, "csv": CsvWriter, "parquet": ParquetWriter}[fmt](path, append)

    def __enter__(self):
        return self.writer

    def __exit__(self, *exc) -> None:
        self.writer.close()


@dataclass
class Start:
    """Where a resumed run starts: after the count-th message whose source is `source`."""

    source: str | None
    count: int
    records: int


def complete_end(path: Path, block: int = 1 << 16) -> int:
    """The byte offset just after the last newline of a file (0 if none)."""
    with open(path, "rb") as fh:
        end = fh.seek(0, os.SEEK_END)
        while end > 0:
            start = max(0, end - block)
            fh.seek(start)
            found = fh.read(end - start).rfind(b"\n")
            if found >= 0:
                return start + found + 1
            end = start
    return 0


def record_sources(path: Path, fmt: str) -> Iterator[str | None]:
    """The source of every record of OUT, in order (CSV: the cell as written)."""
    with open(path, "rb") as fh:
        if fmt == "csv":
            index = next(csv.reader([fh.readline().decode("utf-8", "replace")]), []).index("source")
            for line in fh:
                yield next(csv.reader([line.decode("utf-8", "replace")]))[index]
        else:
            for line in fh:
                yield json.loads(line)["source"]


def resume_point(path: Path, fmt: str) -> Start | None:
    """Cut a partial last line off OUT; where to start again, or None to start from the beginning."""
    if not path.is_file():
        return None
    end = complete_end(path)
    if end != path.stat().st_size:
        os.truncate(path, end)
    try:
        records, last = 0, None
        for source in record_sources(path, fmt):
            records, last = records + 1, source
        count = sum(1 for s in record_sources(path, fmt) if s == last)
    except (ValueError, KeyError, IndexError, StopIteration) as exc:
        raise ResumeError(f"it is not a {fmt} file written by nextround batch ({exc})") from None
    return Start(last, count, records) if records else None
