"""The coach's HTML report: one self-contained file (inline CSS and SVG, nothing fetched).

A Content-Security-Policy in the page forbids any request outside the file, so a
stray reference fails loudly in a browser instead of leaking. Quotes are always
redacted; `anonymize` also swaps client names for stable pseudonyms.
"""
from __future__ import annotations

from datetime import date
from html import escape

import pandas as pd

from nextround import aggregate
from nextround.coach import charts
from nextround.coach.focus import Focus, focus_areas, sample_note
from nextround.coach.redact import pseudonyms, redact
from nextround.report import REASON_NAMES

QUOTES_PER_REASON = 2
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
CSS = """
:root { --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --accent: #3b6ea8; --soft: #f0f4f8; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       max-width: 60rem; margin: 0 auto; padding: 1.5rem; line-height: 1.5; background: #fff; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; } h2 { font-size: 1.3rem; border-bottom: 2px solid var(--line);
     padding-bottom: .2rem; margin-top: 2rem; } h3 { font-size: 1.05rem; margin-bottom: .3rem; }
.muted { color: var(--muted); }
.cards { display: flex; flex-wrap: wrap; gap: .8rem; margin: 1rem 0; }
.card { background: var(--soft); border-radius: .5rem; padding: .6rem 1rem; min-width: 9rem; }
.card b { display: block; font-size: 1.4rem; }
.focus { border-left: 4px solid var(--accent); background: var(--soft); padding: .6rem 1rem; margin: .8rem 0;
         border-radius: 0 .4rem .4rem 0; }
.focus p { margin: .2rem 0; }
figure.chart { margin: 1.2rem 0; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { width: 100%; height: auto; display: block; }
figcaption { font-weight: 600; margin-bottom: .3rem; }
blockquote { margin: .3rem 0 .6rem 0; padding: .3rem .8rem; border-left: 3px solid var(--line);
             color: var(--muted); font-style: italic; }
table { border-collapse: collapse; margin: .5rem 0; } td, th { padding: .2rem .8rem .2rem 0; text-align: left; }
th { border-bottom: 1px solid var(--line); }
section.client { break-inside: avoid-page; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; } .focus, .card { background: none; border: 1px solid var(--line); }
  a { color: inherit; text-decoration: none; }
}
"""


def render_report(df: pd.DataFrame, notes: list[dict[str, str]], client: str | None = None,
                  anonymize: bool = False, today: date | None = None) -> str:
    """The report as one HTML string for CLIENT (all clients when None)."""
    scope = df.pipe(aggregate.for_client, client)
    names = pseudonyms(scope["client"].dropna().unique()) if anonymize else {}
    shown = (lambda c: names.get(c, c)) if anonymize else (lambda c: c)
    clean = (lambda text: redact(text, names)) if anonymize else redact
    title = f"Coaching report: {shown(client)}" if client else "Coaching report: all clients"
    body = [f"<h1>{escape(title)}</h1>",
            f'<p class="muted">Made by nextround on {(today or date.today()).isoformat()}. '
            "Quotes have names, email addresses and phone numbers removed.</p>",
            overview(scope), charts_section(scope), evidence_section(scope, clean),
            recurring_section(scope), clients_section(scope, notes, shown, clean, single=client is not None)]
    return page(title, "\n".join(body))


def page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def overview(scope: pd.DataFrame) -> str:
    rej = scope.pipe(aggregate.rejections)
    total = len(rej)
    no_reason = int(rej["reasons"].map(lambda r: not [x for x in r if x != "no_reason_given"]).sum())
    offered = int(rej["feedback_available"].sum())
    cards = [("rejections", total), ("clients", rej["client"].nunique()),
             ("gave no reason", share(no_reason, total)), ("offered feedback", share(offered, total))]
    html = ['<h2>The picture so far</h2><div class="cards">']
    html += [f'<div class="card"><b>{escape(str(v))}</b>{escape(k)}</div>' for k, v in cards]
    html.append("</div>")
    html.append(f"<h3>Focus for the coming weeks</h3><p class=\"muted\">{escape(sample_note(total))}</p>")
    html += [focus_html(f) for f in focus_areas(scope)]
    return "\n".join(html)


def share(count: int, total: int) -> str:
    return f"{count} ({count / total:.0%})" if total else "0"


def focus_html(focus: Focus) -> str:
    actions = "".join(f"<li>{escape(a)}</li>" for a in focus.actions)
    return (f'<div class="focus"><p><b>{escape(focus.area)}</b></p><p>{escape(focus.why)}</p>'
            f"<ul>{actions}</ul></div>")


def charts_section(scope: pd.DataFrame) -> str:
    rej = scope.pipe(aggregate.rejections)
    skills = rej["skills"].explode().dropna().value_counts().head(10)
    table = aggregate.stage_funnel(rej.assign(client=aggregate.ALL))
    reached = table[table["metric"] == "reached"].set_index("key")["count"]
    rejected_at = table[table["metric"] == "stage"].set_index("key")["count"]
    figures = [
        ("chart-reasons", "Reasons over time", charts.reasons_over_time(aggregate.reasons_by_month(rej))),
        ("chart-skills", "Skill gaps named most often", charts.skill_gaps(skills)),
        ("chart-funnel", "How far applications got", charts.stage_funnel(reached, rejected_at)),
    ]
    html = ["<h2>Trends</h2>"]
    html += [f'<figure class="chart" id="{fid}"><figcaption>{escape(caption)}</figcaption>{svg}</figure>'
             for fid, caption, svg in figures]
    return "\n".join(html)


def evidence_section(scope: pd.DataFrame, clean) -> str:
    rej = scope.pipe(aggregate.rejections)
    quotes = rej["evidence"].explode().dropna()
    if quotes.empty:
        return ""
    html = ["<h2>In the employers' words</h2>"]
    by_reason: dict[str, list[str]] = {}
    for label, quote in quotes:
        by_reason.setdefault(label, [])
        if len(by_reason[label]) < QUOTES_PER_REASON and quote not in by_reason[label]:
            by_reason[label].append(quote)
    for label, items in sorted(by_reason.items(), key=lambda kv: -len(kv[1])):
        html.append(f"<h3>{escape(REASON_NAMES.get(label, label))}</h3>")
        html += [f"<blockquote>{escape(clean(q))}</blockquote>" for q in items]
    return "\n".join(html)


def recurring_section(scope: pd.DataFrame) -> str:
    rej = scope.pipe(aggregate.rejections).assign(client=aggregate.ALL)
    rows = pd.concat([aggregate.recurring(rej, "company"), aggregate.recurring(rej, "role")])
    if rows.empty:
        return ""
    cells = "".join(f"<tr><td>{escape(m)}</td><td>{escape(str(k))}</td><td>{c}</td></tr>"
                    for m, k, c in rows[["metric", "key", "count"]].itertuples(index=False))
    return ("<h2>Companies and roles that come back</h2>"
            f"<table><tr><th>kind</th><th>name</th><th>rejections</th></tr>{cells}</table>")


def clients_section(scope: pd.DataFrame, notes: list[dict[str, str]], shown, clean, single: bool) -> str:
    clients = sorted(scope["client"].dropna().unique())
    html = ["<h2>Notes</h2>" if single else "<h2>Client by client</h2>"]
    for client in clients:
        rej = scope.pipe(aggregate.rejections).pipe(aggregate.for_client, client)
        if not single:
            html.append(f'<section class="client"><h3>{escape(shown(client))}</h3>')
            html.append(f'<p class="muted">{escape(sample_note(len(rej)))}</p>')
            html += [focus_html(f) for f in focus_areas(scope, client)]
        own = [n for n in notes if n["client"] == client]
        html += [f"<p><b>Note, {escape(n['created'][:10])}:</b> {escape(clean(n['text']))}</p>" for n in own]
        html.append("" if single else "</section>")
    if single and len(html) == 1:
        html.append('<p class="muted">No notes yet.</p>')
    return "\n".join(html)

