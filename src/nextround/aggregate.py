"""Analyses -> a pandas DataFrame, and small trend functions that compose with DataFrame.pipe.

    df = to_frame(records)                               # one row per analysed message
    df.pipe(rejections).pipe(with_all).pipe(reason_share)

Every trend function takes the message frame and returns a long table with the
columns `client, metric, key, count, total, share` (share = count / total), so
tables concatenate into one CSV and the per-client and across-client ("(all)")
numbers sit side by side.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

import pandas as pd

ALL = "(all)"
STAGE_ORDER = ("application", "screen", "assessment", "interview", "final", "unknown")
FUNNEL_STAGES = STAGE_ORDER[:-1]
COLUMNS = ["client", "date", "source", "id", "category", "is_rejection", "company", "role", "stage",
           "reasons", "skills", "evidence", "feedback_available", "future_opportunities",
           "reapply_after_months"]
TREND_COLUMNS = ["client", "metric", "key", "count", "total", "share"]
METRICS = ("month", "reason", "skill_gap", "stage", "reached", "no_reason_given", "feedback_offered",
           "company", "role")
RECURRING_MIN = 2  # a company or role "recurs" from this many rejections


def row(record: Mapping[str, Any]) -> dict[str, Any]:
    """One frame row from a store record ({client, date, source, analysis}) or a flat batch record."""
    a = record.get("analysis", record)
    reasons = a.get("reasons") or []
    return {
        "client": record.get("client"), "date": record.get("date"), "source": record.get("source"),
        "id": a.get("id"), "category": a.get("category"),
        "is_rejection": bool(a.get("is_rejection", a.get("category") == "rejection")),
        "company": a.get("company"), "role": a.get("role"), "stage": a.get("stage") or "unknown",
        "reasons": [r["label"] for r in reasons],
        "skills": list(dict.fromkeys(g["canonical"] for g in a.get("skill_gaps") or [])),
        "evidence": [(r["label"], quote) for r in reasons for quote in r.get("evidence") or []],
        "feedback_available": bool(a.get("feedback_available")),
        "future_opportunities": bool(a.get("future_opportunities")),
        "reapply_after_months": a.get("reapply_after_months"),
    }


def to_frame(records: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Analyses -> one row per message; `date` is UTC, `month` is 'YYYY-MM' (empty when undated)."""
    df = pd.DataFrame([row(r) for r in records], columns=COLUMNS)
    df["date"] = pd.to_datetime(df["date"], utc=True, errors="coerce", format="mixed")
    df["month"] = df["date"].dt.strftime("%Y-%m")
    df["is_rejection"] = df["is_rejection"].astype(bool)
    return df


def rejections(df: pd.DataFrame) -> pd.DataFrame:
    return df[df["is_rejection"]]


def since(df: pd.DataFrame, start: str | date | datetime | None) -> pd.DataFrame:
    """Messages dated on or after START (undated messages are dropped when START is given)."""
    if start is None:
        return df
    stamp = pd.Timestamp(start)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    return df[df["date"] >= stamp]


def for_client(df: pd.DataFrame, client: str | None) -> pd.DataFrame:
    return df if client is None else df[df["client"] == client]


def with_all(df: pd.DataFrame) -> pd.DataFrame:
    """The frame plus a copy of every row under the client ALL, for across-client numbers."""
    return pd.concat([df, df.assign(client=ALL)], ignore_index=True)


def totals(df: pd.DataFrame) -> pd.Series:
    return df.groupby("client").size().rename("total")


def long_table(counts: pd.DataFrame, df: pd.DataFrame, metric: str) -> pd.DataFrame:
    """counts (client, key, count) + each client's total -> the trend table's columns."""
    out = counts.join(totals(df), on="client").assign(metric=metric)
    out["count"] = out["count"].astype(int)
    out["total"] = out["total"].astype(int)
    out["share"] = (out["count"] / out["total"]).round(4)
    return out[TREND_COLUMNS].reset_index(drop=True)


def count_by(df: pd.DataFrame, column: str) -> pd.DataFrame:
    """Rows per client and value of COLUMN (list columns are exploded first)."""
    values = df[["client", column]].explode(column).dropna(subset=[column])
    values = values[values[column].astype(str) != ""]
    counts = values.groupby(["client", column]).size().rename("count").reset_index()
    return counts.rename(columns={column: "key"})


def by_month(df: pd.DataFrame) -> pd.DataFrame:
    """Messages per calendar month (total: all the client's messages, dated or not)."""
    return long_table(count_by(df, "month").sort_values(["client", "key"]), df, "month")


def reason_share(df: pd.DataFrame) -> pd.DataFrame:
    """How many messages state each reason, and the share of all the client's messages."""
    return long_table(ranked(count_by(df, "reasons")), df, "reason")


def skill_gaps(df: pd.DataFrame, top: int | None = 10) -> pd.DataFrame:
    """The skills (canonical) most often named as gaps, at most TOP per client."""
    counts = ranked(count_by(df, "skills"))
    return long_table(counts.groupby("client").head(top) if top else counts, df, "skill_gap")


def stage_funnel(df: pd.DataFrame) -> pd.DataFrame:
    """Where each rejection came (`stage`) and how many got at least that far (`reached`).

    `reached` counts only messages that state a stage, so its total is those messages."""
    order = {s: i for i, s in enumerate(STAGE_ORDER)}
    at = count_by(df, "stage")
    at = at.assign(order=at["key"].map(order)).sort_values(["client", "order"]).drop(columns="order")
    known = df[df["stage"] != "unknown"]
    rows = [{"client": c, "key": s, "count": int((g["stage"].map(order) >= order[s]).sum())}
            for c, g in known.groupby("client") for s in FUNNEL_STAGES]
    reached = pd.DataFrame(rows, columns=["client", "key", "count"])
    return pd.concat([long_table(at, df, "stage"), long_table(reached, known, "reached")], ignore_index=True)


def flag_counts(df: pd.DataFrame) -> pd.DataFrame:
    """Messages that state no reason, and messages that offer feedback."""
    no_reason = df["reasons"].map(lambda labels: not [r for r in labels if r != "no_reason_given"])
    flags = df.assign(no_reason_given=no_reason, feedback_offered=df["feedback_available"])
    tables = []
    for metric in ("no_reason_given", "feedback_offered"):
        counts = flags.groupby("client")[metric].sum().astype(int).rename("count").reset_index()
        tables.append(long_table(counts.assign(key=""), df, metric))
    return pd.concat(tables, ignore_index=True)


def recurring(df: pd.DataFrame, column: str, minimum: int = RECURRING_MIN) -> pd.DataFrame:
    """Companies or roles that come back in at least MINIMUM messages of a client."""
    counts = ranked(count_by(df, column))
    return long_table(counts[counts["count"] >= minimum], df, column)


def ranked(counts: pd.DataFrame) -> pd.DataFrame:
    return counts.sort_values(["client", "count", "key"], ascending=[True, False, True])


def trends(df: pd.DataFrame, top: int | None = 10) -> pd.DataFrame:
    """Every trend of the rejections in DF, per client and across clients (client ALL)."""
    base = df.pipe(rejections).pipe(with_all)
    parts = [by_month(base), reason_share(base), skill_gaps(base, top), stage_funnel(base),
             flag_counts(base), recurring(base, "company"), recurring(base, "role")]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=TREND_COLUMNS)
    table = pd.concat(parts, ignore_index=True)
    table["_all"] = table["client"] == ALL
    table["_metric"] = table["metric"].map({m: i for i, m in enumerate(METRICS)})
    table = table.sort_values(["_all", "client", "_metric"], kind="stable")
    return table.drop(columns=["_all", "_metric"]).reset_index(drop=True)


def pick(table: pd.DataFrame, metric: str, client: str = ALL) -> pd.DataFrame:
    """The rows of one metric for one client of a trends table."""
    return table[(table["metric"] == metric) & (table["client"] == client)]


def reasons_by_month(df: pd.DataFrame) -> pd.DataFrame:
    """A month x reason table of rejection counts (for charts)."""
    dated = df.pipe(rejections).dropna(subset=["month"])
    exploded = dated[["month", "reasons"]].explode("reasons").dropna(subset=["reasons"])
    return pd.crosstab(exploded["month"], exploded["reasons"]).sort_index()
