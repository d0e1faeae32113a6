"""`nextround coach ...`: the coach's commands over the client store (mounted by nextround.cli).

Each command parses, calls one function of `nextround.coach`, and renders. Data goes
to stdout, messages to stderr; errors are one line and exit 1.
"""
from __future__ import annotations

import json
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from nextround.coach.store import DB_ENV, Store

coach_app = typer.Typer(
    help="Keep clients' rejections in one private store and see what they have in common.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
)

DbOption = Annotated[Optional[Path], typer.Option(
    "--db", envvar=DB_ENV, help="The store's SQLite file (default: ~/.local/share/nextround/coach.sqlite).")]
ClientArg = Annotated[str, typer.Argument(help="The client's name, as given to `nextround coach add`.")]
SinceOption = Annotated[Optional[str], typer.Option(
    "--since", help="Only messages dated on or after this day (YYYY-MM-DD).")]


class TrendFormat(str, Enum):
    text = "text"
    csv = "csv"
    json = "json"


def fail(message: str) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(1)


def open_db(db: Optional[Path]) -> Store:
    from nextround.coach import open_store

    try:
        return open_store(db)
    except Exception as exc:  # sqlite3.Error, OSError: the store cannot be used at all
        fail(f"cannot open the store ({db or 'default location'}): {exc}. Check the path or pass --db.")
        raise


def known_client(store: Store, client: str) -> str:
    if client.strip() not in store.clients():
        fail(f"no client named {client!r} ({store.path}). Add them with `nextround coach add {client!r}`.")
    return client.strip()


def check_since(since: Optional[str]) -> Optional[str]:
    if since is not None:
        try:
            datetime.fromisoformat(since)
        except ValueError:
            raise typer.BadParameter(f"{since!r} is not a date; use YYYY-MM-DD.", param_hint="--since")
    return since


@coach_app.command("add")
def add(client: ClientArg, db: DbOption = None) -> None:
    """Add a client to the store."""
    with open_db(db) as store:
        added = store.add_client(client)
        typer.echo(f"{'Added' if added else 'Already there:'} {client.strip()} ({store.path})", err=True)


@coach_app.command("import")
def import_(
    client: ClientArg,
    inputs: Annotated[list[Path], typer.Argument(help="Anything `nextround batch` reads, or its JSON Lines output.")],
    db: DbOption = None,
    model: Annotated[Optional[Path], typer.Option(help="A model directory (default: the bundled model).")] = None,
) -> None:
    """Analyse a client's messages and store them; messages already stored are skipped."""
    from nextround.coach import import_analyses, is_analyses_file, read_analyses
    from nextround.ingest import InputError

    with open_db(db) as store:
        name = known_client(store, client)
        analysed = [p for p in inputs if is_analyses_file(p)]
        raw = [p for p in inputs if p not in analysed]
        totals = [import_analyses(store, name, read_analyses(p)) for p in analysed]
        if raw:
            try:
                totals.append(import_raw(store, name, raw, model))
            except InputError as exc:
                fail(str(exc))
        added, skipped = sum(t.added for t in totals), sum(t.skipped for t in totals)
        unreadable = sum(t.unreadable for t in totals)
        typer.echo(f"{name}: {added} added, {skipped} already stored, {unreadable} could not be read.", err=True)


def import_raw(store: Store, client: str, paths: list[Path], model: Optional[Path]):
    from nextround.ingest import read_paths
    from nextround.pipeline import ModelNotFoundError, analyze, load

    try:
        pipe = load(model)
    except ModelNotFoundError as exc:
        fail(str(exc))
    return store.import_messages(client, read_paths(paths), lambda m: analyze(m, pipe).to_dict())


@coach_app.command("note")
def note(client: ClientArg, text: Annotated[str, typer.Argument(help="The note, in quotes.")],
         db: DbOption = None) -> None:
    """Keep a dated note about a client (shown in reports)."""
    with open_db(db) as store:
        store.add_note(known_client(store, client), text)
        typer.echo(f"Note added for {client.strip()}.", err=True)


@coach_app.command("trends")
def trends(
    client: Annotated[Optional[str], typer.Argument(
        help="One client (default: every client and all together).")] = None,
    since: SinceOption = None,
    fmt: Annotated[TrendFormat, typer.Option("--format", help="text, csv or json")] = TrendFormat.text,
    db: DbOption = None,
) -> None:
    """Rejection trends per client and across clients, and the three focus areas for the coming weeks."""
    from nextround import coach
    from nextround.coach.focus import MIN_REJECTIONS, focus_by_client

    with open_db(db) as store:
        name = known_client(store, client) if client else None
        df = coach.analyses_frame(store, name, check_since(since))
    table = coach.trends(df, name)
    focus = {k: v for k, v in focus_by_client(df).items() if name is None or k == name}
    if fmt is TrendFormat.csv:
        typer.echo(table.to_csv(index=False), nl=False)
    elif fmt is TrendFormat.json:
        payload = {"minimum_rejections": MIN_REJECTIONS, "trends": table.to_dict(orient="records"),
                   "focus_areas": {k: [f.to_dict() for f in v] for k, v in focus.items()}}
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        from nextround.coach.text import trends_text

        typer.echo(trends_text(table, focus))


@coach_app.command("report")
def report(
    client: Annotated[Optional[str], typer.Argument(help="One client (default: every client).")] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path("report.html"),
    anonymize: Annotated[bool, typer.Option("--anonymize", help="Replace client names with pseudonyms.")] = False,
    since: SinceOption = None,
    db: DbOption = None,
) -> None:
    """Write one self-contained HTML report with charts, readable on screen and on paper."""
    from nextround.coach import write_report

    with open_db(db) as store:
        name = known_client(store, client) if client else None
        try:
            path = write_report(store, output, name, anonymize, check_since(since))
        except OSError as exc:
            fail(f"cannot write the report ({output}): {exc.strerror or exc}. Choose another --output.")
    typer.echo(f"Report written to {path}", err=True)


if __name__ == "__main__":  # `python -m nextround.coach.cli` until the commands are mounted
    coach_app()
