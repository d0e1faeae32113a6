"""nextround: turn job rejections into next steps, offline.

    >>> import nextround
    >>> result = nextround.analyze("Unfortunately we will not move forward ...")
    >>> result.category, [r.label for r in result.reasons]

Heavy modules load on first use, so `import nextround` and `nextround --help` stay fast.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .schema import Analysis

__version__ = "0.1.0"
__all__ = ["analyze", "analyze_many", "load", "Analysis", "__version__"]

if TYPE_CHECKING:
    from .pipeline import analyze, analyze_many, load


def __getattr__(name: str) -> Any:
    if name in ("analyze", "analyze_many", "load"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'nextround' has no attribute {name!r}")
