"""The readable rendering of `nextround coach trends`: one block per client, at most 80 columns."""
from __future__ import annotations

import textwrap

import pandas as pd

from nextround import aggregate
from nextround.coach.focus import Focus, sample_note
from nextround.report import REASON_NAMES

LABELS = {"month": "Rejections by month", "reason": "Reasons stated", "skill_gap": "Skills named as gaps",
          "stage": "Where the rejection came", "reached": "Got at least this far",
          "company": "Companies that come back", "role": "Roles that come back"}


def trends_text(table: pd.DataFrame, focus: dict[str, list[Focus]]) -> str:
    """Every client's block, then the across-client block."""
    clients = list(dict.fromkeys(table["client"])) or list(focus)
    return "\n\n".join(client_block(table, c, focus.get(c, [])) for c in clients)


def client_block(table: pd.DataFrame, client: str, focus: list[Focus]) -> str:
    rows = table[table["client"] == client]
    total = int(rows["total"].iloc[0]) if not rows.empty else 0
    title = "All clients" if client == aggregate.ALL else client
    lines = [f"== {title}: {total} rejection{'s' if total != 1 else ''}"]
    for metric, label in LABELS.items():
        part = rows[rows["metric"] == metric]
        if not part.empty:
            lines.append(f"{label}:")
            lines += [f"  {name(metric, k):<28} {c:>4}  {s:>4.0%}" for k, c, s in
                      part[["key", "count", "share"]].itertuples(index=False)]
    for metric, label in (("no_reason_given", "Gave no reason"), ("feedback_offered", "Offered feedback")):
        part = rows[rows["metric"] == metric]
        if not part.empty:
            lines.append(f"{label}: {int(part['count'].iloc[0])} of {total}")
    lines += ["Focus for the coming weeks:", *wrap(sample_note(total), "  ")]
    for i, f in enumerate(focus, 1):
        lines += wrap(f"{i}. {f.area}", "  ") + wrap(f.why, "     ")
    return "\n".join(lines)


def name(metric: str, key: str) -> str:
    text = REASON_NAMES.get(key, key) if metric == "reason" else str(key)
    return text if len(text) <= 28 else text[:27] + "…"


def wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, 80, initial_indent=indent, subsequent_indent=indent)
