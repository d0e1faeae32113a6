"""The coach's client store and what coaches ask of it.

    >>> from nextround import coach
    >>> store = coach.open_store("coach.sqlite")          # or $NEXTROUND_DB, or the per-user default
    >>> coach.add_client(store, "Sam Taylor")
    >>> coach.import_messages(store, "Sam Taylor", ["inbox.mbox"])   # anything `nextround batch` reads
    >>> df = coach.analyses_frame(store)                   # one row per analysed message (pandas)
    >>> coach.trends(df)                                   # long table: client, metric, key, count, total, share
    >>> coach.focus_areas(df, "Sam Taylor")                # the three focus areas, with their counts
    >>> coach.write_report(store, "report.html", anonymize=True)

pandas and matplotlib load on first use, so mounting the commands keeps `nextround --help` fast.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nextround.coach.store import (DB_ENV, Analyzer, ClientNotFoundError, ImportResult, Store, default_path,
                                   open_store)
from nextround.schema import SCHEMA, Message

if TYPE_CHECKING:
    import pandas as pd

    from nextround.coach.focus import Focus

__all__ = ["DB_ENV", "ClientNotFoundError", "ImportResult", "Store", "add_client", "add_note", "analyses_frame",
           "default_path", "focus_areas", "import_analyses", "import_messages", "open_store", "read_analyses",
           "trends", "write_report"]


def add_client(store: Store, name: str) -> bool:
    """Add a client to the store; False when the name was already there."""
    return store.add_client(name)


def add_note(store: Store, client: str, text: str) -> None:
    """Keep a dated note about a client (ClientNotFoundError for an unknown client)."""
    store.add_note(client, text)


def import_messages(store: Store, client: str, inputs: Iterable[str | os.PathLike[str] | Message],
                    analyze: Analyzer | None = None) -> ImportResult:
    """Analyse and store a client's messages: paths (any format `nextround batch` reads) or Messages.

    Messages already stored for the client are skipped. ANALYZE (Message -> analysis dict)
    defaults to the trained pipeline."""
    items = list(inputs)
    paths = [p for p in items if not isinstance(p, Message)]
    if paths:
        from nextround.ingest import read_paths

        messages: Iterable[Message] = read_paths(paths)
    else:
        messages = items  # type: ignore[assignment]
    return store.import_messages(client, messages, analyze)


def import_analyses(store: Store, client: str, records: Iterable[Mapping[str, Any]]) -> ImportResult:
    """Store analyses that were made already (the contract's JSON, as `nextround batch` writes it)."""
    return store.import_analyses(client, records)


def is_analyses_file(path: str | os.PathLike[str]) -> bool:
    """Whether PATH is JSON Lines of analyses (batch output) rather than messages to analyse."""
    p = Path(path)
    if not p.is_file() or p.suffix.lower() not in (".jsonl", ".ndjson", ".json"):
        return False
    with open(p, encoding="utf-8", errors="replace") as fh:
        first = next((line for line in fh if line.strip()), "")
    try:
        return json.loads(first).get("schema") == SCHEMA
    except (ValueError, AttributeError):
        return False


def read_analyses(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """The analysis records of a JSON Lines file written by `nextround batch`."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def analyses_frame(store: Store, client: str | None = None,
                   since: str | date | datetime | None = None) -> "pd.DataFrame":
    """The store's analyses as a DataFrame (nextround.aggregate.to_frame), one row per message."""
    from nextround import aggregate

    return aggregate.to_frame(store.records(client)).pipe(aggregate.since, since)


def trends(df: "pd.DataFrame", client: str | None = None, top: int | None = 10) -> "pd.DataFrame":
    """Rejection trends per client and across clients: client, metric, key, count, total, share.

    With CLIENT, only that client's rows (their across-client rows would repeat them)."""
    from nextround import aggregate

    table = aggregate.trends(df.pipe(aggregate.for_client, client), top)
    return table[table["client"] == client].reset_index(drop=True) if client else table


def focus_areas(df: "pd.DataFrame", client: str | None = None) -> list["Focus"]:
    """The three most useful focus areas for CLIENT (all clients when None), each with its counts."""
    from nextround.coach import focus

    return focus.focus_areas(df, client)


def write_report(store: Store, output: str | os.PathLike[str], client: str | None = None,
                 anonymize: bool = False, since: str | date | datetime | None = None) -> Path:
    """Write the self-contained HTML report for CLIENT (all clients when None) to OUTPUT."""
    from nextround.coach.report import render_report

    df = analyses_frame(store, client, since)
    html = render_report(df, store.notes(client), client, anonymize)
    target = Path(output)
    target.write_text(html, encoding="utf-8")
    return target
