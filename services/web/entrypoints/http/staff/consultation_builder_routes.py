"""The staff consultation builder pages: the office's consultations, a new draft, and its task list; the details,
sections and precept pages. Questions, routing, the Welsh check, preview and publishing have their own modules."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends
from fastapi.responses import Response

from peel.web.domain.staff import consultation_builder as rules
from peel.web.domain.staff.messages import N_
from peel.web.entrypoints.http.staff import consultation_publish_routes, consultation_question_routes
from peel.web.entrypoints.http.staff.consultation_common import EDITOR, READER, links, router, the_consultation
from peel.web.entrypoints.http.staff.context import EDITORS, Staff
from peel.web.entrypoints.http.staff.forms import Form, fields
from peel.web.service_layer.ports import InvalidAnswers
from peel.web.service_layer.staff import consultation_builder as builder

PAGES = (consultation_question_routes, consultation_publish_routes)  # their routes are on ``router`` too
Editor = Annotated[Staff, Depends(EDITOR)]
Reader = Annotated[Staff, Depends(READER)]
REFUSED = N_("Check this answer: the consultation service refused it")
ORDER = ("draft", "scheduled", "open", "closed", "results_published")


@router.get("/staff/consultations")
async def consultations(staff: Reader) -> Response:
    """The office's consultations, grouped by where they are in their life."""
    found = await builder.office_consultations(staff.apis.consultation)
    groups = [(status, [c for c in found if c["status"] == status]) for status in ORDER]
    return staff.render("staff/consultations/list.html", groups=[g for g in groups if g[1]], statuses=rules.STATUSES,
                        kinds=rules.KINDS, may_edit=staff.page.may(*EDITORS))


@router.get("/staff/consultations/new")
async def new_consultation(staff: Editor) -> Response:
    settings = await builder.precept_settings(staff.apis.consultation)
    return _new_form(staff, settings, {})


@router.post("/staff/consultations/new")
async def create_consultation(staff: Editor, form: Form) -> Response:
    answers = fields(form)
    body, problems = rules.new_draft(answers, datetime.now(UTC))
    if answers.get("action") == "check" and answers.get("kind") == "precept":  # the check alone: nothing created
        settings = await builder.precept_settings(staff.apis.consultation)
        return _new_form(staff, settings, answers)
    if not problems:
        try:
            created = await builder.create_draft(staff.apis.consultation, body)
        except InvalidAnswers as error:
            problems = _service_problems(error)
        else:
            return staff.redirect("consultations", created["id"], created="1")
    settings = await builder.precept_settings(staff.apis.consultation)
    return _new_form(staff, settings, answers, problems)


def _new_form(staff: Staff, settings: dict[str, Any], answers: dict[str, str],
              problems: dict[str, str] | None = None) -> Response:
    checks = rules.precept_check(rules.pounds_list(answers.get("options", "")), settings)
    return staff.render("staff/consultations/new.html", status_code=422 if problems else 200, form=answers,
                        kinds=rules.KINDS, settings=settings, checks=checks, field_errors=problems or {},
                        errors=staff.error_summary(problems or {}), back=staff.page.href("consultations"))


def _service_problems(error: InvalidAnswers) -> dict[str, str]:
    """The service's refusal of a new draft, by the form's field (the service's own words are not translated)."""
    named = {"title": "title-en", "closes_at": "closes-day", "options": "options", "precept": "options",
             "band_d_current": "options", "change": "options", "sections": "section-1-title-en"}
    found = {named[field]: REFUSED for field in error.errors if field in named}
    if "band_d_current" in error.errors:
        found["options"] = N_("Your office has not set this year's Band D: an administrator sets it in the "
                              "precept settings")
    return found or {"title-en": REFUSED}


@router.get("/staff/consultations/{consultation_id}")
async def task_list(staff: Reader, consultation_id: str, created: str = "", published: str = "") -> Response:
    """The task list: every part of building it, each with its status, and the pages after it opens."""
    consultation = await the_consultation(staff, consultation_id)
    here = links(staff, consultation)
    return staff.render("staff/consultations/task_list.html", **here, created=created, published=published,
                        kinds=rules.KINDS,
                        statuses=rules.STATUSES, tasks=rules.tasks(consultation, lambda *p: here["here"] + "/"
                                                                    + "/".join(p)),
                        back=staff.page.href("consultations"))


@router.get("/staff/consultations/{consultation_id}/details")
async def details(staff: Editor, consultation_id: str) -> Response:
    consultation = await the_consultation(staff, consultation_id)
    return _details_form(staff, consultation, _details_answers(consultation))


@router.post("/staff/consultations/{consultation_id}/details")
async def save_details(staff: Editor, consultation_id: str, form: Form) -> Response:
    consultation = await the_consultation(staff, consultation_id)
    answers = fields(form) | {"requires-welsh": form.get("requires-welsh") or "", "embargo": form.get("embargo") or ""}
    changes, problems = _details_changes(answers, consultation["status"] == "draft")
    if not problems:
        try:
            await builder.revise(staff.apis.consultation, consultation["id"], changes)
        except InvalidAnswers as error:
            problems = {"closes-day" if "closes_at" in error.errors else "title-en": REFUSED}
        else:
            return staff.redirect("consultations", consultation["id"])
    return _details_form(staff, consultation, answers, problems)


def _details_answers(c: dict[str, Any]) -> dict[str, str]:
    closes = rules.date_parts(c["closes_at"])
    summary = c.get("summary") or {}
    return {"title-en": c["title"]["en"], "title-cy": c["title"].get("cy") or "", "summary-en": summary.get("en", ""),
            "summary-cy": summary.get("cy") or "", "closes-day": closes["day"], "closes-month": closes["month"],
            "closes-year": closes["year"], "requires-welsh": "yes" if c["requires_welsh"] else "",
            "embargo": "yes" if c["results_embargoed"] else ""}


def _details_changes(answers: dict[str, str], draft: bool) -> tuple[dict[str, Any], dict[str, str]]:
    title, summary = rules.bilingual(answers, "title"), rules.bilingual(answers, "summary")
    problems = {} if title else {"title-en": N_("Enter the title in English")}
    changes: dict[str, Any] = {"title": title} | ({"summary": summary} if summary else {})
    if draft:
        closes = rules.closing_time(answers.get("closes-day", ""), answers.get("closes-month", ""),
                                    answers.get("closes-year", ""))
        if closes is None:
            problems["closes-day"] = N_("Enter a real closing date, such as 31 3 2027")
        elif closes <= datetime.now(UTC):
            problems["closes-day"] = N_("The closing date must be in the future")
        changes |= {"closes_at": closes.isoformat() if closes else None,
                    "requires_welsh": answers.get("requires-welsh") == "yes",
                    "results_embargoed": answers.get("embargo") == "yes"}
    return changes, problems


def _details_form(staff: Staff, consultation: dict[str, Any], answers: dict[str, str],
                  problems: dict[str, str] | None = None) -> Response:
    here = links(staff, consultation)
    return staff.render("staff/consultations/details.html", status_code=422 if problems else 200, **here,
                        form=answers, field_errors=problems or {}, errors=staff.error_summary(problems or {}),
                        back=here["here"])


@router.get("/staff/consultations/{consultation_id}/sections")
async def sections(staff: Reader, consultation_id: str, saved: str = "") -> Response:
    """A draft Plan's sections, each rated and commented on by residents; their words and Welsh can change."""
    consultation = await the_consultation(staff, consultation_id)
    return _sections_page(staff, consultation, _section_answers(consultation), saved=saved)


@router.post("/staff/consultations/{consultation_id}/sections")
async def save_sections(staff: Editor, consultation_id: str, form: Form) -> Response:
    consultation = await the_consultation(staff, consultation_id)
    answers = fields(form)
    texts = rules.section_rewordings(answers, consultation.get("sections") or [])
    if texts:
        try:
            await builder.revise(staff.apis.consultation, consultation["id"], {"texts": texts})
        except InvalidAnswers:
            first = f"section-{consultation['sections'][0]['key']}-title-en"
            return _sections_page(staff, consultation, answers, {first: REFUSED})
    return staff.redirect("consultations", consultation["id"], "sections", saved="1")


def _section_answers(consultation: dict[str, Any]) -> dict[str, str]:
    return {f"section-{s['key']}-{part}-{lang}": s[part].get(lang) or ""
            for s in consultation.get("sections") or [] for part in ("title", "summary") for lang in ("en", "cy")}


def _sections_page(staff: Staff, consultation: dict[str, Any], answers: dict[str, str],
                   problems: dict[str, str] | None = None, saved: str = "") -> Response:
    here = links(staff, consultation)
    return staff.render("staff/consultations/sections.html", status_code=422 if problems else 200, **here,
                        form=answers, saved=saved, field_errors=problems or {},
                        errors=staff.error_summary(problems or {}), back=here["here"])


@router.get("/staff/consultations/{consultation_id}/precept")
async def precept(staff: Reader, consultation_id: str, saved: str = "") -> Response:
    """The Band D options with the office's band ratios, and which option would need a referendum."""
    consultation = await the_consultation(staff, consultation_id)
    options = ", ".join(f"{o['band_d_change']:g}" for o in (consultation.get("precept") or {}).get("options", []))
    return await _precept_page(staff, consultation, {"options": options}, saved=saved)


@router.post("/staff/consultations/{consultation_id}/precept")
async def save_precept(staff: Editor, consultation_id: str, form: Form) -> Response:
    """New Band D options for a draft: checked against the referendum limit first when asked."""
    consultation = await the_consultation(staff, consultation_id)
    answers = fields(form)
    options = rules.precept_options(answers.get("options", ""))
    if answers.get("action") == "check" or options is None:
        problems = {} if options else {"options": N_("Enter at least two Band D changes, such as 0, 10, 14.99")}
        return await _precept_page(staff, consultation, answers, problems)
    try:
        await builder.revise(staff.apis.consultation, consultation["id"], {"precept": {"options": options}})
    except InvalidAnswers as error:
        return await _precept_page(staff, consultation, answers, _service_problems(error) | {"options": REFUSED})
    return staff.redirect("consultations", consultation["id"], "precept", saved="1")


async def _precept_page(staff: Staff, consultation: dict[str, Any], answers: dict[str, str],
                        problems: dict[str, str] | None = None, saved: str = "") -> Response:
    settings = await builder.precept_settings(staff.apis.consultation)
    here = links(staff, consultation)
    checks = rules.precept_check(rules.pounds_list(answers.get("options", "")), settings)
    return staff.render("staff/consultations/precept.html", status_code=422 if problems else 200, **here,
                        settings=settings, form=answers, checks=checks, saved=saved, field_errors=problems or {},
                        errors=staff.error_summary(problems or {}), back=here["here"])
