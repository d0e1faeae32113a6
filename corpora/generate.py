"""Compose annotated synthetic messages from the sentence banks in corpora/banks/.

    .venv/bin/python corpora/generate.py            # writes corpora/annotated/generated.jsonl

Deterministic (fixed seed). Labels follow ../shared/taxonomy.md (v1.1): every stated
reason's evidence is the bank sentence that was inserted for it, skill gaps are the
surface forms inserted into gap cues, and distractor skills (praised or mentioned)
are never gaps. Forwarded/quoted older mail is appended below the newest message;
labels describe the newest message only.
"""
from __future__ import annotations

import collections
import html
import json
import re
import random
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
BANKS = HERE / "banks"
OUT = HERE / "annotated" / "generated.jsonl"
SEED = 20250302

TARGETS = {"rejection": 2800, "application_received": 880, "interview_invitation": 880,
           "assessment_invitation": 860, "offer": 860, "recruiter_outreach": 860, "job_alert": 850,
           "other": 1000}
STAGE_ORDER = ["application", "screen", "assessment", "interview", "final"]
ALL_STAGES = set(STAGE_ORDER)


def load(name: str) -> dict:
    with open(BANKS / f"{name}.toml", "rb") as fh:
        return tomllib.load(fh)


SK = load("skills")
RJ = load("rejection")
NM = load("names")
NR = load("nonrejection")
OT = load("other")

SKILLS = {g: [(canon, aliases) for canon, aliases in items.items()] for g, items in SK.items()}
_TECH = {c: a for g, items in SK.items() if g != "sector_pools" for c, a in items.items()}
SECTOR_POOLS = {sec: [(c, _TECH[c]) for c in canons] for sec, canons in SK.pop("sector_pools").items()}
SKILLS.pop("sector_pools")
SLOT = re.compile(r"\{(\w+)\}")


def fill(template: str, ctx: dict) -> str:
    def rep(m):
        key = m.group(1)
        if key not in ctx:
            raise KeyError(f"slot {key!r} in {template!r}")
        return str(ctx[key])
    return SLOT.sub(rep, template)


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", s.lower())[:18] or "mail"


class Gen:
    def __init__(self, seed: int):
        self.r = random.Random(seed)
        self.dates = self._dates()

    # ------------------------------------------------------------ basics
    def pick(self, seq):
        return self.r.choice(seq)

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def _dates(self):
        days = ["Mon", "Tue", "Wed", "Thu", "Fri"]
        months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return days, months

    def date(self, long=False):
        days, months = self.dates
        d, m = self.r.randint(1, 28), self.pick(months)
        if long:
            return f"{self.pick(days)}, {d} {m} 2025"
        return self.pick([f"{d} {m}", f"{m} {d}", f"{self.pick(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])} {d} {m}"])

    def person(self):
        return self.pick(NM["first_names"]), self.pick(NM["last_names"])

    # ------------------------------------------------------------ context
    def context(self, voice: str = "", sector: str | None = None, role_null_p=0.0, company_mode=None) -> dict:
        r = self.r
        if voice == "public_sector":
            sector, company = "public", self.pick(NM["orgs"]["public_bodies"])
        elif voice == "university":
            sector, company = "university", self.pick(NM["orgs"]["universities"])
        else:
            sectors = list(NM["company_suffix"])
            sector = sector or self.r.choices(sectors, [12 if x == "tech" else 2 for x in sectors])[0]
            company = f"{self.pick(NM['company_stems'])} {self.pick(NM['company_suffix'][sector])}"
        title = self.pick(NM["roles"][sector])
        mode = company_mode or ("name" if r.random() < 0.85 else self.pick(["placeholder", "absent"]))
        if voice == "agency" and mode == "placeholder":
            mode = "absent"
        name, last = self.person()
        rec_first, rec_last = self.person()
        domain = slug(company) + self.pick([".com", ".co.uk", ".org", ".io", ".example"])
        if mode == "name":
            comp_text, comp_value, comp_sig = company, company, company
        elif mode == "placeholder":
            comp_text = self.pick(["[Company Name]", "[Company]", "COMPANY_NAME"])
            comp_value, comp_sig = None, comp_text
        else:
            comp_text = self.pick(["my client", "the client"] if voice == "agency" else ["our company", "our organisation", "the company"])
            comp_value, comp_sig = None, None
            domain = self.pick(NM["misc"]["ats_domains"])
        role_mode = "title" if r.random() >= role_null_p else self.pick(["absent", "absent", "placeholder"])
        if role_mode == "title":
            the_role = self.pick([f"the {title} role", f"the {title} position", f"the position of {title}",
                                  f"our {title} opening", f"the {title} vacancy", f"the {title} job"])
            role_value, role_subj = title, title
        elif role_mode == "placeholder":
            ph = self.pick(["[Job Title]", "[Position]", "{{job_title}}"])
            the_role = f"the {ph} position"
            role_value, role_subj = None, ph
        else:
            the_role = self.pick(["the position", "this role", "the vacancy", "the role you applied for", "this opportunity"])
            role_value, role_subj = None, "your application"
        careers = f"{domain}/careers" if mode == "name" else "our careers page"
        ctx = dict(
            company=comp_text, company_value=comp_value, company_sig=comp_sig, company_real=company,
            the_role=the_role, role=title, role_plain=title if role_value else "the advertised post",
            role_value=role_value, role_subj=role_subj, sector=sector,
            name=name, last=last, name_lower=name.lower(), last_lower=slug(last),
            recruiter=f"{rec_first} {rec_last}", recruiter_first=rec_first, recruiter_lower=rec_first.lower(),
            recruiter_email=f"{rec_first.lower()}.{slug(rec_last)}@{domain}",
            interviewer=" ".join(self.person()) if r.random() < 0.6 else self.pick(self.person()),
            domain=domain, careers=careers, industry=self.pick(NM["misc"]["industries"]),
            industry2=self.pick(NM["misc"]["industries"]), years=self.pick([3, 4, 5, 5, 6, 7, 8, 10]),
            city=self.pick(NM["misc"]["cities"]), country=self.pick(NM["misc"]["countries"]),
            salary=self.pick(NM["misc"]["salaries"]), date=self.date(), time=self.pick(["9:30", "10:00", "11:15", "14:00", "15:30", "16:45", "2pm", "10am"]),
            platform=self.pick(["Zoom", "Google Meet", "Microsoft Teams", "phone", "Webex"]),
            link=self.pick(["https://", "https://www."]) + self.pick(["assess.example/", "book.example/", "portal.example/", "meet.example/"]) + "".join(self.pick("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(8)),
            deadline=self.date(), days=self.pick([2, 3, 5, 7, 10]), start_date=self.date(),
            ref=f"{self.pick(['REQ', 'JR', 'VAC', 'R', 'HR'])}-{r.randint(1000, 99999)}",
            other_role=self.pick(NM["roles"][sector]), team=self.pick(["platform", "data", "growth", "operations", "finance"]),
            n=r.randint(2, 40),
            test=self.pick(["coding challenge", "take-home assignment", "technical test", "coding test"] if sector == "tech"
                           else ["case study", "written exercise", "online assessment", "take-home task", "work sample test"]),
        )
        ctx["greeting"] = fill(self.pick(NM["misc"]["greetings"]), ctx)
        ctx["signoff"] = self.pick(NM["misc"]["signoffs"])
        return ctx

    # ------------------------------------------------------------ skills
    def skill(self, group: str, exclude: set, sector: str = "tech"):
        pool = SKILLS[group]
        if group == "tech" and sector in SECTOR_POOLS and self.chance(0.8):
            pool = SECTOR_POOLS[sector]
        for _ in range(50):
            canon, aliases = self.pick(pool)
            if canon not in exclude:
                exclude.add(canon)
                return canon, self.pick(aliases)
        raise RuntimeError("skill pool exhausted")

    # ------------------------------------------------------------ formatting
    def signature(self, ctx: dict, voice: str) -> list[str]:
        if voice == "ats":
            team = self.pick(NM["misc"]["team_signatures"])
            if ctx["company_sig"] is None:
                team = self.pick(["The Recruiting Team", "Talent Acquisition", "Human Resources"])
            return [ctx["signoff"], fill(team, {"company": ctx["company_sig"] or ""})]
        lines = [ctx["signoff"], ctx["recruiter"] if self.chance(0.7) else ctx["recruiter_first"]]
        if self.chance(0.6):
            title = self.pick(NM["misc"]["recruiter_titles"])
            org = ctx["agency"] if voice == "agency" else (ctx["company_sig"] or "")
            lines.append(f"{title}, {org}" if org and self.chance(0.8) else title)
        return lines

    def sender(self, ctx: dict, voice: str) -> str:
        if voice == "ats":
            disp = f"{ctx['company_sig']} Careers" if ctx["company_value"] else "Careers"
            return self.pick([f"{disp} <no-reply@{ctx['domain']}>",
                              f"{disp} <no-reply@{self.pick(NM['misc']['ats_domains'])}>",
                              f"no-reply@{ctx['domain']}"])
        if voice == "agency":
            return f"{ctx['recruiter']} <{ctx['recruiter_lower']}@{slug(ctx['agency'])}.example>"
        if ctx["company_value"] is None:
            return self.pick([f"{ctx['recruiter']} <{ctx['recruiter_email']}>", "Recruitment <jobs@hiring-mail.example>", ""])
        return self.pick([f"{ctx['recruiter']} <{ctx['recruiter_email']}>", f"{ctx['company_sig']} Recruiting <careers@{ctx['domain']}>",
                          f"{ctx['recruiter_email']}", f"{ctx['recruiter']} ({ctx['company_sig']}) <{ctx['recruiter_email']}>"])

    @staticmethod
    def plain(paras: list[list[str]]) -> str:
        # each para is a list of "units"; a unit starting with "\n" goes on its own line
        out = []
        for para in paras:
            buf = ""
            for unit in para:
                if unit.startswith("\n"):
                    buf += ("\n" if buf else "") + unit[1:]
                else:
                    buf += (" " if buf and not buf.endswith("\n") else "") + unit
            out.append(buf)
        return "\n\n".join(p for p in out if p)

    def to_html(self, text: str) -> str:
        paras = text.split("\n\n")
        style = self.pick(["body{font-family:Arial,sans-serif;font-size:14px;color:#333}",
                           ".wrap{max-width:600px;margin:0 auto} p{line-height:1.5}",
                           "td{padding:12px} .footer{color:#999;font-size:11px}"])
        body = "\n".join("<p>" + "<br>\n".join(html.escape(l, quote=False) for l in p.split("\n")) + "</p>" for p in paras)
        if self.chance(0.5):
            body = f'<table class="wrap" width="600" cellpadding="0" cellspacing="0"><tr><td>\n{body}\n</td></tr></table>'
        else:
            body = f'<div class="wrap">\n{body}\n</div>'
        foot = self.pick(["", '<p class="footer">You received this email because you applied through our careers site.</p>',
                          '<table class="footer"><tr><td>Privacy policy</td><td>Unsubscribe</td></tr></table>'])
        return (f'<html><head><meta charset="utf-8"><style>{style}</style></head>'
                f"<body>\n{body}\n{foot}\n</body></html>")

    def wrap_older(self, text: str, older: str, ctx: dict, how: str, by_candidate: bool = False) -> str:
        cand = f"{ctx['name']} {ctx['last']} <{ctx['name_lower']}@mailbox.example>"
        recr = f"{ctx['recruiter']} <{ctx['recruiter_email']}>"
        who, to = (cand, recr) if by_candidate else (recr, cand)
        if how == "forwarded":
            subj = "Application status" if by_candidate else self.pick(['Re: your application', 'Next steps', 'Your application', 'Interview'])
            return (f"{text}\n\n---------- Forwarded message ---------\nFrom: {who}\nDate: {self.date(True)}\n"
                    f"Subject: {subj}\nTo: {to}\n\n{older}")
        quoted = "\n".join("> " + l if l else ">" for l in older.split("\n"))
        return f"{text}\n\nOn {self.date(True)} at {self.pick(['09:12', '10:41', '14:03', '16:27', '18:55'])}, {who} wrote:\n{quoted}"

    def older_message(self, ctx: dict, kinds=None) -> tuple[str, bool]:
        kinds = kinds or ["follow_up", "application_received", "interview_invitation", "assessment_invitation"]
        if ctx["role_value"] is None:
            kinds = ["follow_up"]
        kind = self.pick(kinds)
        if kind == "follow_up":
            body = self.pick(next(k for k in OT["kind"] if k["name"] == "candidate_reply")["bodies"][2:])
            return fill(body, ctx), True
        if kind == "rejection":
            rec = self.rejection(seed_ctx=ctx, allow_wrap=False)
            return rec["text"], False
        return self.job_message(kind, ctx=ctx, allow_wrap=False)["text"], False

    def subject(self, bank: list[str], ctx: dict) -> str:
        if ctx["company_value"] is None:
            bank = [b for b in bank if "{company}" not in b] or bank
        if ctx["role_value"] is None:
            bank = [b for b in bank if "{role}" not in b] or bank
        if ctx["role_value"] and self.chance(0.4):
            bank = [b for b in bank if "{role" in b] or bank
        return fill(self.pick(bank), ctx)

    # ------------------------------------------------------------ records
    def record(self, *, subject, sender, text, fmt, category, voice, ctx=None, reasons=(), evidence=None,
               skill_gaps=(), stage="unknown", reapply=None, future=False, feedback=False, newest=None,
               job=True, notes=None) -> dict:
        newest = newest if newest is not None else text
        hay = subject + " " + newest
        company = role = None
        if ctx and job:
            if ctx["company_value"] and ctx["company_value"] in hay:
                company = ctx["company_value"]
            if ctx["role_value"] and ctx["role_value"] in hay:
                role = ctx["role_value"]
        if fmt == "html":
            text = self.to_html(text)
        rec = dict(id="", subject=subject, sender=sender, text=text, format=fmt, category=category,
                   is_rejection=category == "rejection", reasons=list(reasons), evidence=evidence or {},
                   skill_gaps=list(skill_gaps), stage=stage, reapply_after_months=reapply,
                   future_opportunities=future, feedback_available=feedback, company=company, role=role,
                   voice=voice, author="generator", split="")
        if notes:
            rec["notes"] = notes
        return rec

    # ------------------------------------------------------------ rejection
    REASON_WEIGHTS = {"skills_gap": 3.8, "experience_fit": 1.2, "interview_performance": 1.0,
                      "assessment_result": 1.0, "culture_fit": 0.9, "position_filled": 1.0, "role_change": 0.9,
                      "compensation": 0.9, "logistics": 1.0, "eligibility": 1.0}

    def choose_reasons(self) -> list[str]:
        k = self.r.choices([1, 2, 3], [0.42, 0.35, 0.23])[0]
        labels, weights = list(self.REASON_WEIGHTS), list(self.REASON_WEIGHTS.values())
        out = []
        while len(out) < k:
            lab = self.r.choices(labels, weights)[0]
            if lab in out:
                continue
            if {lab, *out} >= {"position_filled", "role_change"}:
                continue
            out.append(lab)
        return out

    def reason_groups(self, label):
        return [g for g in RJ["reasons"] if g["label"] == label]

    def gap_sentence(self, ctx: dict, used: set, voice: str):
        """Return (sentence, [gaps], notes)."""
        kind = self.r.choices(["tech1", "tech2", "tech3", "cert", "spoken1", "spoken2", "soft", "none", "comm", "placeholder"],
                              [38, 18, 9, 9, 8, 2, 7, 5, 3, 1 if voice != "ats" else 12])[0]
        if kind == "comm":
            sent, surf, canon = self.pick(RJ["gap_extras"]["comm_skill"])
            used.add(canon)
            return sent, [{"text": surf, "canonical": canon}], None
        if kind == "placeholder":
            return self.pick(RJ["gap_extras"]["placeholder_gaps"]), [], "placeholder skill names nothing: skills_gap without a skill"
        group, n = {"tech1": ("tech", 1), "tech2": ("tech", 2), "tech3": ("tech", 3), "cert": ("certification", 1),
                    "spoken1": ("spoken", 1), "spoken2": ("spoken", 2), "soft": ("soft", 1), "none": ("none", 0)}[kind]
        bank = next(g for g in RJ["gaps"] if g["group"] == group and g["n"] == n)
        tmpl = self.pick(bank["sentences"])
        gaps, slots = [], {}
        for i in range(1, n + 1):
            canon, surf = self.skill(group, used, ctx["sector"])
            slots[f"s{i}"] = surf
            gaps.append({"text": surf, "canonical": canon})
        return fill(tmpl, {**ctx, **slots}), gaps, None

    def rejection(self, seed_ctx: dict | None = None, allow_wrap=True) -> dict:
        r = self.r
        voice = self.r.choices(
            ["ats", "agency", "small_firm", "startup", "enterprise", "public_sector", "university", "terse",
             "long", "feedback_note", "non_native", "forwarded", "quoted"],
            [16, 9, 9, 8, 9, 7, 6, 8, 7, 14, 6, 5, 5])[0]
        if not allow_wrap and voice in ("forwarded", "quoted"):
            voice = "enterprise"
        ctx = seed_ctx or self.context(voice, role_null_p=0.12 if voice != "ats" else 0.2,
                                       company_mode=None if voice in ("ats", "agency", "terse", "non_native") else "name")
        ctx = dict(ctx)
        ctx["agency"] = self.pick(NM["orgs"]["agencies"])
        vb = RJ["voice"].get(voice, {})
        no_reason = self.chance(0.21)
        labels = [] if no_reason else self.choose_reasons()
        if voice == "terse" and len(labels) > 1:
            labels = labels[:1]
        # groups and stage
        for _ in range(20):
            groups = {lab: self.pick(self.reason_groups(lab)) for lab in labels if lab != "skills_gap"}
            allowed = set(ALL_STAGES)
            for g in groups.values():
                allowed &= set(g.get("stages", ALL_STAGES))
            if allowed:
                break
            labels = self.choose_reasons()
        else:
            labels = ["culture_fit"]
            groups = {"culture_fit": self.reason_groups("culture_fit")[0]}
            allowed = set(ALL_STAGES)
        implied = [g["implies"] for g in groups.values() if "implies" in g]
        floor = max((STAGE_ORDER.index(s) for s in implied), default=-1)
        allowed = [s for s in STAGE_ORDER if s in allowed and STAGE_ORDER.index(s) >= floor]
        if voice == "feedback_note":
            if set(labels) - {"skills_gap", "interview_performance", "assessment_result", "experience_fit", "culture_fit"} \
                    or not {"interview", "final"} & set(allowed) or not labels:
                voice, vb = "enterprise", {}
            else:
                allowed = [s for s in allowed if s in ("interview", "final")]
        use_lead = self.chance(0.72) or voice == "feedback_note"
        stage_choice = self.pick(allowed)
        if use_lead:
            stage = stage_choice
            lead = fill(self.pick(RJ["stage_leads"][stage]), ctx)
        else:
            stage = STAGE_ORDER[floor] if floor >= 0 else "unknown"
            lead = None

        # reason sentences
        evidence: dict[str, list[str]] = {}
        reason_sents: list[tuple[str, str]] = []   # (label(s), sentence)
        gaps: list[dict] = []
        used: set = set()
        notes = []
        if "skills_gap" in labels and "experience_fit" in labels and self.chance(0.25):
            canon, surf = self.skill("tech", used, ctx["sector"])
            sent = fill(self.pick(RJ["gap_extras"]["mixed_exp_skill"]), ctx | {"s1": surf})
            gaps.append({"text": surf, "canonical": canon})
            evidence["skills_gap"] = [sent]
            evidence["experience_fit"] = [sent]
            reason_sents.append(("mixed", sent))
            notes.append("tool named with 'experience with' is a skill gap; industry background is experience_fit")
        for lab in labels:
            if lab in evidence:
                continue
            if lab == "skills_gap":
                n_sent = 2 if self.chance(0.2) and voice not in ("terse",) else 1
                for _ in range(n_sent):
                    sent, g, note = self.gap_sentence(ctx, used, voice)
                    if note:
                        notes.append(note)
                    gaps.extend(g)
                    evidence.setdefault(lab, []).append(sent)
                    reason_sents.append((lab, sent))
            else:
                sent = fill(self.pick(groups[lab]["sentences"]), ctx)
                evidence[lab] = [sent]
                reason_sents.append((lab, sent))
        r.shuffle(reason_sents)

        # distractors
        distract = None
        if voice != "terse" and (("skills_gap" in labels and self.chance(0.4)) or self.chance(0.1)):
            d1 = self.skill(self.pick(["tech", "tech", "tech", "soft"]), used, ctx["sector"])[1]
            d2 = self.skill("tech", used, ctx["sector"])[1]
            distract = fill(self.pick(RJ["gap_extras"]["distractors"]), ctx | {"d1": d1, "d2": d2})

        # decision
        neutral_only = "role_change" in labels or voice in ("agency", "non_native", "public_sector", "university")
        if no_reason or (not neutral_only and self.chance(0.25)):
            clause = fill(self.pick(RJ["decision"]["generic_decisions"]), ctx)
        else:
            own = vb.get("decisions") if voice in ("agency", "non_native", "public_sector", "university") else None
            clause = fill(self.pick(own or RJ["decision"]["decisions"]), ctx)
        if lead:
            decision = f"{lead}, {clause}."
        else:
            decision = self.pick(RJ["decision"]["no_lead_prefix"]) + clause + "."
        no_lead_stage = STAGE_ORDER[floor] if floor >= 0 else "unknown"

        # fields
        reapply = None
        future = False
        feedback = False
        extras_after = []
        if self.chance(0.45 if voice != "terse" else 0.15):
            if self.chance(0.12) and ctx["role_value"]:
                extras_after.append(fill(self.pick(RJ["fields"]["other_role"]), ctx))
                future = True
            else:
                txt, val = self.pick(RJ["fields"]["future"])
                extras_after.append(fill(txt, ctx))
                future = future or val
        if self.chance(0.22 if voice != "terse" else 0.05):
            txt, val = self.pick(RJ["fields"]["reapply"])
            extras_after.append(txt)
            reapply = val
        if self.chance(0.35 if voice != "terse" else 0.1):
            fb = RJ["fields"]["feedback"]
            if voice == "ats":
                fb = [f for f in fb if "reply" not in f[0].lower() and "call" not in f[0].lower()]
            txt, val = self.pick(fb)
            extras_after.append(fill(txt, ctx))
            feedback = val
        r.shuffle(extras_after)

        # assemble
        greeting = ctx["greeting"]
        paras: list[list[str]] = [[greeting]]
        subj = self.subject(RJ["misc"]["subjects"], ctx)
        if voice == "terse":
            tb = RJ["voice"]["terse"]
            body = []
            if self.chance(0.5):
                body.append(fill(self.pick(tb["openers"]), ctx))
            if self.chance(0.4):
                body.append(decision)
            else:
                body.append(self.pick(tb["generic"]) if no_reason else self.pick(tb["decisions"]))
                stage = no_lead_stage
            body += [s for _, s in reason_sents]
            body += extras_after
            paras = [[greeting], body]
            paras.append([ctx["signoff"], "\n" + ctx["recruiter_first"]])
        elif voice == "feedback_note":
            fb = RJ["voice"]["feedback_note"]
            subj = self.pick([f"Interview feedback - {ctx['role_subj']}", "Feedback from your interviews", subj])
            paras.append([fill(self.pick(fb["intros"]), ctx)])
            strengths = r.sample(fb["praise"], r.randint(1, 2))
            if distract:
                strengths.append(distract)
            paras.append([self.pick(fb["strengths_heads"])] + ["\n- " + s for s in strengths])
            if reason_sents:
                paras.append([self.pick(fb["gaps_heads"])] + ["\n- " + s for _, s in reason_sents])
            paras.append([decision] + extras_after)
            paras.append([fill(self.pick(RJ["fields"]["closings"]), ctx)])
            paras.append(["\n" + l for l in self.signature(ctx, voice)])
            paras[-1][0] = paras[-1][0][1:]
        else:
            if voice in ("agency", "non_native", "public_sector", "university"):
                opener = fill(self.pick(vb["openers"]), ctx)
            else:
                opener = fill(self.pick(RJ["openers"]), ctx)
            if voice == "public_sector" and self.chance(0.5):
                paras.append([f"Re: {ctx['role_plain']} - {ctx['ref']}"])
            paras.append([opener])
            if voice == "agency":
                decision = decision[0].upper() + decision[1:]
            main = [decision]
            if no_reason and (self.chance(0.4) or voice == "long"):
                main.insert(self.pick([0, 1]), self.pick(RJ["decision"]["generic_extras"]))
            reasons_para = [s for _, s in reason_sents]
            if distract:
                reasons_para.insert(0 if self.chance(0.6) else len(reasons_para), distract)
            if reason_sents and self.chance(0.15) and "role_change" not in labels:
                # reasons before the decision
                paras.append(reasons_para)
                paras.append(main)
            elif self.chance(0.5):
                paras.append(main + reasons_para)
            else:
                paras.append(main)
                if reasons_para:
                    paras.append(reasons_para)
            if voice == "long":
                paras.append(r.sample(RJ["misc2"]["long_extras"], 2))
            if extras_after:
                paras.append(extras_after)
            closing_bank = vb.get("closings", RJ["fields"]["closings"])
            if self.chance(0.8):
                paras.append([fill(self.pick(closing_bank), ctx)])
            sig = self.signature(ctx, "agency" if voice == "agency" else ("ats" if voice == "ats" else "x"))
            paras.append([sig[0]] + ["\n" + l for l in sig[1:]])
            if voice == "ats" and self.chance(0.6):
                paras.append([self.pick(RJ["misc2"]["ats_footers"])])
        if voice == "ats" and self.chance(0.3):
            paras = paras[1:]
        text = self.plain(paras)
        newest = text
        if voice in ("forwarded", "quoted"):
            older, by_cand = self.older_message(ctx)
            text = self.wrap_older(text, older, ctx, voice, by_cand)
        sender = self.sender(ctx, voice if voice in ("ats", "agency") else "x")
        fmt = "html" if (voice not in ("forwarded", "quoted", "terse") and self.chance(0.12)) else "text"
        if no_reason:
            labels_out = ["no_reason_given"]
            evidence = {}
        else:
            labels_out = labels
        return self.record(subject=subj, sender=sender, text=text, fmt=fmt, category="rejection", voice=voice,
                           ctx=ctx, reasons=labels_out, evidence=evidence, skill_gaps=gaps, stage=stage,
                           reapply=reapply, future=future, feedback=feedback, newest=newest,
                           notes="; ".join(dict.fromkeys(notes)) or None)

    # ------------------------------------------------------------ job mail (not rejection)
    def job_message(self, category: str, ctx: dict | None = None, allow_wrap=True) -> dict:
        r = self.r
        bank = NR[category]
        voice = self.r.choices(["ats", "small_firm", "startup", "enterprise", "agency", "public_sector", "university",
                                "terse", "non_native", "forwarded", "quoted"],
                               [20, 14, 12, 14, 8, 6, 6, 8, 4, 4, 4])[0]
        if category == "recruiter_outreach" and voice in ("ats", "public_sector", "university"):
            voice = "agency"
        if not allow_wrap and voice in ("forwarded", "quoted"):
            voice = "enterprise"
        ctx = dict(ctx or self.context(voice if voice in ("public_sector", "university") else "",
                                       company_mode="name" if self.chance(0.92) else "absent"))
        ctx.setdefault("agency", self.pick(NM["orgs"]["agencies"]))
        subj = self.subject(bank["subjects"], ctx)
        core = fill(self.pick(bank["cores"]), ctx)
        extras = [fill(e, ctx) for e in r.sample(bank["extras"], r.randint(0, 2 if voice != "terse" else 1))]
        paras = [[ctx["greeting"]]]
        if voice in ("ats",) and self.chance(0.4):
            paras = []
        body = [core] + extras
        if len(body) > 1 and self.chance(0.2):
            body = [body[-1]] + body[:-1] if category not in ("interview_invitation",) else body
        if self.chance(0.5):
            paras.append(body)
        else:
            paras.append([body[0]])
            if body[1:]:
                paras.append(body[1:])
        if voice != "terse" and self.chance(0.75):
            paras.append([fill(self.pick(bank["closings"]), ctx)])
        sig = self.signature(ctx, "ats" if voice == "ats" else ("agency" if voice == "agency" else "x"))
        paras.append([sig[0]] + ["\n" + l for l in sig[1:]])
        text = self.plain(paras)
        newest = text
        if voice in ("forwarded", "quoted"):
            kinds = ["follow_up", "application_received"]
            if category in ("offer", "assessment_invitation"):
                kinds.append("interview_invitation")
            if category == "interview_invitation" and self.chance(0.3):
                kinds = ["rejection"]   # an older rejection below a new invitation
            older, by_cand = self.older_message(ctx, kinds)
            text = self.wrap_older(text, older, ctx, voice, by_cand)
        fmt = "html" if voice not in ("forwarded", "quoted", "terse") and self.chance(0.1) else "text"
        sender = self.sender(ctx, voice if voice in ("ats", "agency") else "x")
        return self.record(subject=subj, sender=sender, text=text, fmt=fmt, category=category, voice=voice,
                           ctx=ctx, newest=newest)

    def job_alert(self) -> dict:
        r = self.r
        bank = NR["job_alert"]
        board = self.pick(bank["boards"])
        ctx = self.context()
        sector = ctx["sector"]
        jobs = []
        for _ in range(r.randint(3, 8)):
            sec = self.pick([sector, sector, self.pick(list(NM["roles"]))])
            title = self.pick(NM["roles"][sec])
            comp = (self.pick(NM["orgs"]["public_bodies"]) if sec == "public" else
                    self.pick(NM["orgs"]["universities"]) if sec == "university" else
                    f"{self.pick(NM['company_stems'])} {self.pick(NM['company_suffix'][sec])}")
            jobs.append((title, comp, self.pick(NM["misc"]["cities"] + ["Remote"]), self.pick(NM["misc"]["salaries"] + ["", "Competitive"])))
        ctx["role"] = jobs[0][0]
        subj = fill(self.pick(bank["subjects"]), ctx)
        intro = fill(self.pick(bank["intros"]), ctx)
        footer = self.pick(bank["footers"])
        fmt = "html" if self.chance(0.3) else "text"
        if fmt == "html":
            rows = "\n".join(f'<tr><td class="title"><a href="https://{slug(board)}.example/j/{r.randint(10000, 99999)}">{html.escape(t)}</a></td>'
                             f"<td>{html.escape(c)}</td><td>{html.escape(l)}</td><td>{html.escape(s)}</td></tr>" for t, c, l, s in jobs)
            text = (f"<html><head><style>table{{border-collapse:collapse}} td{{padding:6px}} .title{{font-weight:bold}}</style></head><body>"
                    f"<h2>{html.escape(board)}</h2><p>{html.escape(intro)}</p><table>\n{rows}\n</table>"
                    f"<p style=\"color:#888\">{html.escape(footer)}</p></body></html>")
            rec = self.record(subject=subj, sender=f"{board} <alerts@{slug(board)}.example>", text="", fmt="text",
                              category="job_alert", voice="job_board", job=False)
            rec["text"], rec["format"] = text, "html"
            return rec
        style = r.randint(0, 2)
        lines = []
        for t, c, l, s in jobs:
            if style == 0:
                lines.append(f"{t}\n{c} - {l}" + (f"\n{s}" if s else "") + f"\nView job: https://{slug(board)}.example/j/{r.randint(10000, 99999)}")
            elif style == 1:
                lines.append(f"* {t} | {c} | {l}")
            else:
                lines.append(f"{t} at {c} ({l})" + (f", {s}" if s else ""))
        sep = "\n\n" if style in (0, 2) else "\n"
        greet = self.pick([f"Hi {ctx['name']},\n\n", "", f"Hello {ctx['name']},\n\n"])
        text = f"{greet}{intro}\n\n{sep.join(lines)}\n\n{footer}\n\n{board}"
        return self.record(subject=subj, sender=f"{board} <alerts@{slug(board)}.example>", text=text, fmt="text",
                           category="job_alert", voice="job_board", job=False)

    def other(self) -> dict:
        r = self.r
        kinds = OT["kind"]
        weights = [7 if not k["job"] else 9 for k in kinds]
        kind = r.choices(kinds, weights)[0]
        ctx = self.context(company_mode="name")
        friend = self.pick(NM["first_names"])
        shop = self.pick(["Northwind Outfitters", "PageTurner Books", "Greenleaf Grocers", "Volt Electronics", "Casa Home Goods", "Trailhead Sports"])
        bank = self.pick(["Harbor Savings Bank", "Meridian Bank", "First Coastal Credit Union", "Summit Bank"])
        listname = self.pick(["dev-discuss", "pyusers", "rustaceans-local", "openmaps-talk", "choir-members", "allotment-society"])
        ctx |= dict(
            friend=friend, friend_lower=friend.lower(), shop=shop, shopdomain=slug(shop) + ".example",
            bank=bank, bankdomain=slug(bank) + ".example", listname=listname, listaddr=f"{listname}@lists.example",
            topic=self.pick(["remote work trends", "the best budget laptops", "city cycling routes", "sourdough tips",
                             "the housing market", "open-source funding", "sleep science", "local elections"]),
            amount=self.pick(["£23.50", "$49.99", "€112.00", "$8.75", "£310.00", "€19.90"]),
            order=r.randint(100000, 999999), item=self.pick(["Wireless headphones", "Hiking boots", "Coffee grinder", "Paperback novel", "Desk lamp"]),
            last4=r.randint(1000, 9999), event=self.pick(["Data Night Meetup", "Spring Careers Fair", "Local Tech Summit", "Community Garden Open Day", "Design Leaders Breakfast"]),
        )
        subj = fill(self.pick(kind["subjects"]), ctx)
        text = fill(self.pick(kind["bodies"]), ctx)
        sender = fill(self.pick(kind["senders"]), ctx)
        newest = text
        notes = None
        if kind["name"] == "candidate_reply" and "Thank" in text and self.chance(0.8):
            text = self.wrap_older(text, self.older_message(ctx, ["rejection"])[0], ctx, "quoted")
            notes = "candidate's own reply; the quoted rejection below is older mail"
        elif kind["name"] in ("candidate_withdrawal", "candidate_decline") and self.chance(0.35):
            older, by_cand = self.older_message(ctx, ["interview_invitation"] if "withdraw" in kind["name"] else ["offer"])
            text = self.wrap_older(text, older, ctx, "quoted", by_cand)
        if kind["name"] == "delay_notice":
            notes = "delay notice keeps the application open: not a rejection"
        elif kind["name"] == "no_news_notice":
            notes = "'if you do not hear from us' notice: no decision yet, no receipt confirmation"
        fmt = "html" if kind["name"] in ("newsletter", "receipt", "event", "bank", "shipping") and self.chance(0.35) else "text"
        return self.record(subject=subj, sender=sender, text=text, fmt=fmt, category="other", voice=kind["name"],
                           ctx=ctx, newest=newest, job=kind["job"], notes=notes)


def visible(text: str, fmt: str) -> str:
    if fmt == "html":
        text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
        text = re.sub(r"(?s)<[^>]+>", " ", text)
        text = html.unescape(text)
    return re.sub(r"\s+", " ", text).strip().lower()


def main() -> int:
    g = Gen(SEED)
    records, seen = [], set()
    makers = {"rejection": g.rejection, "job_alert": g.job_alert, "other": g.other}
    for cat, n in TARGETS.items():
        made, tries = 0, 0
        while made < n and tries < n * 3:
            tries += 1
            rec = makers[cat]() if cat in makers else g.job_message(cat)
            key = visible(rec["text"], rec["format"])
            key = re.sub(r"\d+", "0", key)
            if key in seen:
                continue
            seen.add(key)
            records.append(rec)
            made += 1
    g.r.shuffle(records)
    for i, rec in enumerate(records, 1):
        rec["id"] = f"gen-{i:06d}"
        rec["split"] = "dev" if g.r.random() < 0.15 else "train"
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")

    # ---- counts
    cat = collections.Counter(r["category"] for r in records)
    rej = [r for r in records if r["is_rejection"]]
    reasons = collections.Counter(x for r in rej for x in r["reasons"])
    nreasons = collections.Counter(len(r["reasons"]) for r in rej if r["reasons"] != ["no_reason_given"])
    stages = collections.Counter(r["stage"] for r in rej)
    skills = collections.Counter(g2["canonical"] for r in rej for g2 in r["skill_gaps"])
    with_gaps = sum(1 for r in rej if r["skill_gaps"])
    print(f"wrote {len(records)} records to {OUT}")
    print("categories:", dict(cat))
    print("reasons:", dict(reasons))
    print("reasons per stated rejection:", dict(sorted(nreasons.items())))
    print("stages:", dict(stages))
    print("rejections with skill gaps:", with_gaps, "| distinct skills:", len(skills))
    print("reapply:", dict(collections.Counter(r["reapply_after_months"] for r in rej)))
    print("future_opportunities:", sum(r["future_opportunities"] for r in rej),
          "| feedback_available:", sum(r["feedback_available"] for r in rej))
    print("company null (rej):", sum(r["company"] is None for r in rej), "| role null (rej):", sum(r["role"] is None for r in rej))
    print("voices:", dict(collections.Counter(r["voice"] for r in records).most_common()))
    print("html:", sum(r["format"] == "html" for r in records), "| split:", dict(collections.Counter(r["split"] for r in records)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
