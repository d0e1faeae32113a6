"""Walk a Maildir, Maildir++ or plain folder of message files in natural sorted order."""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

# Index and state files that mail servers keep beside messages (Dovecot, Courier, notmuch).
METADATA_PREFIXES = ("dovecot", "courier", "maildirfolder", "subscriptions", "xapian")


def natural_key(name: str) -> list[object]:
    """Sort key that puts "2" before "10"."""
    return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", name)]


def is_maildir(path: str) -> bool:
    """True when a folder has Maildir cur/ or new/ subfolders (tmp/ may be missing)."""
    return os.path.isdir(os.path.join(path, "cur")) or os.path.isdir(os.path.join(path, "new"))


def keep_dir(parent: str, name: str) -> bool:
    """Skip Maildir tmp/ (deliveries in progress) and hidden folders unless they are Maildir++ folders."""
    if name == "tmp" and is_maildir(parent):
        return False
    return not name.startswith(".") or is_maildir(os.path.join(parent, name))


def keep_file(name: str) -> bool:
    """Skip hidden files and mail-server metadata."""
    return not name.startswith(".") and not name.lower().startswith(METADATA_PREFIXES)


def iter_message_files(root: Path) -> Iterator[Path]:
    """Every candidate message file under root: a folder's files first, then its subfolders."""
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted((d for d in dirs if keep_dir(folder, d)), key=natural_key)
        for name in sorted((f for f in files if keep_file(f)), key=natural_key):
            yield Path(folder, name)
