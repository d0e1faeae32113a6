"""One writer per output format: the readable summary, JSON, JSON Lines and CSV rows."""
from __future__ import annotations

import json
import textwrap
from typing import Any

from .schema import Analysis

DRAFT_MARK = "A draft you can adapt:"
CATEGORY_NAMES = {
    "rejection": "a rejection", "application_received": "an application acknowledgement",
    "interview_invitation": "an interview invitation", "assessment_invitation": "an assessment invitation",
    "offer": "a job offer", "recruiter_outreach": "a recruiter reaching out", "job_alert": "a job alert",
    "other": "not a message about one of your applications",
}
REASON_NAMES = {
    "skills_gap": "Skills gap", "experience_fit": "Experience fit",
    "interview_performance": "Interview performance", "assessment_result": "Assessment result",
    "culture_fit": "Culture fit", "position_filled": "Position filled", "role_change": "Role changed",
    "compensation": "Compensation", "logistics": "Logistics", "eligibility": "Eligibility",
    "no_reason_given": "No reason given",
}
STAGE_NAMES = {
    "application": "the application", "screen": "a screening call", "assessment": "an assessment",
    "interview": "the interviews", "final": "the final stage", "unknown": "not stated",
}


def to_json(analysis: Analysis) -> str:
    return json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2)


def to_jsonl(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


WIDTH = 79


def wrap(text: str, first: str = "  ", rest: str | None = None) -> list[str]:
    """Lines of at most WIDTH columns, continuation lines indented under the first."""
    rest = " " * len(first) if rest is None else rest
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest,
                         break_on_hyphens=False) or [first.rstrip()]


def percent(value: float) -> str:
    """A confidence as a percentage; never "100%": a model is never certain."""
    return f"{min(value, 0.99):.0%}"


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


NOT_A_REJECTION = {
    "application_received": "Your application has arrived; nothing to do yet but keep applying elsewhere.",
    "interview_invitation": "Good news: this is a next step. Reply soon, and prepare with the role in mind.",
    "assessment_invitation": "A test or task to complete: note the deadline and block time for it.",
    "offer": "Congratulations. Read the terms carefully before you reply; it is fine to ask questions.",
    "recruiter_outreach": "Someone is approaching you about a role; reply only if it interests you.",
    "job_alert": "A list of vacancies; nothing here is about an application of yours.",
    "other": "Nothing in it reads as a rejection, an invitation or an offer.",
}


def headline(a: Analysis) -> list[str]:
    about = " at ".join(x for x in (a.role, a.company) if x)
    if a.category == "other":
        lines = [f"[bold]This does not look like a decision or a next step on an application[/]"
                 f" ({percent(a.confidence)} sure)."]
    else:
        lines = [f"[bold]This looks like {CATEGORY_NAMES[a.category]}[/] ({percent(a.confidence)} sure)."]
    if about:
        lines.append(f"About: {about}")
    return lines


def reasons_block(a: Analysis) -> list[str]:
    lines = ["", "[bold]What the message says[/]"]
    for r in a.reasons:
        if r.label == "no_reason_given":
            lines += wrap("No reason given. That is common, and it says nothing about you;"
                          " asking for feedback is the best next step.", "  - ")
            continue
        lines.append(f"  - {REASON_NAMES[r.label]} ({percent(r.confidence)})")
        for quote in r.evidence:
            lines += wrap(f'"{quote}"', "      ")
    if a.skill_gaps:
        lines += wrap("Skills named as gaps: " + ", ".join(g.canonical for g in a.skill_gaps))
    return lines


def facts_block(a: Analysis) -> list[str]:
    wait = "none stated" if a.reapply_after_months is None else f"{a.reapply_after_months} months"
    return [
        "", f"You reached: {STAGE_NAMES[a.stage]}",
        f"Waiting period before re-applying: {wait}",
        f"Future openings mentioned: {_yes_no(a.future_opportunities)}"
        f"   Feedback offered: {_yes_no(a.feedback_available)}",
    ]


def suggestions_block(a: Analysis) -> list[str]:
    s = a.suggestions
    lines = ["", "[bold]Next steps[/]"] if s.next_actions else []
    for i, action in enumerate(s.next_actions, 1):
        if s.feedback_draft and DRAFT_MARK in action:
            action = action.split(DRAFT_MARK)[0].rstrip() + " A draft is below."
        lines += wrap(action, f"  {i}. ")
    for step in s.learning_steps[:3]:
        lines += ["", f"[bold]Learn: {step.skill}[/]"]
        for x in step.steps[:2]:
            lines += wrap(x, "  - ")
    for focus in s.mock_interview_focus[:2]:
        lines += ["", f"[bold]Practise: {focus.area}[/]"] + wrap(focus.why)
        for q in focus.practice[:2]:
            lines += wrap(q, "  - ")
    if s.feedback_draft:
        lines += ["", "[bold]A feedback request you can send[/]"]
        for paragraph in s.feedback_draft.splitlines():
            lines += wrap(paragraph, "    ") if paragraph else [""]
    return lines


def to_text(a: Analysis) -> str:
    """The readable summary (rich markup); short enough to read in one screen."""
    if a.error:
        return f"[bold red]Could not analyse this message:[/] {a.error}"
    lines = headline(a)
    if a.is_rejection:
        lines += reasons_block(a) + facts_block(a) + suggestions_block(a)
    else:
        lines += wrap(NOT_A_REJECTION[a.category], "")
    return "\n".join(lines)


def _row(name: str, values: list[str]) -> str:
    return f"{name:<24}" + "".join(f"{v:>12}" for v in values)


def evaluation_text(scores: dict[str, dict]) -> str:
    """Per-label tables: the model beside the majority and keyword baselines (F1 unless marked)."""
    systems = list(scores)
    m = scores["model"]
    out = [f"{m['n']} messages, {m['rejections']} rejections, {m.get('errors', 0)} analysis errors", "",
           _row("metric", systems)]
    headline_metrics = [
        ("category macro-F1", lambda s: s["category"]["macro_f1"]),
        ("rejection F1", lambda s: s["rejection"]["f1"]),
        ("reasons micro-F1", lambda s: s["reasons"]["micro_f1"]),
        ("reasons macro-F1", lambda s: s["reasons"]["macro_f1"]),
        ("stage accuracy", lambda s: s["stage"]["accuracy"]),
        ("future_opps F1", lambda s: s["future_opportunities"]["f1"]),
        ("feedback_avail F1", lambda s: s["feedback_available"]["f1"]),
        ("reapply accuracy", lambda s: s["reapply_after_months"]["accuracy"]),
        ("company accuracy", lambda s: s["company"]["accuracy"]),
        ("role accuracy", lambda s: s["role"]["accuracy"]),
        ("skill gaps P", lambda s: s["skill_gaps"]["precision"]),
        ("skill gaps R", lambda s: s["skill_gaps"]["recall"]),
    ]
    out += [_row(name, [f"{get(scores[x]):.3f}" for x in systems]) for name, get in headline_metrics]
    for block in ("category", "reasons", "stage"):
        out += ["", f"{block}: model precision / recall / F1 (support); baselines F1"]
        for label, v in m[block]["per_label"].items():
            base = " ".join(f"{scores[x][block]['per_label'][label]['f1']:.2f}" for x in systems[1:])
            out.append(f"  {label:<22}{v['precision']:.2f} / {v['recall']:.2f} / {v['f1']:.2f} ({v['support']:>4})   {base}")
    return "\n".join(out)
