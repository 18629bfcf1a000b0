"""The pages an office's emails link to (docs/notifications-web-pages.md): unsubscribing or getting fewer emails,
a contact's preferences, a council's acknowledgement of a stakeholder bulletin and a clerk's details check.

Each address ends with the link's signed token; a link that opens nothing, or another office's, is the 404 page.
Opening a page never changes anything (link scanners open them too): only a posted form does, and a mail
client's RFC 8058 one-click post (``List-Unsubscribe=One-Click``, without cookie or form token) unsubscribes."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from peel.web.domain.contact_details import EMAIL_FORMAT, PHONE_FORMAT
from peel.web.entrypoints.http import notification_forms as forms
from peel.web.entrypoints.http.context import CurrentPage, ports, resident
from peel.web.entrypoints.http.csrf import is_one_click, takes_one_click
from peel.web.entrypoints.http.journeys import Form, form_page
from peel.web.entrypoints.http.pages import Page
from peel.web.service_layer import notifications as api
from peel.web.service_layer.ports import InvalidAnswers, Json, Refused

router = APIRouter(include_in_schema=False)
UNSUBSCRIBE = "/{lang}/{tenant}/unsubscribe/{token}"
PREFERENCES = "/{lang}/{tenant}/preferences/{token}"
ACKNOWLEDGE = "/{lang}/{tenant}/acknowledge/{token}"
COUNCIL_DETAILS = "/{lang}/{tenant}/council-details/{token}"
NO_STORE = {"Cache-Control": "no-store"}  # pages opened by a personal link are never kept by a shared cache


async def _opened(request: Request, page: Page, kind: str, token: str) -> Json:
    return await api.opened(ports(request), kind, page.tenant, token, resident(request))


def _render(request: Request, page: Page, template: str, problems: object = None, **context: Any) -> HTMLResponse:
    response = form_page(request, page, f"notifications/{template}.html", problems or {},
                         token=request.path_params.get("token", ""), **context)
    response.headers.update(NO_STORE)
    return response


@router.get(UNSUBSCRIBE)
async def unsubscribe_page(request: Request, page: CurrentPage, token: str) -> Response:
    subscription = await _opened(request, page, api.UNSUBSCRIBE, token)
    if subscription.get("unsubscribed"):
        return _render(request, page, "unsubscribed", subscription=subscription, already=True)
    return _render(request, page, "unsubscribe", subscription=subscription, values={})


@router.post(UNSUBSCRIBE)
@takes_one_click
async def unsubscribe(request: Request, page: CurrentPage, token: str, form: Form) -> Response:
    """A resident's button, or a mail client's one-click post: unsubscribed at once either way."""
    subscription = await _opened(request, page, api.UNSUBSCRIBE, token)
    one_click = is_one_click(request, form)
    await api.unsubscribe(ports(request), token, resident(request), one_click=one_click)
    if one_click:
        return _render(request, page, "one_click")
    return _render(request, page, "unsubscribed", subscription=subscription, already=False)


@router.post(UNSUBSCRIBE + "/fewer")
async def fewer_emails(request: Request, page: CurrentPage, token: str, form: Form) -> Response:
    subscription = await _opened(request, page, api.UNSUBSCRIBE, token)
    read = forms.read_digest(form)
    if read.problems:
        return _render(request, page, "unsubscribe", read.problems, subscription=subscription, values=read.values)
    await api.fewer_emails(ports(request), token, read.body["frequency"], resident(request))
    return _render(request, page, "fewer_emails", subscription=subscription, frequency=read.body["frequency"])


@router.get(PREFERENCES)
async def preferences_page(request: Request, page: CurrentPage, token: str) -> Response:
    preferences = await _opened(request, page, api.PREFERENCES, token)
    return _preferences(request, page, preferences, forms.preference_values(preferences), {})


@router.post(PREFERENCES)
async def save_preferences(request: Request, page: CurrentPage, token: str, form: Form) -> Response:
    preferences = await _opened(request, page, api.PREFERENCES, token)
    read = forms.read_preferences(form, preferences)
    if not read.problems:
        try:
            await api.save_preferences(ports(request), token, read.body, resident(request))
        except InvalidAnswers as invalid:
            read.problems = _known_problems(invalid, {"weekly_cap": forms.CAP_PROBLEM})
    if read.problems:
        return _preferences(request, page, preferences, read.values, read.problems)
    return _render(request, page, "preferences_saved")


def _preferences(request: Request, page: Page, preferences: Json, values: dict[str, str],
                 problems: dict[str, str]) -> HTMLResponse:
    return _render(request, page, "preferences", problems, preferences=preferences, values=values,
                   channels=forms.channels_of(preferences))


@router.get(ACKNOWLEDGE)
async def acknowledge_page(request: Request, page: CurrentPage, token: str) -> Response:
    acknowledgement = await _opened(request, page, api.ACKNOWLEDGEMENTS, token)
    return _render(request, page, "acknowledge", acknowledgement=acknowledgement,
                   values=forms.acknowledgement_values(acknowledgement))


@router.post(ACKNOWLEDGE)
async def acknowledge(request: Request, page: CurrentPage, token: str, form: Form) -> Response:
    acknowledgement = await _opened(request, page, api.ACKNOWLEDGEMENTS, token)
    read = forms.read_acknowledgement(form)
    if not read.problems:
        try:
            await api.acknowledge(ports(request), token, read.body, resident(request))
        except InvalidAnswers as invalid:
            read.problems = _known_problems(invalid, {"agenda_date": forms.DATE_PROBLEM})
        except Refused as refused:  # an answer that would move the council's state back
            read.problems = _state_went_further(refused)
    if read.problems:
        return _render(request, page, "acknowledge", read.problems, acknowledgement=acknowledgement,
                       values=read.values)
    return _render(request, page, "acknowledged", acknowledgement=acknowledgement, answer=read.body)


@router.get(COUNCIL_DETAILS)
async def council_details_page(request: Request, page: CurrentPage, token: str) -> Response:
    details = await _opened(request, page, api.COUNCIL_DETAILS, token)
    return _render(request, page, "council_details", details=details, values=forms.details_values(details))


@router.post(COUNCIL_DETAILS)
async def council_details(request: Request, page: CurrentPage, token: str, form: Form) -> Response:
    details = await _opened(request, page, api.COUNCIL_DETAILS, token)
    read = forms.read_council_details(form)
    if not read.problems:
        try:
            await api.council_details(ports(request), token, read.body, resident(request))
        except InvalidAnswers as invalid:
            read.problems = _known_problems(invalid, {"email": EMAIL_FORMAT, "mobile": PHONE_FORMAT})
    if read.problems:
        return _render(request, page, "council_details", read.problems, details=details, values=read.values)
    return _render(request, page, "council_details_done", details=details, answer=read.body)


def _state_went_further(refused: Refused) -> dict[str, str]:
    if refused.status != 409:
        raise refused
    return {"state": forms.ALREADY_FURTHER}


def _known_problems(invalid: InvalidAnswers, ours: dict[str, str]) -> dict[str, str]:
    """The service's 422 as our fields' messages; one about anything our form already checks cannot be done."""
    found = {forms.FIELD_IDS.get(name, name): ours[name] for name in invalid.errors if name in ours}
    if not found:
        raise Refused(422, str(invalid))
    return found
