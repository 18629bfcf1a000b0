"""The pages residents and clerks reach from links in messages (no sign-in; the signed token is the key):
unsubscribing (RFC 8058 one-click too), fewer messages, preferences, and a council's details check.
An unknown, forged or expired token, or one made for another page, is a 404."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Request

from peel.common.errors import NotFound
from peel.notifications.contacts.domain.links import COUNCIL_DETAILS, PREFERENCES, UNSUBSCRIBE, BadLink, Links
from peel.notifications.contacts.domain.unsubscribing import How, UnsubscribeLink
from peel.notifications.contacts.entrypoints.http.dependencies import LinksDep, UnitOfWorkDep
from peel.notifications.contacts.entrypoints.http.organisation_schemas import (
    CouncilDetailsAnswer,
    CouncilDetailsPublic,
)
from peel.notifications.contacts.entrypoints.http.preference_schemas import OwnPreferencesPublic, OwnPreferencesUpdate
from peel.notifications.contacts.entrypoints.http.public_schemas import (
    Fewer,
    UnsubscribeResult,
    UnsubscribeStanding,
    own_change,
    own_public,
)
from peel.notifications.contacts.service_layer import organisations, own_preferences, unsubscribing

router = APIRouter(prefix="/v1/public", tags=["public links"])
NOT_FOUND = {404: {"description": "No such link: unknown, forged, expired or made for another page"}}
ONE_CLICK = b"List-Unsubscribe=One-Click"


def read(links: Links, token: str, purpose: str) -> dict:
    try:
        data = links.read(token, purpose)
    except BadLink as error:
        raise NotFound(str(error)) from error
    if not isinstance(data, dict) or not isinstance(data.get("tenant"), str):
        raise NotFound("this link is not valid")
    return data


def unsubscribe_link(links: Links, token: str) -> UnsubscribeLink:
    try:
        return UnsubscribeLink.of(read(links, token, UNSUBSCRIBE))
    except BadLink as error:
        raise NotFound(str(error)) from error


def ids(data: dict, *names: str) -> list[uuid.UUID | None]:
    try:
        return [uuid.UUID(data[name]) if data.get(name) else None for name in names]
    except (ValueError, TypeError, AttributeError) as error:
        raise NotFound("this link is not valid") from error


@router.get("/unsubscribe/{token}", responses=NOT_FOUND, summary="What an unsubscribe link is for, and its state")
async def unsubscribe_page(token: str, links: LinksDep, uow: UnitOfWorkDep) -> UnsubscribeStanding:
    link = unsubscribe_link(links, token)
    preferences = links.preferences(link.tenant, link.contact_id, link.language)
    return UnsubscribeStanding.of(link, await unsubscribing.standing(uow, link), preferences)


@router.post("/unsubscribe/{token}", responses=NOT_FOUND, response_model_exclude_none=True,
             summary="Unsubscribe at once (an empty body, or RFC 8058's List-Unsubscribe=One-Click); idempotent")
async def unsubscribe(token: str, request: Request, links: LinksDep, uow: UnitOfWorkDep) -> UnsubscribeResult:
    link = unsubscribe_link(links, token)
    how = How.ONE_CLICK if ONE_CLICK in await request.body() else How.PAGE
    await unsubscribing.unsubscribe(uow, link, how)
    return UnsubscribeResult(result="unsubscribed")


@router.post("/unsubscribe/{token}/fewer", responses=NOT_FOUND, response_model_exclude_none=True,
             summary="Stay subscribed, but hear of the topic in a daily or weekly digest")
async def fewer(token: str, body: Fewer, links: LinksDep, uow: UnitOfWorkDep) -> UnsubscribeResult:
    subscription = await unsubscribing.fewer(uow, unsubscribe_link(links, token), body.frequency)
    return UnsubscribeResult(result="fewer", frequency=subscription.frequency)


@router.get("/preferences/{token}", responses=NOT_FOUND, summary="A contact's own preferences")
async def preferences_page(token: str, links: LinksDep, uow: UnitOfWorkDep) -> OwnPreferencesPublic:
    data = read(links, token, PREFERENCES)
    (contact_id,) = ids(data, "contact_id")
    found = await own_preferences.own_preferences(uow, data["tenant"], _given(contact_id))
    return own_public(data["tenant"], found)


@router.put("/preferences/{token}", responses=NOT_FOUND, summary="Change one's own preferences (parts may be left out)")
async def change_preferences(token: str, body: OwnPreferencesUpdate, links: LinksDep,
                             uow: UnitOfWorkDep) -> OwnPreferencesPublic:
    data = read(links, token, PREFERENCES)
    (contact_id,) = ids(data, "contact_id")
    followed, change = own_change(body)
    found = await own_preferences.change_own_preferences(uow, data["tenant"], _given(contact_id), followed, change)
    return own_public(data["tenant"], found)


@router.get("/council-details/{token}", responses=NOT_FOUND, summary="A council's details, to confirm or correct")
async def council_details_page(token: str, links: LinksDep, uow: UnitOfWorkDep) -> CouncilDetailsPublic:
    data = read(links, token, COUNCIL_DETAILS)
    organisation_id, contact_id = ids(data, "organisation_id", "contact_id")
    found = await organisations.council_details(uow, data["tenant"], _given(organisation_id), contact_id)
    return CouncilDetailsPublic.of(found)


@router.post("/council-details/{token}", responses=NOT_FOUND,
             summary="Confirm a council's details are still correct, or correct one's own")
async def confirm_council_details(token: str, body: Annotated[CouncilDetailsAnswer, Body()], links: LinksDep,
                                  uow: UnitOfWorkDep) -> CouncilDetailsPublic:
    data = read(links, token, COUNCIL_DETAILS)
    organisation_id, contact_id = ids(data, "organisation_id", "contact_id")
    found = await organisations.confirm_council_details(uow, data["tenant"], _given(organisation_id), contact_id,
                                                        body.correction())
    return CouncilDetailsPublic.of(found)


def _given(value: uuid.UUID | None) -> uuid.UUID:
    if value is None:
        raise NotFound("this link is not valid")
    return value
