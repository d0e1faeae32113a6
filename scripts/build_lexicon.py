"""Build nextround's skill lexicon: src/nextround/resources/skills.tsv.

Sources (offline, under --data, default /work/shared/data/skills):
  * ESCO v1.1.1: the digital, language and transversal collections in full,
    plus skills_en.csv concepts of reuse level cross-sector or sector-specific
    (or of type knowledge) whose labels are short noun phrases (<= 4 words);
  * O*NET 29.3 technology_skills.tsv: every distinct `Example`, with vendor
    prefixes and "software" suffixes simplified ("IBM Terraform" -> terraform);
  * src/nextround/resources/skill_aliases.toml: nextround's own alias table.

Output: one row per surface form, `surface<TAB>canonical<TAB>group<TAB>source_id`,
sorted, deterministic (same inputs give byte-identical output). When two
sources claim one surface form, the alias table wins, then preferred labels
and O*NET names, then derived aliases, then ESCO alternative labels.

Usage: python scripts/build_lexicon.py [--data DIR] [--out PATH]
"""
from __future__ import annotations

import argparse
import csv
import gzip
import re
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "src" / "nextround" / "resources"
DEFAULT_DATA = Path("/work/shared/data/skills")
ESCO = "esco-v1.1.1"
ONET = "onet-29.3"
MAX_BYTES = 5_000_000

# Priority of a claim on a surface form (lower wins).
P_ALIAS, P_PREFERRED, P_DERIVED, P_ALT = 0, 1, 2, 3

# O*NET vendor prefixes dropped to make the common name ("Microsoft Excel" -> "excel").
VENDORS = (
    "The MathWorks", "Microsoft", "IBM", "Oracle", "Google", "Apple", "Adobe", "Amazon",
    "Apache", "Atlassian", "Autodesk", "Intuit", "Dassault Systemes", "SAP", "Cisco",
    "Red Hat", "Salesforce", "Bentley", "Trimble", "Mozilla", "ESRI", "Eclipse", "Hashicorp",
    "Amazon Web Services AWS", "Amazon Web Services", "Atlassian", "Meta", "Facebook", "Unity",
)
# Simplified names too generic to stand alone: keep the vendor for these.
GENERIC_SHORT = {
    "project", "word", "teams", "access", "edge", "dynamics", "office", "sheets", "docs",
    "analytics", "windows", "windows server", "outlook", "forms", "drive", "calendar",
    "sites", "cloud", "maps", "search", "slides", "keep", "photos", "mail", "notes",
    "publisher", "paint", "money", "works", "visual studio code", "site", "database",
    "server", "store", "pages", "numbers", "keynote", "connect", "classroom", "meet",
    "chat", "bridge", "premiere", "go", "c", "r", "sql", "data", "workspace", "hub",
    "ats", "ice", "crm", "erp", "pos", "cad", "cam", "gis",
}
# ESCO labels and alternative labels never used as surface forms (too ambiguous).
STOP_SURFACES = {
    "plan", "mocha", "learning", "english", "design", "management", "it", "ict", "data",
    "computer", "computing", "software", "systems", "network", "research", "analysis",
    "service", "services", "marketing", "sales", "support", "operations", "ml",
}
ARTICLES = {"a", "an", "the"}


def norm(text: str) -> str:
    """Lower-case, trim, collapse whitespace and drop a parenthetical qualifier."""
    text = re.sub(r"\s*\((?:[^)]*)\)\s*$", "", text.strip())
    return re.sub(r"\s+", " ", text).strip().lower()


class Lexicon:
    def __init__(self) -> None:
        self.rows: dict[str, tuple[int, str, str, str, str]] = {}

    def add(self, surface: str, canonical: str, group: str, source: str, prio: int) -> None:
        surface, canonical = norm(surface), norm(canonical)
        if not surface or not canonical or "\t" in surface + canonical + source:
            return
        if len(surface) < 2 and prio != P_ALIAS:
            return
        if surface in STOP_SURFACES and prio != P_ALIAS:
            return
        claim = (prio, source, canonical, group, surface)
        old = self.rows.get(surface)
        if old is None or claim < old:
            self.rows[surface] = claim

    def lines(self) -> list[str]:
        return sorted(f"{s}\t{c[2]}\t{c[3]}\t{c[1]}" for s, c in self.rows.items())


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def split_labels(cell: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n| \| ", cell) if p.strip()]


def digital_group(row: dict[str, str]) -> str:
    broader = row.get("broaderConceptPT", "").lower()
    if "methodolog" in broader or "project management" in broader:
        return "method"
    if row.get("skillType") == "knowledge" and re.search(
        r"programming|query languages|web programming|software and applications", broader
    ):
        return "technical"
    if row.get("skillType") == "knowledge" and re.search(r"tool|software|systems|database", broader):
        return "tool"
    return "technical"


def add_esco(lex: Lexicon, data: Path) -> Counter:
    counts: Counter = Counter()
    esco = data / ESCO
    seen: set[str] = set()
    # Language collection: knowledge concepts are the languages themselves; the
    # skill concepts ("write Hungarian") map onto their language.
    lang_rows = read_csv(esco / "languageSkillsCollection_en.csv")
    languages = {r["conceptUri"]: norm(r["preferredLabel"]) for r in lang_rows if r["skillType"] == "knowledge"}
    by_name = {v: k for k, v in languages.items()}
    for r in lang_rows:
        seen.add(r["conceptUri"])
        if r["skillType"] == "knowledge":
            canon, uri = norm(r["preferredLabel"]), r["conceptUri"]
        else:
            parent = norm(r.get("broaderConceptPT", "").split(" | ")[0])
            if parent not in by_name:
                continue
            canon, uri = parent, by_name[parent]
        lex.add(canon, canon, "language", uri, P_PREFERRED)
        for alt in split_labels(r["altLabels"]) + [r["preferredLabel"]]:
            lex.add(alt, canon, "language", uri, P_ALT)
        counts["esco-language"] += 1
    for name, group_of in (
        ("digitalSkillsCollection_en.csv", digital_group),
        ("transversalSkillsCollection_en.csv", lambda r: "soft"),
    ):
        for r in read_csv(esco / name):
            if not r["conceptUri"] or r["conceptUri"] in seen:
                continue
            seen.add(r["conceptUri"])
            group, canon = group_of(r), norm(r["preferredLabel"])
            lex.add(canon, canon, group, r["conceptUri"], P_PREFERRED)
            for alt in split_labels(r["altLabels"]):
                lex.add(alt, canon, group, r["conceptUri"], P_ALT)
            counts["esco-" + name.split("Skills")[0]] += 1
    # Remaining ESCO concepts: short noun phrases only. Skill/competence labels
    # usually start with a verb ("manage musical staff"); a word that starts
    # many skill/competence labels is taken to be a verb.
    rows = read_csv(esco / "skills_en.csv")
    starts = Counter(norm(r["preferredLabel"]).split(" ")[0] for r in rows if r["skillType"] == "skill/competence")
    verbs = {w for w, n in starts.items() if n >= 2}

    def noun_phrase(label: str) -> bool:
        words = label.split(" ")
        return 0 < len(words) <= 4 and words[0] not in verbs and not re.search(r"[,;:/]", label)

    for r in rows:
        if r["conceptUri"] in seen or r["status"] != "released":
            continue
        if r["reuseLevel"] not in ("cross-sector", "sector-specific") and r["skillType"] != "knowledge":
            continue
        canon = norm(r["preferredLabel"])
        if not noun_phrase(canon):
            continue
        group = "domain" if r["skillType"] == "knowledge" else "method"
        lex.add(canon, canon, group, r["conceptUri"], P_PREFERRED)
        for alt in split_labels(r["altLabels"]):
            if noun_phrase(norm(alt)):
                lex.add(alt, canon, group, r["conceptUri"], P_ALT)
        counts["esco-skills-short"] += 1
    return counts


def simplify_onet(name: str) -> tuple[str, list[str]]:
    """'Microsoft Excel' -> ('excel', ['microsoft excel']); 'Structured query language SQL' -> ('sql', [...])."""
    full = re.sub(r"\s+software$", "", name.strip(), flags=re.I)
    aliases = [name, full]
    stripped = full
    for vendor in sorted(VENDORS, key=len, reverse=True):
        if stripped.lower().startswith(vendor.lower() + " "):
            stripped = stripped[len(vendor) + 1:]
            break
    words = stripped.split(" ")
    # Trailing acronym that abbreviates the words before it: "Cascading style sheets CSS".
    if len(words) >= 3 and re.fullmatch(r"[A-Z][A-Z0-9#+.]{1,6}", words[-1]):
        acro, joined = words[-1].lower(), "".join(words[:-1]).lower()
        it = iter(joined)
        if joined[:1] == acro[:1] and all(ch in it for ch in acro) and len(words) - 1 <= len(acro) + 1:
            expanded = " ".join(words[:-1])
            aliases += [expanded]
            stripped = words[-1]
    canon = stripped if stripped.lower() not in GENERIC_SHORT else full
    if canon.lower() != full.lower() and stripped.lower() not in GENERIC_SHORT:
        aliases.append(stripped)
    return canon, aliases


def onet_group(commodity: str) -> str:
    c = commodity.lower()
    if re.search(r"object or component oriented|development environment|programming|compiler|web platform", c):
        return "technical"
    return "tool"


def add_onet(lex: Lexicon, data: Path) -> Counter:
    counts: Counter = Counter()
    path = data / ONET / "technology_skills.tsv"
    first: dict[str, tuple[str, str, bool]] = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            ex, hot = row["Example"].strip(), row["Hot Technology"] == "Y"
            prev = first.get(ex)
            if prev is None or (row["Commodity Code"], row["Commodity Title"]) < prev[:2]:
                first[ex] = (row["Commodity Code"], row["Commodity Title"], hot or (prev or ("", "", False))[2])
            elif hot:
                first[ex] = (prev[0], prev[1], True)
    for ex in sorted(first):
        code, title, hot = first[ex]
        canon, aliases = simplify_onet(ex)
        group = onet_group(title)
        source = f"onet:{code}:{ex}"
        lex.add(canon, canon, group, source, P_PREFERRED if hot else P_DERIVED)
        for alias in aliases:
            lex.add(alias, canon, group, source, P_DERIVED)
        counts["onet-hot" if hot else "onet"] += 1
    return counts


def add_aliases(lex: Lexicon, path: Path) -> Counter:
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    for canon, entry in table.items():
        for surface in [canon, *entry.get("aliases", [])]:
            lex.add(surface, canon, entry["group"], "nextround:alias", P_ALIAS)
    return Counter({"nextround-alias": len(table)})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=RESOURCES / "skills.tsv")
    args = ap.parse_args(argv)
    start = time.perf_counter()
    lex = Lexicon()
    counts = add_aliases(lex, RESOURCES / "skill_aliases.toml")
    counts += add_onet(lex, args.data)
    counts += add_esco(lex, args.data)
    body = "\n".join(lex.lines()) + "\n"
    header = (
        "# nextround skill lexicon: surface, canonical, group, source_id. Generated by\n"
        "# scripts/build_lexicon.py; do not edit (edit skill_aliases.toml). Sources and\n"
        "# attribution: SKILLS_SOURCES.md (ESCO v1.1.1, O*NET 29.3 data, nextround aliases).\n"
        "surface\tcanonical\tgroup\tsource_id\n"
    )
    data = (header + body).encode("utf-8")
    out = args.out
    if len(data) > MAX_BYTES:
        out = out.with_suffix(".tsv.gz")
        data = gzip.compress(data, compresslevel=9, mtime=0)
    out.write_bytes(data)
    canon_groups = Counter()
    for canon, group in {(c[2], c[3]) for c in lex.rows.values()}:
        canon_groups[group] += 1
    print(f"wrote {out} ({len(data):,} bytes, {len(lex.rows):,} surface forms) "
          f"in {time.perf_counter() - start:.1f}s", file=sys.stderr)
    print("sources: " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())), file=sys.stderr)
    print("canonical skills per group: " + ", ".join(f"{k}={v}" for k, v in sorted(canon_groups.items())),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
