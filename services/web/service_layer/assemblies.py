"""Citizens' assemblies through the scheduling service: the registration form (its questions, its office and the
signed token the service checks for bots), registering, the links registrants keep (withdraw, take or decline a
place), and what the office publishes (the selection, the recommendations and its responses)."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from peel.web.service_layer.ports import Json, NotFoundThere, Refused, WebPorts


class RegistrationClosed(Exception):
    """The assembly stopped taking registrations."""


class AlreadyRegistered(Exception):
    """This person (their email address or phone number), or this very form, has registered already."""


def _path(assembly_id: uuid.UUID, *parts: object) -> str:
    return "/".join([f"/v1/public/assemblies/{assembly_id}", *(str(part) for part in parts)])


async def registration_form(ports: WebPorts, assembly_id: uuid.UUID, resident: str) -> Json:
    """The assembly's title, remit, questions, office and a freshly signed form token."""
    return await ports.scheduling.get(_path(assembly_id, "registration-form"), resident=resident)


async def office_assembly(ports: WebPorts, tenant: str, assembly_id: uuid.UUID, resident: str) -> Json:
    """The registration form, only if the assembly is this office's: another office's is not found here."""
    form = await registration_form(ports, assembly_id, resident)
    if form.get("tenant") != tenant:
        raise NotFoundThere(f"assembly {assembly_id} is not {tenant}'s")
    return form


async def register(ports: WebPorts, assembly_id: uuid.UUID, body: Json, resident: str) -> Json:
    """The registration (its id and the token to withdraw); raises RegistrationClosed, AlreadyRegistered, or
    InvalidAnswers for the fields refused."""
    try:
        return await ports.scheduling.post(_path(assembly_id, "registrations"), resident=resident, json=body)
    except Refused as refused:
        form = await registration_form(ports, assembly_id, resident)
        raise (AlreadyRegistered() if form["registration_open"] else RegistrationClosed()) from refused


async def withdraw(ports: WebPorts, assembly_id: uuid.UUID, registrant_id: uuid.UUID, token: str,
                   resident: str) -> None:
    await ports.scheduling.post(_path(assembly_id, "registrations", registrant_id, "withdraw"), resident=resident,
                                json={"token": token})


async def reply(ports: WebPorts, assembly_id: uuid.UUID, registrant_id: uuid.UUID, token: str, taking: bool,
                resident: str) -> None:
    await ports.scheduling.post(_path(assembly_id, "registrations", registrant_id, "reply"), resident=resident,
                                json={"token": token, "confirmed": taking})


async def published_selection(ports: WebPorts, tenant: str, assembly_id: uuid.UUID,
                              resident: str) -> tuple[Json, Json | None]:
    """The assembly and its published selection (None until the members are selected)."""
    form, selection = await asyncio.gather(office_assembly(ports, tenant, assembly_id, resident),
                                           _or_none(ports.scheduling.get(_path(assembly_id, "selection"),
                                                                         resident=resident)))
    return form, selection


async def recommendations(ports: WebPorts, tenant: str, assembly_id: uuid.UUID,
                          resident: str) -> tuple[Json, list[Json]]:
    form, made = await asyncio.gather(office_assembly(ports, tenant, assembly_id, resident),
                                      ports.scheduling.get(_path(assembly_id, "recommendations"), resident=resident))
    found: Any = made
    return form, list(found)


async def _or_none(call: Any) -> Any:
    try:
        return await call
    except NotFoundThere:
        return None
