"""suggest: the tables cover the taxonomy, the wording fills cleanly, and the
feedback draft and calendar reminder say only what the email says."""
from __future__ import annotations

import re
import subprocess
import sys
from datetime import date

import pytest

from nextround import suggest as sg
from nextround.schema import REASONS, SKILL_GROUPS, STAGES, Analysis, ReasonFinding, SkillGap, Suggestions

TODAY = date(2025, 8, 31)
EVIDENCE = {
    "skills_gap": "We were looking for deeper hands-on Kubernetes experience.",
    "experience_fit": "We chose someone with more senior experience.",
    "interview_performance": "Your answers lacked specific examples.",
    "assessment_result": "Your coding test score was below our bar.",
    "culture_fit": "We felt it was not the right fit for our team culture.",
    "position_filled": "We have offered the position to another candidate.",
    "role_change": "The role has been put on hold.",
    "compensation": "Your salary expectations are above our range.",
    "logistics": "We are unable to sponsor visas for this role.",
    "eligibility": "We did not receive the required documents.",
    "no_reason_given": "We have decided to move forward with other candidates.",
}
BRACES = re.compile(r"[{}]")


def rejection(**fields) -> Analysis:
    return Analysis(category="rejection", **fields)


def finding(label: str, evidence: str | None = None) -> ReasonFinding:
    return ReasonFinding(label, 0.9, [evidence or EVIDENCE[label]])


def all_text(result: Suggestions) -> list[str]:
    texts = list(result.next_actions) + [result.feedback_draft or ""]
    for step in result.learning_steps:
        texts += [step.skill, *step.steps]
    for area in result.mock_interview_focus:
        texts += [area.area, area.why, *area.practice]
    return texts


# ---------------------------------------------------------------- table coverage


def test_every_reason_label_has_a_focus_area_and_is_known():
    reasons = sg.load_table("focus_areas")["reasons"]
    missing = [label for label in REASONS if label not in reasons]
    assert not missing, f"focus_areas.toml lacks [reasons.<label>] for {missing}"
    assert set(reasons) <= set(REASONS), "focus_areas.toml has a label the taxonomy does not know"


def test_every_stated_reason_has_a_next_action_or_is_skills_gap():
    actions = sg.load_table("next_actions")["reason"]
    missing = [label for label in REASONS if label != "no_reason_given" and label not in actions]
    assert not missing, f"next_actions.toml lacks [reason] entries for {missing}"
    assert "skills_gap_unnamed" in actions


def test_every_skill_group_has_a_fallback_and_specific_skills():
    table = sg.load_table("learning_steps")
    missing = [group for group in SKILL_GROUPS if group not in table["fallback"]]
    assert not missing, f"learning_steps.toml lacks [fallback.<group>] for {missing}"
    assert "other" in table["fallback"]
    groups = {entry["group"] for entry in table["skills"].values()}
    assert groups == set(SKILL_GROUPS), f"groups without a specific skill: {set(SKILL_GROUPS) - groups}"


def test_learning_steps_are_many_and_each_has_two_to_four_steps():
    table = sg.load_table("learning_steps")
    assert len(table["skills"]) >= 170
    entries = {**table["skills"], **{f"fallback.{k}": v for k, v in table["fallback"].items()}}
    for name, entry in entries.items():
        assert 2 <= len(entry["steps"]) <= 4, name
        assert all(step.strip() for step in entry["steps"]), name


def test_skill_names_are_lower_case_and_aliases_do_not_collide():
    skills = sg.load_table("learning_steps")["skills"]
    seen: dict[str, str] = {}
    for name, entry in skills.items():
        assert name == name.lower().strip(), name
        for alias in entry.get("aliases", []):
            assert alias == alias.lower() and alias not in skills, (name, alias)
            assert alias not in seen, f"alias {alias!r} used by {seen.get(alias)} and {name}"
            seen[alias] = name


def test_each_skill_states_how_long_it_takes():
    duration = re.compile(r"\b(\d+|one|two|an?)\b[- ]?(minutes?|hours?|days?|weeks?|weekends?|months?|evenings?)\b|\bweekend\b|\bevening\b", re.I)
    for name, entry in sg.load_table("learning_steps")["skills"].items():
        assert any(duration.search(step) for step in entry["steps"]), name


def test_known_skills_need_no_placeholders():
    for name, entry in sg.load_table("learning_steps")["skills"].items():
        assert not any(BRACES.search(step) for step in entry["steps"]), name


def test_focus_areas_have_at_least_three_practice_questions():
    table = sg.load_table("focus_areas")
    specs = {**table["reasons"], **table["assessments"], **table["stages"]}
    specs["skills_gap_unnamed"] = table["skills_gap_unnamed"]
    for name, spec in specs.items():
        assert len(spec["practice"]) >= 3, name
        assert spec["area"].strip(), name
    assert set(table["stages"]) <= set(STAGES)
    assert {"screen", "final"} <= set(table["stages"])
    assert set(table["assessment_order"]) == set(table["assessments"])


def test_tables_are_loaded_once():
    assert sg.load_table("learning_steps") is sg.load_table("learning_steps")
    assert sg.skill_index() is sg.skill_index()


def test_importing_suggest_stays_light():
    code = "import sys, nextround.suggest; print(sorted(m for m in ('pandas', 'sklearn', 'spacy', 'numpy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ---------------------------------------------------------------- suggest()


def test_non_rejection_gets_empty_suggestions():
    assert sg.suggest(Analysis(category="interview_invitation")) == Suggestions()


@pytest.mark.parametrize("label", REASONS)
def test_each_reason_gives_a_focus_area_that_quotes_the_evidence(label):
    result = sg.suggest(rejection(reasons=[finding(label)], stage="interview"), today=TODAY)
    area = result.mock_interview_focus[0]
    assert f'"{EVIDENCE[label]}"' in area.why
    assert len(area.practice) >= 3
    assert not any(BRACES.search(text) for text in all_text(result))


@pytest.mark.parametrize("stage", STAGES)
def test_every_stage_fills_without_leftover_placeholders(stage):
    analysis = rejection(
        reasons=[finding(label) for label in REASONS if label != "no_reason_given"],
        skill_gaps=[SkillGap("Kubernetes", "kubernetes", EVIDENCE["skills_gap"], "tool")],
        stage=stage, reapply_after_months=6, future_opportunities=True, feedback_available=True,
    )
    texts = all_text(sg.suggest(analysis, today=TODAY))
    assert texts and not any(BRACES.search(text) for text in texts)


def test_learning_steps_follow_the_gaps_with_aliases_and_group_fallbacks():
    gaps = [
        SkillGap("k8s", "k8s", "x", "tool"),
        SkillGap("Kubernetes", "kubernetes", "x", "tool"),
        SkillGap("Kubernetes", "kubernetes", "y", "tool"),
        SkillGap("Quantum Basket Weaving", "quantum basket weaving", "z", "method"),
        SkillGap("Zorblax", "zorblax", "z", None),
    ]
    steps = sg.suggest(rejection(reasons=[finding("skills_gap")], skill_gaps=gaps), today=TODAY).learning_steps
    assert [s.skill for s in steps] == ["k8s", "kubernetes", "quantum basket weaving", "zorblax"]
    assert steps[0].steps == steps[1].steps  # the alias finds the kubernetes entry
    assert any("Quantum Basket Weaving" in step for step in steps[2].steps)
    assert steps[2].steps[0] == sg.load_table("learning_steps")["fallback"]["method"]["steps"][0].format(
        skill="Quantum Basket Weaving"
    )
    assert any("Zorblax" in step for step in steps[3].steps)


def test_skills_gap_questions_name_each_skill():
    gaps = [SkillGap("Kubernetes", "kubernetes", "x", "tool"), SkillGap("SQL", "sql", "x", "technical")]
    area = sg.suggest(rejection(reasons=[finding("skills_gap")], skill_gaps=gaps)).mock_interview_focus[0]
    assert area.area == "Technical deep-dive: Kubernetes and SQL"
    assert any("Kubernetes" in q and "SQL" not in q for q in area.practice)
    assert any("SQL" in q and "Kubernetes" not in q for q in area.practice)


def test_skills_gap_without_named_skills_uses_the_core_skills_area():
    result = sg.suggest(rejection(reasons=[finding("skills_gap", "You were below the bar technically.")], role="Data Engineer"))
    assert result.mock_interview_focus[0].area == "Technical deep-dive on the core skills for the Data Engineer role"
    assert result.learning_steps == []


@pytest.mark.parametrize(
    ("evidence", "area"),
    [
        ("Your take-home assignment did not reach the standard.", "Timed practice: take-home tasks"),
        ("Your coding test score was below the bar.", "Timed practice: coding tests"),
        ("The case study did not meet our expectations.", "Timed practice: case studies"),
        ("Your presentation did not go into enough depth.", "Timed practice: presentation tasks"),
        ("Your numerical reasoning results were below our threshold.", "Timed practice: psychometric and aptitude tests"),
        ("The assessment results did not meet the bar.", "Timed practice for the assessment"),
    ],
)
def test_assessment_area_matches_the_exercise_type(evidence, area):
    result = sg.suggest(rejection(reasons=[finding("assessment_result", evidence)]))
    assert result.mock_interview_focus[0].area == area
    assert evidence in result.mock_interview_focus[0].why


def test_stage_areas_for_screen_and_final():
    screen = sg.suggest(rejection(reasons=[finding("no_reason_given")], stage="screen")).mock_interview_focus
    final = sg.suggest(rejection(reasons=[finding("no_reason_given")], stage="final")).mock_interview_focus
    assert screen[-1].area == "The recruiter pitch"
    assert final[-1].area == "Closing strong and reference preparation"


def test_next_actions_cover_feedback_door_date_stage_and_self_care():
    analysis = rejection(
        reasons=[finding("experience_fit")], stage="interview", reapply_after_months=6,
        future_opportunities=True, company="Acme Corp",
    )
    actions = sg.suggest(analysis, today=TODAY).next_actions
    joined = "\n".join(actions)
    assert "step forward" in joined
    assert "keep the door open" in joined and "Acme Corp" in joined
    assert "28 February 2026" in joined  # 31 August + 6 months, moved to the month's end
    assert any(a.startswith("If you would like more detail") and "Thank you for letting me know" in a for a in actions)
    assert actions[-1].startswith("Look after yourself")


def test_feedback_leads_when_no_reason_was_given_or_feedback_is_offered():
    no_reason = sg.suggest(rejection(reasons=[finding("no_reason_given")]))
    offered = sg.suggest(rejection(reasons=[finding("culture_fit")], feedback_available=True))
    stated = sg.suggest(rejection(reasons=[finding("culture_fit")]))
    assert no_reason.next_actions[0].startswith("Ask for feedback")
    assert offered.next_actions[0].startswith("Ask for feedback")
    assert not stated.next_actions[0].startswith("Ask for feedback")
    assert no_reason.feedback_draft and stated.feedback_draft


def test_no_waiting_period_means_reapply_now():
    actions = sg.suggest(rejection(reasons=[finding("position_filled")], reapply_after_months=0), today=TODAY).next_actions
    assert any("no waiting period" in action for action in actions)


# ---------------------------------------------------------------- feedback draft


def test_draft_names_role_and_company_when_present():
    draft = sg.feedback_draft(rejection(reasons=[finding("no_reason_given")], company="Acme Corp", role="Platform Engineer"))
    assert "the Platform Engineer role at Acme Corp" in draft
    assert not BRACES.search(draft)


@pytest.mark.parametrize("company, role", [(None, None), ("", "  "), (None, "Data Analyst"), ("Acme Corp", None)])
def test_draft_never_invents_role_or_company(company, role):
    analysis = rejection(reasons=[finding("no_reason_given")], company=company, role=role, future_opportunities=True)
    draft = sg.feedback_draft(analysis)
    assert not BRACES.search(draft) and "[" not in draft
    assert ("Acme Corp" in draft) == bool((company or "").strip())
    assert ("Data Analyst" in draft) == bool((role or "").strip())
    if not (company or "").strip() and not (role or "").strip():
        assert "the role." in draft and " at " not in draft


def test_draft_is_short_polite_and_specific():
    analysis = rejection(
        reasons=[finding("skills_gap")], skill_gaps=[SkillGap("Kubernetes", "kubernetes", "x", "tool")],
        stage="final", feedback_available=True,
    )
    draft = sg.feedback_draft(analysis)
    assert draft.startswith("Hello,") and draft.rstrip().endswith("Kind regards,")
    assert "Kubernetes" in draft and "final round" in draft and "offering feedback" in draft
    assert len(draft.split()) < 120


# ---------------------------------------------------------------- reapply date and calendar


def test_reapply_date():
    assert sg.reapply_date(rejection(reapply_after_months=6), date(2025, 1, 15)) == date(2025, 7, 15)
    assert sg.reapply_date(rejection(reapply_after_months=12), date(2024, 2, 29)) == date(2025, 2, 28)
    assert sg.reapply_date(rejection(reapply_after_months=0), TODAY) == TODAY
    assert sg.reapply_date(rejection(reapply_after_months=None), TODAY) is None


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


def test_calendar_reminder_is_valid_icalendar():
    analysis = rejection(
        reasons=[finding("experience_fit")], reapply_after_months=3,
        company="Ærøskøbing Café, Ltd; Nørrebro Søstrene Grøn Holding", role="Senior Data Analyst",
    )
    text = sg.calendar_reminder(analysis, TODAY)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    physical = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    assert any(line.startswith(" ") for line in physical), "the long DESCRIPTION should be folded"
    text.encode("utf-8").decode("utf-8")  # folding never splits a character
    lines = unfold(text)[:-1]
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert lines.index("BEGIN:VEVENT") < lines.index("END:VEVENT")
    props = dict(line.split(":", 1) for line in lines)
    assert {"VERSION", "PRODID", "UID", "DTSTAMP", "DTSTART;VALUE=DATE", "SUMMARY", "DESCRIPTION"} <= set(props)
    assert props["VERSION"] == "2.0"
    assert props["DTSTART;VALUE=DATE"] == "20251130"
    assert re.fullmatch(r"\d{8}T\d{6}Z", props["DTSTAMP"])
    assert "Café\\, Ltd\\; Nørrebro" in props["SUMMARY"]
    assert "Senior Data Analyst" in props["DESCRIPTION"]


def test_calendar_text_escaping():
    assert sg.escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_calendar_uid_is_stable():
    analysis = rejection(reapply_after_months=6, company="Acme Corp")
    first, second = sg.calendar_reminder(analysis, TODAY), sg.calendar_reminder(analysis, TODAY)
    assert first == second


def test_calendar_without_waiting_period_explains_why():
    with pytest.raises(ValueError, match="no waiting period"):
        sg.calendar_reminder(rejection(reasons=[finding("no_reason_given")]), TODAY)
