"""The `nextround` command: parse arguments, call the library, render.

Heavy imports happen inside the commands so that `nextround --help` is instant.
Errors print one line, `Error: what happened (where). What to do.`, and exit 1.
"""
from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer(
    help="nextround: turn job rejections into next steps, privately and offline.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
)


class Format(str, Enum):
    text = "text"
    json = "json"


def fail(message: str) -> None:
    """Print one error line to stderr and exit 1."""
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(1)


def read_one(path: Optional[Path]):
    """The message to analyse: from a file, or from standard input when PATH is '-' or absent."""
    from .ingest import InputError, read_path, read_text

    if path is None or str(path) == "-":
        text = sys.stdin.read()
        if not text.strip():
            fail("the input is empty (standard input). Paste or pipe the text of one email.")
        return read_text(text, source="<stdin>")
    try:
        messages = list(read_path(path))
    except InputError as exc:
        fail(str(exc))
    if not messages or not (messages[0].text.strip() or (messages[0].html or "").strip() or messages[0].error):
        fail(f"the input is empty ({path}). Give a file that holds the text of one email.")
    return messages[0]


def load_pipeline(model: Optional[Path]):
    from .pipeline import ModelNotFoundError, load

    try:
        return load(model)
    except ModelNotFoundError as exc:
        fail(str(exc))


def write_ics(analysis, ics: Path) -> None:
    from .suggest import calendar_reminder

    try:
        ics.write_text(calendar_reminder(analysis, date.today()), encoding="utf-8", newline="")
    except ValueError as exc:
        typer.echo(f"No calendar reminder written: {exc}", err=True)
        return
    typer.echo(f"Calendar reminder written to {ics}", err=True)


@app.command()
def analyze(
    path: Annotated[Optional[Path], typer.Argument(help="A .txt, .eml or .msg file; '-' or nothing reads standard input.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object (the contract's schema).")] = False,
    ics: Annotated[Optional[Path], typer.Option("--ics", help="Write a calendar reminder for the re-apply date.")] = None,
    model: Annotated[Optional[Path], typer.Option(help="A model directory (default: the bundled model).")] = None,
) -> None:
    """Analyse one message: what it is, why (with evidence), and what to do next."""
    from .pipeline import analyze as run
    from .report import to_json, to_text

    message = read_one(path)
    result = run(message, load_pipeline(model))
    if json_out:
        typer.echo(to_json(result))
    else:
        from rich.console import Console

        Console(width=80, highlight=False, soft_wrap=False).print(to_text(result))
    if ics is not None:
        write_ics(result, ics)


@app.command()
def train(
    corpus_dir: Annotated[Path, typer.Option("--corpus", help="Folder of annotated JSON Lines files.")] = Path("corpora/annotated"),
    output: Annotated[Path, typer.Option(help="Where to write the model directory.")] = Path("src/nextround/model"),
) -> None:
    """Train every model from the annotated corpus (fixed seeds) and record scores in meta.json."""
    from .train import train as run

    if not corpus_dir.is_dir():
        fail(f"corpus folder not found ({corpus_dir}). Run from the repository root or pass --corpus.")
    meta = run(corpus_dir, output)
    test = meta["scores"]["test"]
    typer.echo(f"Model written to {output} (corpus {meta['corpus_hash']}, sizes {meta['sizes']})")
    typer.echo(f"test: category macro-F1 {test['category']['macro_f1']}, rejection F1 {test['rejection']['f1']}, "
               f"reasons micro-F1 {test['reasons']['micro_f1']} macro-F1 {test['reasons']['macro_f1']}, "
               f"stage accuracy {test['stage']['accuracy']}")


@app.command()
def evaluate(
    data: Annotated[Optional[Path], typer.Option(help="A JSON Lines file labelled by the taxonomy (default: the corpus test split).")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="text or json")] = Format.text,
    model: Annotated[Optional[Path], typer.Option(help="A model directory (default: the bundled model).")] = None,
) -> None:
    """Per-label precision, recall and F1 of the model beside two baselines."""
    import json

    from . import corpus
    from .evaluate import evaluate as run
    from .report import evaluation_text as render

    pipe = load_pipeline(model)
    try:
        records = list(corpus.read_jsonl(data)) if data else corpus.split(
            corpus.load_records(corpus.corpus_files()), "test")
    except (OSError, ValueError) as exc:
        fail(f"cannot read the evaluation data ({data or 'corpora/annotated'}): {exc}. Give a JSON Lines file.")
    scores = run(pipe, records)
    typer.echo(json.dumps(scores, indent=2) if fmt is Format.json else render(scores))


def _mount_coach() -> None:
    from .coach.cli import coach_app

    app.add_typer(coach_app, name="coach")


_mount_coach()


@app.command()
def batch(
    inputs: Annotated[list[Path], typer.Argument(help="mbox files, folders of .eml, Maildirs, .msg, CSV or JSON Lines files.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The file to write (one record per message).")],
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet")] = "jsonl",
    jobs: Annotated[int, typer.Option(help="Worker processes (0: all cores).")] = 0,
    engine: Annotated[str, typer.Option(help="local (joblib) or dask")] = "local",
    scheduler: Annotated[Optional[str], typer.Option(help="The Dask scheduler address, with --engine dask.")] = None,
    resume: Annotated[bool, typer.Option(help="Continue an interrupted run into the same OUT (jsonl, csv).")] = False,
    only: Annotated[Optional[str], typer.Option(help="Write only job mail or only rejections (and unreadable messages).")] = None,
    model: Annotated[Optional[Path], typer.Option(help="A model directory (default: the bundled model).")] = None,
) -> None:
    """Analyse many messages into one JSON Lines, CSV or Parquet file, in input order."""
    from . import batch as lib
    from .ingest import InputError
    from .pipeline import ModelNotFoundError, model_directory

    options = lib.Options(output, fmt, jobs, engine, scheduler, resume, only)
    problem = lib.usage_problem(inputs, options)
    if problem:
        typer.echo(f"Error: {problem}", err=True)
        raise typer.Exit(2)
    try:
        options.model = str(model_directory(model))
        with lib.progress(sys.stderr.isatty()) as on_chunk:
            summary = lib.run(inputs, options, on_chunk)
    except (InputError, ModelNotFoundError) as exc:
        fail(str(exc))
    except lib.ResumeError as exc:
        fail(f"cannot resume ({output}): {exc}. Run again without --resume to start over.")
    except OSError as exc:
        fail(f"{exc.strerror or exc} ({getattr(exc, 'filename', None) or scheduler or output}). "
             "Check the path, permissions or scheduler address.")
    typer.echo(summary.line(output), err=True)


def main() -> None:
    app()
