"""Build src/nextround/resources/role_heads.txt: head nouns of job titles.

The last word of each O*NET alternate/short title and each ESCO occupation
label (preferred and alternative) is counted; words seen at least MIN_COUNT
times are kept, minus words that name things rather than people, plus a few
heads common in UK/EU job mail. extract.role() accepts a title only when its
last word (or its singular) is in this list.

Usage: python scripts/build_role_heads.py [SKILLS_DIR]
(SKILLS_DIR defaults to /work/shared/data/skills.)
"""
from __future__ import annotations

import collections
import csv
import re
import sys
from pathlib import Path

MIN_COUNT = 3
OUT = Path(__file__).resolve().parents[1] / "src" / "nextround" / "resources" / "role_heads.txt"
EXCLUDE = set("""
equipment products goods machinery school materials systems software science education studies medicine
operations engineering parts supplies tools aircraft footwear appliances beverages animals plants feeds
vegetables oils ores scrap jewellery spices molluscs furniture confectionery glassware cosmetics managers
technicians engineers services service care health office department team group company business data
sales marketing finance support production management research development design quality safety
security network information training maintenance construction customer public general senior junior
in on off out up his boy co dr est law rat aid hop pi ob oes cop gyn csi eo rep
chemistry nursing psychology biology physics mathematics economics history geography medicine
hand person man former marker folder closer drawer taker monitor model server guide tier mate op hooker anchor liner boss
""".split())
EXTRA = set("""
intern internship apprentice apprenticeship trainee graduate programme program scheme lead head owner
master crew constable nanny barista bookkeeper contract studentship phd fellow fellowship partie staff
generalist writer dev devrel gp rn hca lecturer professor postdoc associate partner principal manager
engineer analyst developer designer scientist nurse officer assistant specialist coordinator director
consultant operative technician administrator advisor adviser agent representative recruiter labourer
driver chef cook baker brewer bookseller lifeguard tutor teacher translator copywriter strategist
researcher modeller modeler illustrator architect surveyor solicitor paralegal accountant auditor
controller planner buyer merchandiser receptionist handler mechanic machinist programmer tester
practitioner psychologist pharmacist worker carer volunteer leader supervisor executive president vp
cfo ceo cto coo secretary clerk editor producer photographer retoucher artist animator
""".split())


def last_word(title: str) -> str | None:
    words = re.findall(r"[A-Za-z]+", re.sub(r"\(.*?\)", " ", title))
    return words[-1].lower() if words else None


def main(root: str = "/work/shared/data/skills") -> None:
    base = Path(root)
    counts: collections.Counter[str] = collections.Counter()
    with open(base / "onet-29.3" / "alternate_titles.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            for title in (row.get("Alternate Title", ""), row.get("Short Title", "")):
                word = last_word(title)
                if word:
                    counts[word] += 1
    with open(base / "esco-v1.1.1" / "occupations_en.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for title in [row["preferredLabel"], *row["altLabels"].split("\n")]:
                word = last_word(title)
                if word:
                    counts[word] += 1
    heads = {w for w, n in counts.items() if n >= MIN_COUNT and len(w) > 1} - EXCLUDE | EXTRA
    OUT.write_text("# Head nouns of job titles, from O*NET 29.3 and ESCO v1.1.1 titles (see scripts/build_role_heads.py)\n"
                   + "\n".join(sorted(heads)) + "\n", encoding="utf-8")
    print(f"{len(heads)} heads -> {OUT}")


if __name__ == "__main__":
    main(*sys.argv[1:])
