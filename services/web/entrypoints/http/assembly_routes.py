"""Citizens' assemblies: an assembly's page, registering from an invitation letter (code, questions, address,
contact, check, done), the published selection and recommendations; and the pages registrants' links open
(withdraw, take or decline a place), whose addresses carry no office: it comes from the assembly."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from peel.web.domain import assemblies as rules
from peel.web.entrypoints.http.context import (
    CurrentPage,
    current_page,
    pages,
    ports,
    resident,
    save_session,
    session_data,
)
from peel.web.entrypoints.http.journeys import (
    Answers,
    Form,
    form_page,
    journey_answers,
    remember,
    see_other,
    start_over,
)
from peel.web.entrypoints.http.pages import Page
from peel.web.service_layer import assemblies
from peel.web.service_layer.ports import InvalidAnswers, Json, NotFoundThere, Refused

router = APIRouter(include_in_schema=False)
BASE = "/{lang}/{tenant}/assemblies/{assembly_id}"
LINK = "/{lang}/assemblies/{assembly_id}/registrations/{registrant_id}/{action}"
OUTCOMES = {"withdraw": "withdrawn", "take-place": "place-taken", "decline-place": "place-declined"}


@router.get(BASE)
async def assembly(request: Request, page: CurrentPage, assembly_id: uuid.UUID) -> HTMLResponse:
    form = await assemblies.office_assembly(ports(request), page.tenant, assembly_id, resident(request))
    return pages(request).render(page, "assemblies/start.html", form=form)


@router.get(BASE + "/register/check")
async def check(request: Request, page: CurrentPage, assembly_id: uuid.UUID) -> Response:
    form, answers = await _registering(request, page, assembly_id)
    missing = rules.first_unanswered(answers, form["questions"])
    if not form["registration_open"]:
        return _closed(request, page, form)
    if missing:
        return _to(page, assembly_id, "register", missing)
    return _check_page(request, page, form, answers, [])


@router.post(BASE + "/register/check")
async def send(request: Request, page: CurrentPage, assembly_id: uuid.UUID, _: Form) -> Response:
    form, answers = await _registering(request, page, assembly_id)
    if "registered" in answers:  # registered already (a second click): its confirmation
        return _to(page, assembly_id, "register", "done")
    if rules.first_unanswered(answers, form["questions"]):
        return _to(page, assembly_id, "register", "check")
    try:
        registered = await assemblies.register(ports(request), assembly_id,
                                               rules.registration_body(answers, answers["form_token"]),
                                               resident(request))
    except assemblies.RegistrationClosed:
        return _closed(request, page, form)
    except assemblies.AlreadyRegistered:
        problem = [{"text": rules.ALREADY_REGISTERED, "href": _href(page, assembly_id, "register", "contact")}]
        return _check_page(request, page, form, answers, problem, status_code=409)
    except InvalidAnswers as refused:
        return await _refused(request, page, form, answers, refused)
    await start_over(request, "assemblies", assembly_id, {"registered": registered})
    return _to(page, assembly_id, "register", "done")


@router.get(BASE + "/register/done")
async def done(request: Request, page: CurrentPage, assembly_id: uuid.UUID) -> Response:
    form, answers = await _registering(request, page, assembly_id)
    if "registered" not in answers:
        return _to(page, assembly_id)
    registered = answers["registered"]
    withdraw = LINK.format(lang=page.lang, assembly_id=assembly_id, registrant_id=registered["registrant_id"],
                           action="withdraw")
    return pages(request).render(page, "assemblies/done.html", form=form,
                                 withdraw_url=f"{withdraw}?{urlencode({'token': registered['withdrawal_token']})}")


@router.get(BASE + "/register/{step}")
async def question_page(request: Request, page: CurrentPage, assembly_id: uuid.UUID, step: str) -> Response:
    form, answers = await _registering(request, page, assembly_id, step)
    if not form["registration_open"]:
        return _closed(request, page, form)
    return _step_page(request, page, form, step, answers, {})


@router.post(BASE + "/register/{step}")
async def answer(request: Request, page: CurrentPage, assembly_id: uuid.UUID, step: str, given: Form) -> Response:
    form, answers = await _registering(request, page, assembly_id, step)
    updates, problems = READERS[step](given, form["questions"])
    if problems:
        return _step_page(request, page, form, step, {**answers, **updates}, problems)
    await remember(request, answers, updates)
    return _to(page, assembly_id, "register", rules.first_unanswered(answers, form["questions"]) or "check")


@router.get(BASE + "/selection")
async def selection(request: Request, page: CurrentPage, assembly_id: uuid.UUID) -> HTMLResponse:
    form, chosen = await assemblies.published_selection(ports(request), page.tenant, assembly_id, resident(request))
    return pages(request).render(page, "assemblies/selection.html", form=form, selection=chosen,
                                 back=_href(page, assembly_id))


@router.get(BASE + "/recommendations")
async def recommendations(request: Request, page: CurrentPage, assembly_id: uuid.UUID) -> HTMLResponse:
    form, made = await assemblies.recommendations(ports(request), page.tenant, assembly_id, resident(request))
    return pages(request).render(page, "assemblies/recommendations.html", form=form, recommendations=made,
                                 states=rules.RECOMMENDATION_STATES, percent=rules.percent,
                                 back=_href(page, assembly_id))


@router.get(BASE + "/registration/{outcome}")
async def replied(request: Request, page: CurrentPage, assembly_id: uuid.UUID, outcome: str) -> HTMLResponse:
    if outcome not in OUTCOMES.values():
        raise NotFoundThere(request.url.path)
    form = await assemblies.office_assembly(ports(request), page.tenant, assembly_id, resident(request))
    return pages(request).render(page, "assemblies/replied.html", form=form, outcome=outcome)


@router.get(LINK)
async def link_page(request: Request, lang: str, assembly_id: uuid.UUID, registrant_id: uuid.UUID, action: str,
                    token: str | None = None) -> Response:
    page, form = await _link(request, lang, assembly_id, action)
    token = await _link_token(request, registrant_id, token)
    if not (form and token):
        return _not_found(request, page)
    return pages(request).render(page, "assemblies/link.html", form=form, action=action, token=token)


@router.post(LINK)
async def follow_link(request: Request, lang: str, assembly_id: uuid.UUID, registrant_id: uuid.UUID, action: str,
                      given: Form) -> Response:
    page, form = await _link(request, lang, assembly_id, action)
    token, api = str(given.get("token") or ""), ports(request)
    if not form:
        return _not_found(request, page)
    try:
        if action == "withdraw":
            await assemblies.withdraw(api, assembly_id, registrant_id, token, resident(request))
        else:
            await assemblies.reply(api, assembly_id, registrant_id, token, action == "take-place", resident(request))
    except NotFoundThere:
        return _not_found(request, page)
    except Refused:
        return pages(request).render(page, "assemblies/link_refused.html", form=form, action=action,
                                     status_code=409)
    return see_other(page.href("assemblies", assembly_id, "registration", OUTCOMES[action]))


async def _registering(request: Request, page: Page, assembly_id: uuid.UUID,
                       step: str = "check") -> tuple[Json, Answers]:
    """This office's assembly and this browser's registration for it (keeping the first signed form token)."""
    if step not in READERS and step != "check":
        raise NotFoundThere(request.url.path)
    form = await assemblies.office_assembly(ports(request), page.tenant, assembly_id, resident(request))
    answers = await journey_answers(request, "assemblies", assembly_id)
    if "registered" not in answers:
        answers.setdefault("form_token", form["form_token"])
    return form, answers


async def _refused(request: Request, page: Page, form: Json, answers: Answers, refused: InvalidAnswers) -> Response:
    if rules.needs_new_form(refused.errors):
        await remember(request, answers, {"form_token": form["form_token"]})  # a fresh form: sending again can work
    problems = [{"text": message, "href": "#answers" if step == "check" else _href(page, form["assembly_id"],
                                                                                    "register", step)}
                for step, message in rules.service_problems(refused.errors, form["questions"])]
    return _check_page(request, page, form, answers, problems, status_code=422)


async def _link(request: Request, lang: str, assembly_id: uuid.UUID, action: str) -> tuple[Page, Json | None]:
    """The page of a registrant's link in the colours of the assembly's office; with no such assembly (no form),
    the default office's."""
    if action not in OUTCOMES:
        raise NotFoundThere(request.url.path)
    try:
        form = await assemblies.registration_form(ports(request), assembly_id, resident(request))
    except NotFoundThere:
        return await current_page(request, lang, request.app.state.settings.default_tenant), None
    return await current_page(request, lang, form["tenant"]), form


def _not_found(request: Request, page: Page) -> Response:
    return pages(request).render(page, "errors/not_found.html", status_code=404)


async def _link_token(request: Request, registrant_id: uuid.UUID, token: str | None) -> str | None:
    """The link's token, kept for this browser so the page still opens in the other language (whose link has none)."""
    data = await session_data(request)
    links = data.setdefault("assembly_links", {})
    if token and links.get(str(registrant_id)) != token:
        links[str(registrant_id)] = token
        await save_session(request, data)
    return token or links.get(str(registrant_id))


def _read_code(given: FormData, _: dict) -> tuple[Answers, dict[str, str]]:
    typed = " ".join(str(given.get("code") or "").split())
    code = rules.normalised_code(typed)
    problems = rules.code_problems(code)
    return {"code": typed if problems else code}, problems


def _read_questions(given: FormData, questions: dict) -> tuple[Answers, dict[str, str]]:
    chosen, problems = rules.feature_answers(questions, given)
    return {"features": chosen}, problems


def _read_address(given: FormData, _: dict) -> tuple[Answers, dict[str, str]]:
    address = rules.Address.from_form(given)
    return {"address_line": address.line, "postcode": address.postcode}, rules.address_problems(address)


def _read_contact(given: FormData, _: dict) -> tuple[Answers, dict[str, str]]:
    contact = rules.Contact.from_form(given)
    return ({"name": contact.name, "email": contact.email, "phone": contact.phone,
             "website": str(given.get("website") or "")}, rules.contact_problems(contact))


READERS: dict[str, Callable[[FormData, dict], tuple[Answers, dict[str, str]]]] = {
    "code": _read_code, "questions": _read_questions, "address": _read_address, "contact": _read_contact,
}
BACK = {"code": None, "questions": "code", "address": "questions", "contact": "address"}


def _step_page(request: Request, page: Page, form: Json, step: str, values: Answers,
               problems: dict[str, str]) -> Response:
    back = _href(page, form["assembly_id"], *(("register", BACK[step]) if BACK[step] else ()))
    return form_page(request, page, f"assemblies/{step}.html", problems, form=form, values=values,
                     fields=rules.question_fields(form["questions"]), back=back)


def _check_page(request: Request, page: Page, form: Json, answers: Answers, problems: list[dict[str, str]],
                *, status_code: int = 200) -> Response:
    return form_page(request, page, "assemblies/check.html", problems, status_code=status_code, form=form,
                     answers=answers, fields=rules.question_fields(form["questions"]),
                     back=_href(page, form["assembly_id"], "register", "contact"))


def _closed(request: Request, page: Page, form: Json) -> Response:
    return pages(request).render(page, "assemblies/closed.html", form=form, status_code=409,
                                 back=_href(page, form["assembly_id"]))


def _href(page: Page, assembly_id: object, *parts: object) -> str:
    return page.href("assemblies", assembly_id, *parts)


def _to(page: Page, assembly_id: object, *parts: object) -> Response:
    return see_other(_href(page, assembly_id, *parts))
