"""The consultation builder's rules: the task list's statuses, what a new draft needs, the Welsh still missing,
the closing date read from a form, and the precept options' referendum check against the office's settings.

The consultation service holds the draft and decides; these rules only shape forms into its bodies and say what
a page should show."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from fractions import Fraction
from typing import Any

from peel.web.domain.staff import reading
from peel.web.domain.staff.messages import N_

LONDON = reading.LONDON
KINDS = {"survey": N_("Survey"), "draft_plan": N_("Draft Police and Crime Plan"),
         "precept": N_("Precept"), "budget_simulator": N_("Budget simulator")}
STATUSES = {"draft": N_("Draft"), "scheduled": N_("Scheduled"), "open": N_("Open"), "closed": N_("Closed"),
            "results_published": N_("Results published")}
PLAN_ROWS = 5
NOT_STARTED, IN_PROGRESS, COMPLETED, CANNOT_START = "not_started", "in_progress", "completed", "cannot_start"
ANYTHING_ELSE = {"key": "anything_else", "type": "free_text", "required": False, "max_length": 2000,
                 "text": {"en": "Is there anything else you would like to tell us?",
                          "cy": "Oes unrhyw beth arall yr hoffech ei ddweud wrthym?"}}
FIRST_BUDGET = {"key": "budget", "type": "budget_allocation", "required": True,
                "text": {"en": "How would you balance the policing budget?",
                         "cy": "Sut fyddech chi'n cydbwyso'r gyllideb plismona?"},
                "budget": {"target_change": 0, "tolerance": 0, "lines": [
                    {"key": "neighbourhood_policing", "current_spend": 0, "min_change_percent": -10,
                     "max_change_percent": 10, "step_percent": 5,
                     "text": {"en": "Neighbourhood policing", "cy": "Plismona yn y gymdogaeth"}}]}}


@dataclass(frozen=True)
class Task:
    """One line of the task list: what to do, where, and how far it has got."""

    key: str
    name: str
    href: str
    status: str


def slug(text: str, taken: set[str] | frozenset[str] = frozenset(), fallback: str = "item") -> str:
    """A service key from English words ("Do you feel safe?" -> ``do_you_feel_safe``), unique among ``taken``."""
    words = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:40].strip("_")
    base = words if words[:1].isalpha() else f"{fallback}_{words}".strip("_")
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def closing_time(day: str, month: str, year: str) -> datetime | None:
    """The end of the given day in the UK (23:59 local time), or ``None`` when it is no real date."""
    found = calendar_day(day, month, year)
    return datetime.combine(found, time(23, 59), LONDON).astimezone(UTC) if found else None


def opening_time(day: str, month: str, year: str, hour: str) -> datetime | None:
    """The hour of the given day in the UK at which a scheduled consultation opens."""
    found, at = calendar_day(day, month, year), reading.whole(hour, 0, 23)
    if not found or at is None:
        return None
    return datetime.combine(found, time(at), LONDON).astimezone(UTC)


def calendar_day(day: str, month: str, year: str) -> date | None:
    numbers = reading.whole(year, 1000, 9999), reading.whole(month, 1, 12), reading.whole(day, 1, 31)
    if None in numbers:
        return None
    try:
        return date(*numbers)  # type: ignore[arg-type]
    except ValueError:
        return None


def date_parts(moment: str | None) -> dict[str, str]:
    """An ISO time from the service as the day, month and year fields of a date input (UK time)."""
    if not moment:
        return {}
    local = datetime.fromisoformat(moment).astimezone(LONDON)
    return {"day": str(local.day), "month": str(local.month), "year": str(local.year), "hour": str(local.hour)}


def bilingual(form: dict[str, str], name: str) -> dict[str, str] | None:
    """``{"en", "cy"}`` from the ``<name>-en`` and ``<name>-cy`` fields; Welsh left out when blank."""
    english, welsh = form.get(f"{name}-en", ""), form.get(f"{name}-cy", "")
    if not english:
        return None
    return {"en": english, "cy": welsh} if welsh else {"en": english}


def new_draft(form: dict[str, str], now: datetime) -> tuple[dict[str, Any], dict[str, str]]:
    """The body creating a draft, and each field's problem; every kind gets what the service needs to start."""
    errors: dict[str, str] = {}
    kind, title = form.get("kind", ""), bilingual(form, "title")
    closes_at = closing_time(form.get("closes-day", ""), form.get("closes-month", ""), form.get("closes-year", ""))
    if kind not in KINDS:
        errors["kind"] = N_("Choose the kind of consultation")
    if title is None:
        errors["title-en"] = N_("Enter the title in English")
    if closes_at is None:
        errors["closes-day"] = N_("Enter a real closing date, such as 31 3 2027")
    elif closes_at <= now:
        errors["closes-day"] = N_("The closing date must be in the future")
    if errors:
        return {}, errors
    assert closes_at is not None
    body = {"kind": kind, "title": title, "closes_at": closes_at.isoformat(), **_starter(kind, form)}
    return body, _kind_errors(kind, body, form)


def _starter(kind: str, form: dict[str, str]) -> dict[str, Any]:
    if kind == "survey":
        return {"questions": [ANYTHING_ELSE]}
    if kind == "budget_simulator":
        return {"questions": [FIRST_BUDGET]}
    if kind == "draft_plan":
        return {"sections": plan_sections(form) or None}
    return {"precept": {"options": precept_options(form.get("options", "")) or []}}


def _kind_errors(kind: str, body: dict[str, Any], form: dict[str, str]) -> dict[str, str]:
    if kind == "draft_plan":
        return _section_errors(form, body)
    if kind == "precept" and not body["precept"]["options"]:
        return {"options": N_("Enter at least two Band D changes, such as 0, 10, 14.99")}
    return {}


def precept_options(text: str) -> list[dict[str, str]] | None:
    """The precept's Band D options from "0, 10, 14.99"; ``None`` unless there are two or more, each readable."""
    written = [part for part in re.split(r"[,\s]+", text) if part]
    changes = pounds_list(text)
    if len(changes) < 2 or len(changes) != len(written):
        return None
    return [{"key": f"option_{n}", "change": str(change)} for n, change in enumerate(changes, 1)]


def plan_sections(form: dict[str, str]) -> list[dict[str, Any]]:
    """The draft Plan's sections from the new draft's section rows (a row without its English left out)."""
    sections: list[dict[str, Any]] = []
    for n in range(1, PLAN_ROWS + 1):
        title, summary = bilingual(form, f"section-{n}-title"), bilingual(form, f"section-{n}-summary")
        if title and summary:
            key = slug(title["en"], {s["key"] for s in sections}, "section")
            sections.append({"key": key, "title": title, "summary": summary})
    return sections


def _section_errors(form: dict[str, str], body: dict[str, Any]) -> dict[str, str]:
    half = [n for n in range(1, PLAN_ROWS + 1)
            if bool(form.get(f"section-{n}-title-en")) != bool(form.get(f"section-{n}-summary-en"))]
    if half:
        return {f"section-{half[0]}-title-en": N_("Enter each section's title and summary in English")}
    if not body.get("sections"):
        return {"section-1-title-en": N_("Enter the first section's title and summary in English")}
    return {}


def pounds_list(text: str) -> list[Decimal]:
    """The Band D changes written as "0, 10, 14.99" (pounds a year); anything unreadable is left out."""
    found = []
    for part in re.split(r"[,\s]+", text.replace("£", "")):
        amount = reading.decimal(part)
        if amount is not None and abs(amount) < 1_000_000:
            found.append(amount.quantize(Decimal("0.01")))
    return found


def tasks(consultation: dict[str, Any], href: Any) -> list[Task]:
    """The task list of a consultation, each task's status from what the draft holds now."""
    c, draft = consultation, consultation["status"] == "draft"
    welsh_done = not missing_welsh(c)
    items = [Task("details", N_("Title, summary and dates"), href("details"), COMPLETED if c.get("summary")
                  else IN_PROGRESS),
             Task("questions", N_("Questions"), href("questions"), _questions_status(c))]
    items += _kind_tasks(c, href)
    items.append(Task("routing", N_("Routing"), href("routing"),
                      COMPLETED if any(q.get("show_if") for q in c["questions"]) else NOT_STARTED))
    items.append(Task("welsh", N_("Check the Welsh"), href("welsh"), COMPLETED if welsh_done else IN_PROGRESS))
    items.append(Task("preview", N_("Preview"), href("preview"), NOT_STARTED if draft else COMPLETED))
    ready = bool(c["questions"]) and (welsh_done or not c.get("requires_welsh"))
    items.append(Task("publish", N_("Publish or schedule"), href("publish"),
                      COMPLETED if not draft else NOT_STARTED if ready else CANNOT_START))
    return items


def _questions_status(c: dict[str, Any]) -> str:
    own = [q for q in c["questions"] if q["key"] != ANYTHING_ELSE["key"]]
    return COMPLETED if len(own) >= 1 else IN_PROGRESS if c["questions"] else NOT_STARTED


def _kind_tasks(c: dict[str, Any], href: Any) -> list[Task]:
    if c["kind"] == "draft_plan":
        return [Task("sections", N_("Plan sections"), href("sections"), COMPLETED)]
    if c["kind"] == "precept":
        return [Task("precept", N_("Precept options"), href("precept"), COMPLETED)]
    budgets = [q for q in c["questions"] if q.get("budget")]
    if c["kind"] == "budget_simulator" and budgets:
        lines = [line for q in budgets for line in q["budget"]["lines"]]
        return [Task("budget", N_("Budget lines"), href("questions", budgets[0]["key"]),
                     COMPLETED if all(line["current_spend"] for line in lines) else IN_PROGRESS)]
    return []


def section_rewordings(form: dict[str, str], sections: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """The Plan sections' changed texts as the service's ``texts`` corrections (a blank field keeps its words)."""
    texts: dict[str, dict[str, str]] = {}
    for section in sections:
        for part in ("title", "summary"):
            name = f"section-{section['key']}-{part}"
            given = {lang: form[f"{name}-{lang}"] for lang in ("en", "cy") if form.get(f"{name}-{lang}")}
            if given and given != {lang: section[part].get(lang) for lang in given}:
                texts[f"sections.{section['key']}.{part}"] = given
    return texts


def missing_welsh(consultation: dict[str, Any]) -> list[tuple[str, str]]:
    """Every public text without its Welsh: (where it is, its English)."""
    missing = [(place, text["en"]) for place, text in public_texts(consultation) if not text.get("cy")]
    return missing


def public_texts(c: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    texts = [("title", c["title"])] + ([("summary", c["summary"])] if c.get("summary") else [])
    for section in c.get("sections") or []:
        texts += [(f"sections.{section['key']}.title", section["title"]),
                  (f"sections.{section['key']}.summary", section["summary"])]
    for question in c["questions"]:
        texts += _question_texts(question)
    return texts


def _question_texts(q: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    place = f"questions.{q['key']}"
    texts = [(f"{place}.text", q["text"])]
    texts += [(f"{place}.options.{o['key']}", o["text"]) for o in q.get("options") or []]
    labels = (q.get("scale") or {}).get("labels") or {}
    texts += [(f"{place}.scale.{point}", label) for point, label in labels.items()]
    texts += [(f"{place}.budget.{line['key']}", line["text"]) for line in (q.get("budget") or {}).get("lines") or []]
    return texts


@dataclass(frozen=True)
class PreceptOptionCheck:
    """A Band D option as the office's settings see it: the new Band D, its rise, and whether it needs a vote."""

    change: Decimal
    new_band_d: Decimal | None
    percent: Decimal | None
    needs_referendum: bool


def precept_check(changes: list[Decimal], settings: dict[str, Any]) -> list[PreceptOptionCheck]:
    """Each option checked against the referendum limit (an increase *above* the limit needs a referendum)."""
    band_d = settings.get("band_d_current")
    now = Decimal(str(band_d)) if band_d else None
    return [PreceptOptionCheck(change, now + change if now else None,
                               (change * 100 / now).quantize(Decimal("0.01")) if now else None,
                               _above_limit(change, now, settings.get("referendum_limit")))
            for change in changes]


def _above_limit(change: Decimal, band_d: Decimal | None, limit: dict[str, Any] | None) -> bool:
    if not limit:
        return False
    if limit.get("pounds") is not None:
        return change > Decimal(str(limit["pounds"]))
    if band_d is None or limit.get("percent") is None:
        return False
    return Fraction(change) * 100 > Fraction(Decimal(str(limit["percent"]))) * Fraction(band_d)
