"""Skill lexicon and skill-gap extraction (taxonomy.md §3).

`find_skill_gaps` keeps only skills a sentence states as missing or weaker:
a cue from resources/gap_cues.toml ("we need deeper", "lacked", "was not at
the level") marks a span, the span is split on coordination, and each item
is cleaned and mapped onto the lexicon (resources/skills.tsv, built by
scripts/build_lexicon.py from ESCO, O*NET data and skill_aliases.toml).
Praised or merely mentioned skills carry no cue and are never returned;
industries ("experience in healthcare") and placeholders ("[Skill]") are
dropped. Plain `re` and `tomllib` only: no heavy imports.
"""
from __future__ import annotations

import gzip
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .schema import SkillGap

RESOURCES = Path(__file__).resolve().parent / "resources"
ALIAS_SOURCE = "nextround:alias"
_MAX_NGRAM = 6
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                         "\u2014": "-", "\u00a0": " "})
_PLACEHOLDER = re.compile(r"[\[\]{}<>]|\bplaceholder\b|\bx{2,}\b", re.I)
_NOT_SKILL_WORD = re.compile(
    r"\b(?:we|you|i|they|us|our|your|it|is|was|were|are|be|been|being|has|have|had|will|would|could|"
    r"should|can|may|might|must|do|does|did|not|this|that|these|those|what|how|why|who|which|when|"
    r"where|there|here|very|really|quite|just|also|other|another|someone|year|years|months|senior|"
    r"junior|role|position|candidate|candidates|team|level|feedback|time|full|relevant|good|great|excellent|"
    r"solid|strong|deep|clear|similar|equivalent|necessary|required|appropriate|sufficient|certain|"
    r"entirely|completely|fully|yet|either|consistently|clearly|well|during|score|section|session|"
    r"round|exercise|submission|task|test|results?|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|today|yesterday|of|in|on|with|for|to|at|by|from|and|or|the|an?|more|less|some|any|much|"
    r"no|yours|mine|hold|right|now|hire|patients|customers|clients|users|body|day-to-day|proficient|"
    r"proficiency|experienced|comfortable|confident|familiar|package|statement|form|native|near-native|"
    r"stronger|deeper|better|broader|greater|familiarity|hands|felt|found|noted|together|personally|fast|"
    r"quickly|above|below|solution|apps|somebody|several|figures|strategic|pretty|chaotic|ambiguous|"
    r"phone|guests|eligibility|ramp-up|day\s+one|outcomes|care|focus|support|board|chef|office|presence|"
    r"client-facing|customer-facing|rather)\b", re.I)
_LOGISTICS = re.compile(r"\b(?:availability|available|salary|compensation|visa|sponsor\w*|authori[sz]ation|"
                        r"right\s+to\s+work|relocat\w+|location|on-site|onsite|commute|hours|shifts?|weekends?|"
                        r"evenings?|start\s+date|notice\s+period|remote|in-person|in\s+(?:the|our)\s+office)\b", re.I)
_ASSESSMENT = {"assessment", "test", "interview", "exercise", "statement", "task", "challenge", "hire"}
# Only the first item of a list under a bullet head counts: "- Statistics: we'd like more ...".
_BULLET = re.compile(r"^\s*[-*\u2022]\s+(?P<head>[^:\u2014\u2013]{2,50}?)\s*(?::|\s[\u2014\u2013-]\s)\s*(?P<rest>.+)$")
_WEAK = re.compile(r"\b(?:high-level|general|shallow|thin|light|limited|struggled|difficult|missing|little|less|"
                   r"unfamiliar|new\s+to|weaker|weak|"
                   r"not\s+(?:enough|yet|there|sufficient)|more\s+(?:experience|depth|practice))\b", re.I)
# Knowledge of the employer itself is interview_performance, not a skill gap.
# A bullet head that names the gap itself: "- Gap: configuration management (Puppet or Chef)".
_GAP_HEAD = re.compile(r"^(?:(?:main|key|biggest|one|another|technical|skills?)\s+)?(?:gaps?|concerns?|weakness(?:es)?|"
                       r"areas?\s+(?:to|for)\s+(?:develop|improve|improvement|development|growth)|to\s+develop|missing)$",
                       re.I)
# Formal qualifications, licences and registrations are eligibility (taxonomy.md §2), not skill gaps.
_ELIGIBILITY_ITEM = re.compile(r"\b(?:licen[cs]es?|licensed|registration|registered|gcses?|a-levels?|nvq|btec|"
                               r"degree|certificate|card|permit|clearance|credential|grade\s+\d|band\s+\d|edition|bs\s*\d{3,})\b", re.I)
_ELIGIBILITY_SENTENCE = re.compile(r"\b(?:minimum\s+(?:entry\s+)?requirements?|entry\s+requirements|"
                                   r"legally\s+(?:necessary|required)|registration\s+with|registered\s+with|"
                                   r"licen[cs]e[ds]?\b|copies\s+of|documents?\s+provided|background\s+check)", re.I)
# "did not know our beers": knowledge of the employer is interview_performance.
_KNOW_CUE = re.compile(r"\bknow(?:\s+(?:very\s+)?(?:much\s+|enough\s+)?about)?\s*$", re.I)
# "Your Kotlin knowledge was impressive, but ... both Kotlin and Swift": a praised skill is no gap there.
_PRAISE = re.compile(r"\b(?:your|you\s+have\s+(?:very\s+)?(?:good|strong|solid|excellent))\s+(?P<skill>[\w+#./ -]{1,40}?)"
                     r"(?:\s+(?:knowledge|skills?|experience|work|depth|background))?\s+(?:(?:was|were|is|are)\s+"
                     r"(?:(?:very|really|clearly|quite)\s+)?(?:impressive|excellent|strong|great|good|solid|fine|"
                     r"evident|outstanding))\b", re.I)
_COMPANY = re.compile(r"\b(?:our|the)\s+(?:company|business|customers|clients|products?|services|mission|"
                      r"organi[sz]ation|brand|firm|values)\b", re.I)


@dataclass(frozen=True)
class Lexicon:
    """Surface form (lower case) -> (canonical, group, source_id)."""

    exact: dict[str, tuple[str, str, str]]

    def __len__(self) -> int:
        return len(self.exact)

    def canonicals(self) -> dict[str, str]:
        """Canonical name -> group."""
        return {c: g for c, g, _ in self.exact.values()}


def _norm(text: str) -> str:
    text = text.translate(_QUOTES).lower()
    text = re.sub(r"\s+", " ", text)
    return text.strip(" \t\"'`*_-,;:!?()")


def _loose(text: str) -> str:
    """Hyphens and punctuation as spaces, doubled letters once: 'programing' ~ 'programming'."""
    text = re.sub(r"[^a-z0-9+#]+", " ", text.lower()).strip()
    return re.sub(r"(.)\1+", r"\1", text)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read resources/skills.tsv(.gz) once; later calls return the cached lexicon."""
    path = RESOURCES / "skills.tsv"
    if path.exists():
        text = path.read_text(encoding="utf-8")
    elif path.with_suffix(".tsv.gz").exists():
        text = gzip.decompress(path.with_suffix(".tsv.gz").read_bytes()).decode("utf-8")
    else:
        raise FileNotFoundError(
            f"skill lexicon not found ({path}). Run: python scripts/build_lexicon.py")
    rows = (line.split("\t") for line in text.splitlines() if line and line[0] != "#")
    exact = {r[0]: (r[1], r[2], r[3]) for r in rows if len(r) == 4}
    exact.pop("surface", None)
    return Lexicon(exact)


@lru_cache(maxsize=1)
def _loose_index() -> dict[str, tuple[str, str, str]]:
    """Looser keys, built on the first lookup that misses; alias-table entries win."""
    loose: dict[str, tuple[str, str, str]] = {}
    for surface, entry in load_lexicon().exact.items():
        key = _loose(surface)
        old = loose.get(key)
        if old is None or (entry[2] == ALIAS_SOURCE and old[2] != ALIAS_SOURCE):
            loose[key] = entry
    return loose


def canonicalize(text: str) -> tuple[str, str, str] | None:
    """Map a surface form onto (canonical, group, source_id), or None if unknown."""
    key = _norm(text)
    if not key:
        return None
    return load_lexicon().exact.get(key) or _loose_index().get(_loose(key))


@lru_cache(maxsize=1)
def _cues() -> dict:
    data = tomllib.loads((RESOURCES / "gap_cues.toml").read_text(encoding="utf-8"))
    flags = re.I
    return {
        "after": [re.compile(f"(?:{p})(?![\\w'-])", flags) for p in data["after"]],
        "after_lexicon": [re.compile(f"(?:{p})(?![\\w'-])", flags) for p in data["after_lexicon"]],
        "after_if_shortfall": [re.compile(f"(?:{p})(?![\\w'-])", flags) for p in data["after_if_shortfall"]],
        "shortfall": re.compile(data["shortfall"], flags),
        "before": [re.compile(p, flags) for p in data["before"]],
        "any": re.compile("|".join(f"(?:{p})" for p in data["after"] + data["before"] + data["after_lexicon"]),
                          flags),
        "negation": re.compile(data["negation"], flags),
        "prefix": re.compile(data["strip_prefix"], flags),
        "suffix": re.compile(data["strip_suffix"], flags),
        "split": re.compile(data["split"], flags),
        "span_end": re.compile(data["span_end"], flags),
        "clause_start": re.compile(data["clause_start"], flags),
        "domain_suffix": re.compile(data["domain_suffix"], flags),
        "generic": frozenset(data["generic"]),
        "domain": frozenset(data["domain"]),
    }


def _after_span(sentence: str, start: int) -> str:
    rest = sentence[start:]
    end = _cues()["span_end"].search(rest)
    return rest[: end.start()] if end else rest


def _before_span(sentence: str, end: int) -> str:
    head = sentence[:end]
    last = None
    for last in _cues()["clause_start"].finditer(head):
        pass
    return head[last.end():] if last else head


def _spans(sentence: str) -> list[tuple[str, bool]]:
    """(span, lexicon_only) pairs that a gap cue points at, in order of appearance."""
    cues = _cues()
    found: list[tuple[int, str, bool]] = []
    bullet = _BULLET.match(sentence)
    if not (cues["any"].search(sentence) or bullet) or _ELIGIBILITY_SENTENCE.search(sentence):
        return []
    if bullet and _GAP_HEAD.match(bullet["head"]):
        found.append((0, _after_span(sentence, bullet.start("rest")), False))
    elif bullet and not any(p.search(bullet["rest"]) for p in cues["after"]) and (
            _WEAK.search(bullet["rest"]) or cues["any"].search(bullet["rest"])):
        found.append((0, bullet["head"], False))
    lists = [(p, False) for p in cues["after"]] + [(p, True) for p in cues["after_lexicon"]]
    if cues["shortfall"].search(sentence):
        lists += [(p, False) for p in cues["after_if_shortfall"]]
    for pattern, strict in lists:
        for m in pattern.finditer(sentence):
            if cues["negation"].search(sentence[max(0, m.start() - 25): m.start()]):
                continue
            span = _after_span(sentence, m.end())
            if _KNOW_CUE.search(m.group(0)) and re.match(r"\s*(?:about\s+)?(?:our|the\s+company)\b", span, re.I):
                continue
            found.append((m.end(), span, strict))
    for pattern in cues["before"]:
        for m in pattern.finditer(sentence):
            found.append((m.start(), _before_span(sentence, m.start()), False))
    return [(span, strict) for _, span, strict in sorted(found, key=lambda f: f[0])
            if not _COMPANY.search(span) and not _LOGISTICS.search(span)]


def _strip(item: str) -> list[str]:
    """The item and its successively stripped forms, least stripped first."""
    cues = _cues()
    forms = [item]
    while True:
        last = forms[-1]
        for pattern in (cues["suffix"], cues["prefix"]):
            new = pattern.sub("", forms[-1], count=1).strip(" .,'\"")
            if new and new != forms[-1]:
                forms.append(new)
        if forms[-1] == last:
            return forms


_SEPARATOR = re.compile(r"\b(?:and|or|nor|plus)\b|(?<!-)\b(?:in|on|with|using|via|within|under)\b|[&+,]")


def _protect(span: str, lex: Lexicon) -> str:
    """Join lexicon phrases that contain a separator ("data structures and algorithms")."""
    words = span.split()
    for n in range(min(_MAX_NGRAM, len(words)), 2, -1):
        for i in range(len(words) - n + 1):
            gram = " ".join(words[i:i + n])
            if _SEPARATOR.search(gram) and _norm(gram) in lex.exact:
                span = span.replace(gram, gram.replace(" ", "_"))
    return span


def _items(span: str, lex: Lexicon) -> list[str]:
    cues = _cues()
    parts = cues["split"].split(_protect(span, lex))
    items = []
    for part in parts:
        part = part.replace("_", " ").strip(" .,'\"")
        if "/" in part and _norm(part) not in lex.exact and not cues["prefix"].match(part):
            subs = [p.strip() for p in part.split("/")]
            if all(canonicalize(p) for p in subs):
                items.extend(subs)
                continue
        if part:
            items.append(part)
    return items


def _is_domain(key: str) -> bool:
    """An industry or setting: "healthcare", "the retail industry", "consumer fintech" (not "enterprise integration")."""
    cues = _cues()
    if key in cues["domain"] or cues["domain_suffix"].search(key):
        return True
    return any(re.search(rf"\b{re.escape(d)}$", key) for d in cues["domain"] if d in key)


def _looks_like_skill(form: str) -> bool:
    """An item the lexicon lacks is kept only if it reads like a short skill name."""
    words = form.split()
    if not 1 <= len(words) <= 4 or not re.search(r"[a-z]", form) or _NOT_SKILL_WORD.search(form):
        return False
    if re.match(r"[a-z]+ing\b", form):  # "securing workloads": an activity, not a named skill
        return False
    generic = _cues()["generic"]
    return form not in generic and not any(w in generic for w in words)


def _resolve(item: str, lex: Lexicon, strict: bool = False) -> tuple[str, str, str | None, str | None] | None:
    """(surface, canonical, group, source_id) for one span item, or None (strict: lexicon hits only)."""
    if _PLACEHOLDER.search(item) or _ELIGIBILITY_ITEM.search(item):
        return None
    forms = _strip(_norm(item))
    final = forms[-1]
    if not final or _is_domain(final) or final in _cues()["generic"]:
        return None
    if forms[0].startswith("our ") and not any(canonicalize(f) for f in forms[1:]):
        return None  # "our current campaigns": the employer's own things
    if re.search(r"\d+\s*\+?\s*(?:years?|yrs)\b", final):
        return None
    for form in forms:
        hit = canonicalize(form)
        if (hit and hit[0] not in _cues()["generic"] and not _is_domain(hit[0])
                and hit[0].split()[-1] not in _ASSESSMENT):
            return form, hit[0], hit[1], hit[2]
    return (final, final, None, None) if not strict and _looks_like_skill(final) else None


def _surface(sentence: str, form: str) -> str:
    """The form as written in the sentence (original case), else the form."""
    m = re.search(re.escape(form).replace(r"\ ", r"\s+"), sentence, re.I)
    return m.group(0) if m else form


def find_skill_gaps(sentences: list[str]) -> list[SkillGap]:
    """Skills the sentences state as gaps; deduped by canonical name, in order of appearance."""
    lex = load_lexicon()
    seen: set[str] = set()
    gaps: list[SkillGap] = []
    for raw in sentences:
        sentence = raw.translate(_QUOTES)
        spans = _spans(sentence)
        praised = set()
        if spans:
            for m in _PRAISE.finditer(sentence):
                hit = canonicalize(m["skill"])
                if hit:
                    praised.add(hit[0])
        for span, strict in spans:
            for item in _items(span, lex):
                found = _resolve(item, lex, strict)
                if not found or found[1] in seen or found[1] in praised:
                    continue
                seen.add(found[1])
                gaps.append(SkillGap(text=_surface(raw, found[0]), canonical=found[1],
                                     evidence=raw.strip(), group=found[2], source_id=found[3]))
    return gaps


# --- skills named inside a sentence the reason model reads as a skills gap ---
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9+#./'-]*[A-Za-z0-9+#]|[A-Za-z0-9]")
_PRAISE_WORD = re.compile(r"\b(?:excellent|impressive|impressed|strong|great|solid|good|liked|enjoyed|well|praised|"
                     r"confident)\b", re.I)
NAMED_GROUPS = frozenset({"tool", "language", "certification"})


def _named(sentence: str, lex: Lexicon) -> list[tuple[str, str, str, str]]:
    """Longest lexicon matches of tools, languages and certifications, left to right."""
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(sentence)]
    found, i = [], 0
    while i < len(spans):
        for n in range(min(5, len(spans) - i), 0, -1):
            surface = sentence[spans[i][0]:spans[i + n - 1][1]]
            entry = lex.exact.get(surface.lower())
            if entry and entry[1] in NAMED_GROUPS and (n > 1 or entry[2] == ALIAS_SOURCE or surface[0].isupper()):
                found.append((surface, *entry))
                i += n
                break
        else:
            i += 1
    return found


def skills_named_in(sentences: list[str]) -> list[SkillGap]:
    """Tools, languages and certifications named in gap sentences without praise.

    Used on the sentences the reason model gives as `skills_gap` evidence, to
    catch skills that no cue pattern frames ("the role is mostly Go and Kafka").
    On the hand-written train and dev rejections this raised skill-gap recall
    from 0.51 to 0.57 at the same precision (0.77).
    """
    lex = load_lexicon()
    gaps = []
    for sentence in sentences:
        if _PRAISE_WORD.search(sentence):
            continue
        gaps += [SkillGap(surface, canonical, sentence, group, source)
                 for surface, canonical, group, source in _named(sentence, lex)]
    return gaps
