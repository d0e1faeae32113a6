"""The coach's store: one SQLite file holding clients, their analysed messages and notes.

Imports are idempotent (one row per content hash per client) and crash-safe: WAL
journal, one transaction per batch, so a killed import keeps every finished batch
and loses only the batch in flight, which the next import of the same input adds.
"""
from __future__ import annotations

import email.utils
import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from nextround.schema import Message

DB_ENV = "NEXTROUND_DB"
BATCH_SIZE = 50
SCHEMA_VERSION = 1
SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS clients (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    content_hash TEXT NOT NULL, date TEXT, company TEXT, role TEXT, category TEXT,
    analysis TEXT NOT NULL, source TEXT, imported TEXT NOT NULL,
    UNIQUE (client_id, content_hash));
CREATE TABLE IF NOT EXISTS notes (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    created TEXT NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS messages_client_date ON messages (client_id, date);
"""

Analyzer = Callable[[Message], Mapping[str, Any]]


class ClientNotFoundError(LookupError):
    """A client name that is not in the store."""


@dataclass
class ImportResult:
    added: int = 0
    skipped: int = 0
    unreadable: int = 0


def default_path() -> Path:
    """$NEXTROUND_DB, else $XDG_DATA_HOME/nextround/coach.sqlite (~/.local/share by default)."""
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV]).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home).expanduser() / "nextround" / "coach.sqlite"


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def iso_date(value: Any) -> str | None:
    """A message date as ISO 8601 (RFC 822 dates are converted); None when absent."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError):
        return text


def message_hash(message: Message) -> str:
    """The content hash of a message: the same mail read from .eml or mbox hashes alike."""
    parts = [message.subject, message.sender, iso_date(message.date) or "", message.text, message.html or ""]
    normal = "\x00".join(" ".join(p.split()) for p in parts)
    return hashlib.sha256(normal.encode("utf-8", "surrogatepass")).hexdigest()


def record_hash(record: Mapping[str, Any]) -> str:
    """The content hash of an analysis record (where it was read from does not count)."""
    content = {k: v for k, v in record.items() if k != "source"}
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class Store:
    """An open coach store. Use `open_store(path)`; close it (or use `with`) when done."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self.db = connection

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def add_client(self, name: str) -> bool:
        """Add a client; False when the name is already there."""
        name = name.strip()
        if not name:
            raise ValueError("a client needs a name")
        with self.db:
            cur = self.db.execute("INSERT OR IGNORE INTO clients (name, created) VALUES (?, ?)", (name, now()))
        return cur.rowcount == 1

    def client_id(self, name: str, create: bool = False) -> int:
        if create:
            self.add_client(name)
        row = self.db.execute("SELECT id FROM clients WHERE name = ?", (name.strip(),)).fetchone()
        if row is None:
            raise ClientNotFoundError(name)
        return int(row[0])

    def clients(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT name FROM clients ORDER BY name")]

    def add_note(self, client: str, text: str) -> None:
        client_id = self.client_id(client)
        with self.db:
            self.db.execute("INSERT INTO notes (client_id, created, text) VALUES (?, ?, ?)",
                            (client_id, now(), text.strip()))

    def notes(self, client: str | None = None) -> list[dict[str, str]]:
        sql = "SELECT c.name, n.created, n.text FROM notes n JOIN clients c ON c.id = n.client_id"
        rows = self.db.execute(sql + " WHERE c.name = ? ORDER BY n.id" if client else sql + " ORDER BY n.id",
                               (client,) if client else ())
        return [{"client": r[0], "created": r[1], "text": r[2]} for r in rows]

    def has(self, client_id: int, content_hash: str) -> bool:
        sql = "SELECT 1 FROM messages WHERE client_id = ? AND content_hash = ?"
        return self.db.execute(sql, (client_id, content_hash)).fetchone() is not None

    def import_messages(self, client: str, messages: Iterable[Message], analyze: Analyzer | None = None,
                        batch_size: int = BATCH_SIZE) -> ImportResult:
        """Analyse and store messages not stored yet for this client (the client is added if new)."""
        client_id = self.client_id(client, create=True)
        run = analyze or default_analyzer()
        result = ImportResult()

        def rows() -> Iterator[tuple[str, Mapping[str, Any], Message]]:
            for message in messages:
                digest = message_hash(message)
                if message.error:
                    result.unreadable += 1
                elif self.has(client_id, digest):
                    result.skipped += 1
                else:
                    yield digest, run(message), message

        for batch in batched(rows(), batch_size):
            result.added += self._insert(client_id, [
                (digest, analysis, message.date or message.carried.get("date"), message.source)
                for digest, analysis, message in batch])
        return result

    def import_analyses(self, client: str, records: Iterable[Mapping[str, Any]],
                        batch_size: int = BATCH_SIZE) -> ImportResult:
        """Store analysis records (the contract's JSON, optionally with date and source) for a client."""
        client_id = self.client_id(client, create=True)
        result = ImportResult()
        for batch in batched(records, batch_size):
            fresh = [(record_hash(r), r, r.get("date"), r.get("source")) for r in batch]
            added = self._insert(client_id, [f for f in fresh if not self.has(client_id, f[0])])
            result.added += added
            result.skipped += len(batch) - added
        return result

    def _insert(self, client_id: int, rows: list[tuple[str, Mapping[str, Any], Any, Any]]) -> int:
        """Insert one batch in one transaction; rows already stored are ignored."""
        before = self.db.total_changes
        with self.db:
            self.db.executemany(
                "INSERT OR IGNORE INTO messages (client_id, content_hash, date, company, role, category,"
                " analysis, source, imported) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(client_id, digest, iso_date(date), a.get("company"), a.get("role"), a.get("category"),
                  json.dumps(dict(a), ensure_ascii=False), None if source is None else str(source), now())
                 for digest, a, date, source in rows])
        return self.db.total_changes - before

    def records(self, client: str | None = None) -> list[dict[str, Any]]:
        """Stored analyses, oldest first: client, date, source and the analysis dict."""
        if client is not None:
            self.client_id(client)
        sql = ("SELECT c.name, m.date, m.source, m.analysis FROM messages m JOIN clients c ON c.id = m.client_id"
               + (" WHERE c.name = ?" if client else "") + " ORDER BY m.date IS NULL, m.date, m.id")
        rows = self.db.execute(sql, (client,) if client else ())
        return [{"client": r[0], "date": r[1], "source": r[2], "analysis": json.loads(r[3])} for r in rows]

    def counts(self) -> dict[str, int]:
        return {t: self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("clients", "messages", "notes")}


def default_analyzer() -> Analyzer:
    """The trained pipeline, loaded once, as a Message -> analysis dict function."""
    from nextround.pipeline import analyze, load

    pipe = load()
    return lambda message: analyze(message, pipe).to_dict()


def open_store(path: str | os.PathLike[str] | None = None) -> Store:
    """Open (creating when needed) the store at PATH, $NEXTROUND_DB or the per-user default."""
    target = Path(path).expanduser() if path else default_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(target)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA busy_timeout=5000")
    with db:
        db.executescript(SCHEMA_SQL)
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    return Store(target, db)
