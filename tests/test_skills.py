"""Skill lexicon and skill-gap extraction (nextround.skills)."""
from __future__ import annotations

import subprocess
import sys
import time

import pytest

from nextround.schema import SKILL_GROUPS
from nextround.skills import canonicalize, find_skill_gaps, load_lexicon


def gaps(*sentences: str) -> list[str]:
    return [g.canonical for g in find_skill_gaps(list(sentences))]


def test_lexicon_loads_and_covers_all_groups():
    lex = load_lexicon()
    canon = lex.canonicals()
    assert len(canon) >= 200
    assert set(canon.values()) == set(SKILL_GROUPS)
    for group in SKILL_GROUPS:
        assert sum(1 for g in canon.values() if g == group) >= 10, group
    assert load_lexicon() is lex  # cached


@pytest.mark.parametrize("surface, canonical", [
    ("k8s", "kubernetes"), ("Kubernetes", "kubernetes"), ("JS", "javascript"), ("TS", "typescript"),
    ("postgres", "postgresql"), ("GCP", "google cloud platform"), ("Microsoft Excel", "excel"),
    ("IBM Terraform", "terraform"), ("stakeholder mgmt", "stakeholder management"),
    ("ML", "machine learning"), ("TDD", "test-driven development"), ("SQL", "sql"), ("MySQL", "mysql"),
])
def test_canonicalize_aliases(surface, canonical):
    assert canonicalize(surface)[0] == canonical


def test_sql_and_mysql_stay_apart():
    assert canonicalize("SQL")[0] != canonicalize("MySQL")[0]
    assert gaps("Your SQL was not at the level we need.") == ["sql"]
    assert gaps("You had limited exposure to MySQL.") == ["mysql"]


def test_unknown_surface_is_none():
    assert canonicalize("") is None
    assert canonicalize("zzqx frobnication") is None


@pytest.mark.parametrize("sentence, expected", [
    ("We need deeper hands-on Kubernetes experience.", ["kubernetes"]),
    ("Your SQL was not at the level we need.", ["sql"]),
    ("We were looking for stronger stakeholder management.", ["stakeholder management"]),
    ("You lacked experience with k8s.", ["kubernetes"]),
    ("We would like to see more experience with Terraform.", ["terraform"]),
    ("You had limited exposure to GraphQL.", ["graphql"]),
    ("There were gaps in your system design.", ["system design"]),
    ("Your German was not fluent enough for the role.", ["german"]),
    ("You are not yet strong enough in TypeScript.", ["typescript"]),
    ("We encourage you to improve your data structures and algorithms.", ["data structures and algorithms"]),
])
def test_stated_gaps(sentence, expected):
    assert gaps(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Your Python was excellent.",
    "You showed strong SQL skills.",
    "We were impressed by your React.",
    "The team uses Java and Kotlin every day.",
    "There were no gaps in your Python.",
    "Your technical skills were below the bar.",
])
def test_praised_or_mentioned_skills_are_not_gaps(sentence):
    assert gaps(sentence) == []


def test_praise_and_gap_in_one_sentence():
    assert gaps("Your Python was excellent, but your SQL was weaker.") == ["sql"]


@pytest.mark.parametrize("sentence, expected", [
    ("We would like to see more experience with AWS, GCP or Azure.", ["aws", "google cloud platform", "azure"]),
    ("You lacked experience with Python and SQL.", ["python", "sql"]),
    ("We need someone with more direct experience with our stack (Rust + Kubernetes).", ["rust", "kubernetes"]),
])
def test_coordination(sentence, expected):
    assert gaps(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Unfortunately we need deeper [Skill] knowledge.",
    "Your [specific area] was not at the level we need.",
])
def test_placeholders_name_nothing(sentence):
    assert gaps(sentence) == []


@pytest.mark.parametrize("sentence", [
    "We need someone with more experience in healthcare.",
    "We went with a candidate with more B2B SaaS experience.",
    "We were looking for deeper experience in payments.",
    "We need someone with more experience in the retail industry.",
])
def test_domain_experience_is_not_a_skill_gap(sentence):
    assert gaps(sentence) == []


def test_unknown_but_clearly_stated_gap_is_kept():
    found = find_skill_gaps(["You lacked experience with zorblax modelling."])
    assert [g.canonical for g in found] == ["zorblax modelling"]
    assert found[0].group is None


def test_dedupe_order_and_evidence():
    sentences = ["We need deeper Kubernetes experience.", "Your k8s was weaker, and you lacked Go."]
    found = find_skill_gaps(sentences)
    assert [g.canonical for g in found] == ["kubernetes", "go"]
    assert found[0].evidence == sentences[0]
    assert found[1].evidence == sentences[1]
    assert found[0].text == "Kubernetes"
    assert found[0].source_id == "nextround:alias"


def test_fast_enough():
    load_lexicon()
    sentences = ["Thank you for your interest in the role.", "You lacked experience with k8s and Terraform."] * 1000
    start = time.perf_counter()
    find_skill_gaps(sentences)
    assert time.perf_counter() - start < 2.0  # >= 1,000 sentences per second


def test_import_is_light():
    code = ("import sys, time; t = time.perf_counter(); import nextround.skills as s; s.load_lexicon(); "
            "heavy = {'spacy', 'sklearn', 'pandas'} & set(sys.modules); print(sorted(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("sentence, expected", [
    ("The team needs someone with hands-on experience writing user stories for a Scrum team.", ["user stories"]),
    ("We need someone with deeper hands-on experience running Kafka in production.", ["kafka"]),
    ("They have gone with another candidate who has stronger Informatica and Teradata experience.",
     ["informatica", "teradata"]),
    ("The successful candidate had stronger Snowflake experience.", ["snowflake"]),
    ("We'd like to see some experience with PHPUnit.", ["phpunit"]),
    ("We recommend you practise more on reverse engineering.", ["reverse engineering"]),
    ("We also need Danish for the reports.", ["danish"]),
    ("We went with a candidate who speaks Swedish.", ["swedish"]),
    ("Also for this role a good level of Spanish is necessary.", ["spanish"]),
    ("Your result was below the level required, particularly in the sections on pivot tables and VLOOKUP.",
     ["pivot tables", "vlookup"]),
    ("We need engineers with experience in ROS 2 and working knowledge of C++.", ["ros 2", "c++"]),
    ("Sections with the lowest scores: Bash scripting, Linux networking.", ["bash", "linux networking"]),
    ("We're looking for someone with experience in Apache Camel and enterprise integration patterns.",
     ["apache camel", "enterprise integration patterns"]),
])
def test_more_gap_wordings(sentence, expected):
    assert sorted(gaps(sentence)) == sorted(expected)


@pytest.mark.parametrize("lines, expected", [
    (["- Git: branching and pull request workflow was unfamiliar"], ["git"]),
    (["- Testing: we'd like to see some experience with PHPUnit"], ["phpunit"]),
    (["\u2022 Gap: configuration management at scale (Puppet or Chef)"], ["configuration management", "puppet", "chef"]),
])
def test_bullet_lists(lines, expected):
    assert gaps(*lines) == expected


@pytest.mark.parametrize("sentence", [
    "We require all Site Managers to hold a valid SMSTS certificate and a CSCS Black Card.",
    "You do not meet the minimum entry requirements, which include GCSE grade 4 or above in Maths and English.",
    "The post requires registration with the Environmental Health Registration Board (EHRB).",
    "We felt you did not know about our hotel or our story.",
    "The other person has more experience in electronics products.",
    "They're looking for someone with a stronger background in construction projects rather than IT delivery.",
    "The position requires presence in our office at least four days a week.",
    "We need someone with hands-on experience in a pretty chaotic, ambiguous environment.",
])
def test_eligibility_domain_and_company_knowledge_are_not_gaps(sentence):
    assert gaps(sentence) == []


def test_praised_skill_in_a_gap_list_is_dropped():
    assert gaps("Your Kotlin knowledge was impressive, but we're looking for someone with deep experience "
                "in both Kotlin and Swift.") == ["swift"]


def test_hyphenated_words_and_swiftui_stay_whole():
    assert gaps("We need someone with hands-on experience with SwiftUI.") == ["swiftui"]
    assert canonicalize("SwiftUI")[0] == "swiftui"


def test_skills_named_in_gap_sentences_but_not_praised():
    from nextround.skills import skills_named_in

    named = [g.canonical for g in skills_named_in(["The role is mostly Kubernetes and Terraform day to day."])]
    assert "kubernetes" in named and "terraform" in named
    assert skills_named_in(["Your Kubernetes work was excellent."]) == []
