"""Stated reasons and skill gaps -> learning steps, mock-interview focus, next actions.

Table-driven: every sentence a candidate reads lives in resources/*.toml
(learning_steps, focus_areas, next_actions), so a coach can change the wording
without touching code. The tables are read once and cached.

Templates use {placeholders}; `template_values` fills them from the analysis
and uses neutral words ("this role", "the role", "this company") where the
email names nothing, so a role or company is never invented.
"""
from __future__ import annotations

import calendar
import hashlib
import tomllib
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from nextround.schema import Analysis, FocusArea, LearningStep, ReasonFinding, SkillGap, Suggestions

RESOURCES = Path(__file__).with_name("resources")
EVIDENCE_LIMIT = 300  # characters of an evidence sentence quoted in `why`


# ---------------------------------------------------------------- tables


@lru_cache(maxsize=None)
def load_table(name: str) -> dict[str, Any]:
    """One resources/<name>.toml file, parsed once. Treat the result as read-only."""
    with (RESOURCES / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


@lru_cache(maxsize=1)
def skill_index() -> dict[str, dict[str, Any]]:
    """Canonical skill name or alias -> its learning-steps entry."""
    skills = load_table("learning_steps")["skills"]
    index: dict[str, dict[str, Any]] = {}
    for entry in skills.values():
        for alias in entry.get("aliases", []):
            index.setdefault(alias, entry)
    index.update(skills)  # a skill's own name wins over another skill's alias
    return index


# ---------------------------------------------------------------- public API


def suggest(analysis: Analysis, *, today: date | None = None) -> Suggestions:
    """Learning steps, mock-interview focus and next actions for a rejection.

    Messages that are not rejections get empty Suggestions. `today` dates the
    reapply reminder; it defaults to the current date.
    """
    if not analysis.is_rejection:
        return Suggestions()
    return Suggestions(
        learning_steps=learning_steps(analysis),
        mock_interview_focus=focus_areas(analysis),
        next_actions=next_actions(analysis, today or date.today()),
        feedback_draft=feedback_draft(analysis),
    )


def feedback_draft(analysis: Analysis) -> str:
    """A short, polite feedback request naming only what the email names."""
    table = load_table("next_actions")["feedback_draft"]
    return f"{table['greeting']}\n\n{draft_body(analysis)}\n\n{table['signoff']}"


def draft_body(analysis: Analysis) -> str:
    """The draft's sentences on one line, without greeting and sign-off."""
    table = load_table("next_actions")["feedback_draft"]
    parts = [
        table["thanks"],
        table["stage"].get(analysis.stage),
        table["offered"] if analysis.feedback_available else None,
        table["ask"][draft_ask_key(analysis)],
        door_line(analysis) if analysis.future_opportunities else None,
        table["close"],
    ]
    values = template_values(analysis)
    return " ".join(fill(part, values) for part in parts if part)


def reapply_date(analysis: Analysis, today: date) -> date | None:
    """The date the stated waiting period ends, or None when none was stated."""
    months = analysis.reapply_after_months
    if months is None or months < 0:
        return None
    return add_months(today, months)


def calendar_reminder(analysis: Analysis, today: date) -> str:
    """An RFC 5545 iCalendar text with one all-day reminder on the reapply date."""
    when = reapply_date(analysis, today)
    if when is None:
        raise ValueError(
            "This message states no waiting period before re-applying, so there is no "
            "reapply date to put in a calendar. You can apply again whenever a suitable role opens."
        )
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//nextround//reapply reminder//EN",
        "CALSCALE:GREGORIAN",
        *event_lines(analysis, today, when),
        "END:VCALENDAR",
    ]
    return "".join(fold_line(line) + "\r\n" for line in lines)


# ---------------------------------------------------------------- learning steps


def learning_steps(analysis: Analysis) -> list[LearningStep]:
    """One entry per distinct skill gap, from its own steps or its group's fallback."""
    return [LearningStep(skill=gap.canonical, steps=steps_for(gap)) for gap in unique_gaps(analysis)]


def steps_for(gap: SkillGap) -> list[str]:
    entry = skill_index().get(gap.canonical)
    if entry is not None:
        return list(entry["steps"])
    fallbacks = load_table("learning_steps")["fallback"]
    steps = fallbacks.get(gap.group or "other", fallbacks["other"])["steps"]
    return [fill(step, {"skill": skill_name(gap)}) for step in steps]


def unique_gaps(analysis: Analysis) -> list[SkillGap]:
    """Skill gaps with a canonical name, first occurrence of each kept."""
    seen: set[str] = set()
    gaps = []
    for gap in analysis.skill_gaps:
        key = gap.canonical.strip().lower()
        if key and key not in seen:
            seen.add(key)
            gaps.append(gap)
    return gaps


# ---------------------------------------------------------------- focus areas


def focus_areas(analysis: Analysis) -> list[FocusArea]:
    """One area per stated reason, then one for the stage reached (if it has one)."""
    table = load_table("focus_areas")
    values = template_values(analysis)
    areas = [reason_area(f, analysis, values) for f in analysis.reasons if f.label in table["reasons"]]
    stage = table["stages"].get(analysis.stage)
    if stage:
        areas.append(make_area(stage, None, values))
    return areas


def reason_area(finding: ReasonFinding, analysis: Analysis, values: dict[str, str]) -> FocusArea:
    table = load_table("focus_areas")
    spec = table["reasons"][finding.label]
    if finding.label == "skills_gap" and not unique_gaps(analysis):
        spec = table["skills_gap_unnamed"]
    if finding.label == "assessment_result":
        spec = {**spec, **assessment_variant(finding)}
    skills = [skill_name(gap) for gap in unique_gaps(analysis)]
    return make_area(spec, first_evidence(finding), values, skills)


def make_area(
    spec: dict[str, Any], evidence: str | None, values: dict[str, str], skills: list[str] | None = None
) -> FocusArea:
    """A FocusArea whose `why` quotes the evidence sentence when there is one."""
    if evidence and "why" in spec:
        why = fill(spec["why"], {**values, "evidence": evidence})
    else:
        why = fill(spec["why_plain"], values)
    practice = per_skill_questions(spec, values, skills or []) + [fill(q, values) for q in spec["practice"]]
    return FocusArea(area=fill(spec["area"], values), why=why, practice=practice)


def per_skill_questions(spec: dict[str, Any], values: dict[str, str], skills: list[str]) -> list[str]:
    """`practice_each` asked once for each named skill, up to `max_skills` skills."""
    chosen = skills[: spec.get("max_skills", 3)]
    return [fill(q, {**values, "skill": name}) for name in chosen for q in spec.get("practice_each", [])]


def assessment_variant(finding: ReasonFinding) -> dict[str, Any]:
    """The exercise-specific area (take-home, coding test, ...) the evidence names, if any."""
    table = load_table("focus_areas")
    text = " ".join(finding.evidence).lower()
    for kind in table["assessment_order"]:
        variant = table["assessments"][kind]
        if any(keyword in text for keyword in variant["keywords"]):
            return variant
    return {}


def first_evidence(finding: ReasonFinding) -> str | None:
    """The first evidence sentence, on one line and at most EVIDENCE_LIMIT characters."""
    for sentence in finding.evidence:
        text = " ".join(sentence.split())
        if text:
            return text if len(text) <= EVIDENCE_LIMIT else text[: EVIDENCE_LIMIT - 3].rstrip() + "..."
    return None


# ---------------------------------------------------------------- next actions


def next_actions(analysis: Analysis, today: date) -> list[str]:
    """Feedback first when it matters most; then stage, reasons, door, date, self-care."""
    table = load_table("next_actions")
    values = {**template_values(analysis), "draft": draft_body(analysis)}
    feedback = fill(table["feedback"][feedback_key(analysis)], values)
    prominent = feedback_is_prominent(analysis)
    actions = [feedback] if prominent else []
    actions.append(table["stage"].get(analysis.stage))
    actions += [fill(text, values) for text in reason_actions(analysis)]
    if analysis.future_opportunities:
        actions.append(fill(table["future"]["text"], values))
    actions.append(reapply_action(analysis, today))
    if not prominent:
        actions.append(feedback)
    actions.append(table["self_care"]["text"])
    return [action for action in actions if action]


def reason_actions(analysis: Analysis) -> list[str]:
    """One action template per distinct stated reason that has one."""
    table = load_table("next_actions")["reason"]
    texts = []
    for label in dict.fromkeys(f.label for f in analysis.reasons):
        if label == "skills_gap" and not unique_gaps(analysis):
            label = "skills_gap_unnamed"
        if label in table:
            texts.append(table[label])
    return texts


def reapply_action(analysis: Analysis, today: date) -> str | None:
    when = reapply_date(analysis, today)
    if when is None:
        return None
    table = load_table("next_actions")["reapply"]
    values = {**template_values(analysis), "date": long_date(when), "months": months_text(analysis)}
    return fill(table["now"] if when == today else table["later"], values)


def feedback_is_prominent(analysis: Analysis) -> bool:
    """Feedback leads the list when it is offered or when no reason was given."""
    return analysis.feedback_available or not stated_labels(analysis)


def feedback_key(analysis: Analysis) -> str:
    if analysis.feedback_available:
        return "offered"
    return "optional" if stated_labels(analysis) else "no_reason"


def draft_ask_key(analysis: Analysis) -> str:
    if unique_gaps(analysis):
        return "skills"
    return "reasons" if stated_labels(analysis) else "no_reason"


def door_line(analysis: Analysis) -> str:
    door = load_table("next_actions")["feedback_draft"]["door"]
    return door["company"] if plain_text(analysis.company) else door["plain"]


def stated_labels(analysis: Analysis) -> list[str]:
    return [f.label for f in analysis.reasons if f.label != "no_reason_given"]


# ---------------------------------------------------------------- iCalendar


def event_lines(analysis: Analysis, today: date, when: date) -> list[str]:
    table = load_table("next_actions")["calendar"]
    values = {**template_values(analysis), "months": months_text(analysis)}
    description = table["description_now" if when == today else "description"]
    return [
        "BEGIN:VEVENT",
        f"UID:{event_uid(analysis, when)}",
        f"DTSTAMP:{today:%Y%m%d}T000000Z",
        f"DTSTART;VALUE=DATE:{when:%Y%m%d}",
        f"DTEND;VALUE=DATE:{when + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape_text(fill(table['summary'], values))}",
        f"DESCRIPTION:{escape_text(fill(description, values))}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def event_uid(analysis: Analysis, when: date) -> str:
    """Stable for the same message and date, so re-importing updates the event."""
    key = "|".join([analysis.id or "", analysis.company or "", analysis.role or "", when.isoformat()])
    return f"{hashlib.sha256(key.encode()).hexdigest()[:24]}@nextround"


def escape_text(text: str) -> str:
    """RFC 5545 TEXT escaping: backslash, semicolon, comma and newlines."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold_line(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    pieces: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > (74 if pieces else 75):
            pieces.append(current)
            current, size = "", 0
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


# ---------------------------------------------------------------- small helpers


def template_values(analysis: Analysis) -> dict[str, str]:
    """Placeholder values; neutral words where the email names nothing."""
    role, company = plain_text(analysis.role), plain_text(analysis.company)
    names = [skill_name(gap) for gap in unique_gaps(analysis)]
    return {
        "role": role_phrase(role) if role else "this role",
        "company": company or "this company",
        "position": position_phrase(role, company),
        "skills": join_words(names) or "the skills the role needs",
        "skill": names[0] if names else "",
    }


def position_phrase(role: str | None, company: str | None) -> str:
    """'the Data Analyst role at Acme', 'the Data Analyst role', 'the role at Acme' or 'the role'."""
    phrase = role_phrase(role) if role else "the role"
    return f"{phrase} at {company}" if company else phrase


def role_phrase(role: str) -> str:
    if role.lower().endswith((" role", " position")):
        return f"the {role}"
    return f"the {role} role"


def skill_name(gap: SkillGap) -> str:
    return " ".join(gap.text.split()) or gap.canonical


def plain_text(value: str | None) -> str | None:
    text = " ".join((value or "").split())
    return text or None


def join_words(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def fill(template: str, values: dict[str, str]) -> str:
    return template.format_map(values)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, moved back to the month's last day if needed."""
    year, month_index = divmod(day.month - 1 + months, 12)
    year += day.year
    last_day = calendar.monthrange(year, month_index + 1)[1]
    return date(year, month_index + 1, min(day.day, last_day))


def months_text(analysis: Analysis) -> str:
    months = analysis.reapply_after_months or 0
    return "1 month" if months == 1 else f"{months} months"


def long_date(day: date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"
