"""Baselines printed beside the model: the most frequent label and keyword rules.

The keyword lists are deliberately plain: what a careful person would grep for.
"""
from __future__ import annotations

import re

_CATEGORY_KEYWORDS = [
    ("offer", r"\b(offer letter|pleased to offer|job offer|offer of employment)\b"),
    ("rejection", r"\b(unfortunately|regret|not (?:to )?(?:proceed|move forward|progress)|other candidates|unsuccessful)\b"),
    ("assessment_invitation", r"\b(assessment|coding challenge|take-home|test link|hackerrank|codility)\b"),
    ("interview_invitation", r"\b(interview|schedule a call|next round)\b"),
    ("application_received", r"\b(received your application|application (?:has been )?received|thank you for applying)\b"),
    ("job_alert", r"\b(job alert|new jobs|jobs matching|recommended jobs)\b"),
    ("recruiter_outreach", r"\b(came across your profile|opportunity that|are you open to)\b"),
]
_REASON_KEYWORDS = {
    "skills_gap": r"\b(skills?|technical|proficien\w*|knowledge of)\b",
    "experience_fit": r"\b(experience|senior|junior|overqualified|background)\b",
    "interview_performance": r"\b(your answers|during the interview|examples|preparation)\b",
    "assessment_result": r"\b(assessment|test|take-home|challenge|case study|exercise)\b",
    "culture_fit": r"\b(culture|values|team fit|cultural)\b",
    "position_filled": r"\b(filled|another candidate|offered the (?:position|role)|hired)\b",
    "role_change": r"\b(on hold|freeze|cancel\w*|budget|restructur\w*|no longer)\b",
    "compensation": r"\b(salary|compensation|pay|budget for the role)\b",
    "logistics": r"\b(visa|sponsor\w*|relocat\w*|location|on-site|onsite|remote|start date|hours)\b",
    "eligibility": r"\b(background check|reference check|documents?|licen[cs]e|degree|eligib\w*)\b",
}
_STAGE_KEYWORDS = [
    ("final", r"\b(final (?:round|interview|stage)|on-?site|reference check|background check)\b"),
    ("assessment", r"\b(assessment|take-home|coding (?:test|challenge)|case study)\b"),
    ("interview", r"\b(interview(?:s|ed|ing)?|meeting with)\b"),
    ("screen", r"\b(phone screen|screening call|recruiter call|phone call)\b"),
    ("application", r"\b(your application|applying|reviewed your (?:cv|resume))\b"),
]
_FLAG_KEYWORDS = {
    "future_opportunities": r"\b(on file|future (?:roles|opportunities|openings|vacancies)|other (?:roles|positions)|careers page)\b",
    "feedback_available": r"\b(feedback)\b",
}


def _hits(pattern: str, text: str) -> bool:
    return re.search(pattern, text, re.I) is not None


def keyword_category(text: str) -> str:
    for label, pattern in _CATEGORY_KEYWORDS:
        if _hits(pattern, text):
            return label
    return "other"


def keyword_reasons(text: str) -> list[str]:
    found = [label for label, pattern in _REASON_KEYWORDS.items() if _hits(pattern, text)]
    return found or ["no_reason_given"]


def keyword_stage(text: str) -> str:
    for label, pattern in _STAGE_KEYWORDS:
        if _hits(pattern, text):
            return label
    return "unknown"


def keyword_flags(text: str) -> dict[str, bool]:
    return {name: _hits(pattern, text) for name, pattern in _FLAG_KEYWORDS.items()}
