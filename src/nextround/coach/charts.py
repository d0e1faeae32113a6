"""Charts for the coach report as inline SVG strings, drawn with matplotlib (Agg backend).

Text stays text (svg.fonttype 'none', the reader's own sans-serif font), ids are
prefixed per chart so several SVGs can share one page, and the XML prologue and
metadata (which name matplotlib's web site) are dropped: the SVG refers to nothing
outside itself.
"""
from __future__ import annotations

import io
import re
from typing import Any

import pandas as pd

from nextround.aggregate import FUNNEL_STAGES
from nextround.report import REASON_NAMES

COLOURS = ["#3b6ea8", "#e39b3b", "#5a9e6f", "#c4574f", "#8a6bb1", "#7f7f7f", "#3fa5a5", "#b5a33b",
           "#d77fb3", "#5c5c8a", "#a0a0a0"]
STYLE = {"svg.fonttype": "none", "svg.hashsalt": "nextround", "font.family": "sans-serif", "font.size": 10,
         "axes.spines.top": False, "axes.spines.right": False, "axes.titlesize": 11}
WIDTH = 7.5


def figure(height: float) -> Any:
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    return Figure(figsize=(WIDTH, height), layout="constrained")


def to_svg(fig: Any, name: str, label: str) -> str:
    """A matplotlib figure as an inline <svg> element, scalable, with ids prefixed by NAME."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r'\sid="([^"]+)"', rf' id="{name}-\1"', svg)
    svg = re.sub(r'url\(#([^)]+)\)', rf'url(#{name}-\1)', svg)
    svg = re.sub(r'href="#([^"]+)"', rf'href="#{name}-\1"', svg)
    svg = re.sub(r'<svg([^>]*?)\swidth="[^"]*"\sheight="[^"]*"', r"<svg\1", svg, count=1)
    return svg.replace("<svg", f'<svg role="img" aria-label="{label}"', 1)


def empty_chart(name: str, label: str, message: str) -> str:
    import matplotlib

    with matplotlib.rc_context(STYLE):
        fig = figure(1.2)
        ax = fig.add_subplot()
        ax.axis("off")
        ax.text(0.5, 0.5, message, ha="center", va="center", color="#555555")
        return to_svg(fig, name, label)


def reasons_over_time(table: pd.DataFrame) -> str:
    """Stacked bars: rejections stating each reason, per month (a month x reason count table)."""
    label = "Reasons stated in rejections, by month"
    if table.empty:
        return empty_chart("reasons", label, "No dated rejections yet.")
    import matplotlib

    with matplotlib.rc_context(STYLE):
        fig = figure(2.8)
        ax = fig.add_subplot()
        bottom = pd.Series(0, index=table.index)
        for i, reason in enumerate(table.columns):
            ax.bar(table.index, table[reason], bottom=bottom, color=COLOURS[i % len(COLOURS)],
                   label=REASON_NAMES.get(reason, reason))
            bottom = bottom + table[reason]
        ax.set_ylabel("rejections stating it")
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.tick_params(axis="x", labelrotation=45 if len(table) > 6 else 0)
        ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        return to_svg(fig, "reasons", label)


def skill_gaps(counts: pd.Series) -> str:
    """Horizontal bars: how often each skill was named as a gap (most often on top)."""
    label = "Skills named as gaps"
    if counts.empty:
        return empty_chart("skills", label, "No skill gaps named yet.")
    import matplotlib

    with matplotlib.rc_context(STYLE):
        fig = figure(0.9 + 0.32 * len(counts))
        ax = fig.add_subplot()
        ordered = counts.iloc[::-1]
        bars = ax.barh(ordered.index.astype(str), ordered.values, color=COLOURS[0])
        ax.bar_label(bars, padding=3, fontsize=9)
        ax.set_xlabel("rejections naming the skill")
        ax.xaxis.get_major_locator().set_params(integer=True)
        return to_svg(fig, "skills", label)


def stage_funnel(reached: pd.Series, rejected_at: pd.Series) -> str:
    """Horizontal funnel: how many got at least to each stage, and how many were turned down there."""
    label = "How far applications got before the rejection"
    if reached.sum() == 0:
        return empty_chart("funnel", label, "No rejection stated its stage yet.")
    import matplotlib

    with matplotlib.rc_context(STYLE):
        fig = figure(2.6)
        ax = fig.add_subplot()
        stages = list(FUNNEL_STAGES)[::-1]
        ax.barh(stages, [reached.get(s, 0) for s in stages], color="#c9d8ea", label="got at least this far")
        values = [int(rejected_at.get(s, 0)) for s in stages]
        bars = ax.barh(stages, values, color=COLOURS[0], label="turned down at this stage")
        ax.bar_label(bars, labels=[str(v) if v else "" for v in values], padding=3, fontsize=9)
        ax.set_xlabel("rejections")
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.legend(fontsize=8, frameon=False, loc="lower right")
        return to_svg(fig, "funnel", label)
