"""The one exception ingestion raises: an input that cannot be used at all."""
from __future__ import annotations


class InputError(Exception):
    """An input cannot be used at all; the message says what to do."""
