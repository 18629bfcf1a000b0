"""Citizens' assemblies: staff set them up, invite households and run the selection; residents register."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, status
from fastapi.exceptions import RequestValidationError

from peel.common.errors import NotFound
from peel.scheduling.assemblies.domain.assembly_selection import RunKind, SelectionRequest
from peel.scheduling.assemblies.domain.registration import REGISTRATION_PAGES, FormKey
from peel.scheduling.assemblies.entrypoints.http.assembly_schemas import (
    AssemblyCreate,
    AssemblyForStaff,
    AssemblyListed,
    AssemblyPublic,
    InvitationsCreate,
    Registered,
    RegistrantView,
    RegistrationCreate,
    RegistrationForm,
    ReplacementCreate,
    Reply,
    RunView,
    SelectionCreate,
)
from peel.scheduling.assemblies.service_layer import assemblies, assembly_selection
from peel.scheduling.assemblies.service_layer.ports import AssemblyUnitOfWork
from peel.scheduling.http.dependencies import Now, PublicRateLimit, Reader, Staff
from peel.scheduling.http.link_forms import (
    LinkForm,
    LinkToken,
    given_once,
    link_form,
    link_form_body,
    pages_instead_of_get,
)


async def assembly_unit_of_work(request: Request) -> AssemblyUnitOfWork:
    return request.app.state.adapters.assemblies()


async def form_key(request: Request) -> FormKey:
    return request.app.state.runtime.settings.form_key


AssemblyWork = Annotated[AssemblyUnitOfWork, Depends(assembly_unit_of_work)]
Forms = Annotated[FormKey, Depends(form_key)]
NOT_FOUND = {404: {"description": "No such assembly"}}
TENANT = r"^[a-z0-9][a-z0-9-]{1,62}$"

staff = APIRouter(prefix="/v1/scheduling/assemblies", tags=["Citizens' assemblies (staff)"])
public = APIRouter(prefix="/v1/public/assemblies", tags=["Citizens' assemblies (public)"],
                   dependencies=[PublicRateLimit])
office = APIRouter(prefix="/v1/public/{tenant}/assemblies", tags=["Citizens' assemblies (public)"],
                   dependencies=[PublicRateLimit])


@staff.post("", status_code=status.HTTP_201_CREATED, summary="Set up an assembly: remit, panel size and quotas")
async def create_assembly(body: AssemblyCreate, principal: Staff, uow: AssemblyWork, clock: Now) -> AssemblyPublic:
    return AssemblyPublic.of(await assemblies.create_assembly(uow, principal.tenant, body.to_command(), clock))


@staff.get("", summary="Your tenant's assemblies, newest first, with the offers and recommendations awaiting "
                         "an answer")
async def list_assemblies(principal: Reader, uow: AssemblyWork) -> list[AssemblyForStaff]:
    return [AssemblyForStaff.at_work(found) for found in await assemblies.assemblies_at_work(uow, principal.tenant)]


@staff.get("/{assembly_id}", summary="An assembly and its current panel", responses=NOT_FOUND)
async def get_assembly(assembly_id: uuid.UUID, principal: Reader, uow: AssemblyWork) -> AssemblyPublic:
    async with uow:
        return AssemblyPublic.of(await assemblies.find_assembly(uow, principal.tenant, assembly_id))


@staff.post("/{assembly_id}/invitations", status_code=status.HTTP_201_CREATED, responses=NOT_FOUND,
            summary="Codes for invitation letters, one per household")
async def invite(assembly_id: uuid.UUID, body: InvitationsCreate, principal: Staff, uow: AssemblyWork,
                 clock: Now) -> list[str]:
    return await assemblies.invite_households(uow, principal.tenant, assembly_id, body.count, clock)


@staff.get("/{assembly_id}/registrants", responses=NOT_FOUND,
           summary="Who registered, with contact details (organising staff only)")
async def registrants(assembly_id: uuid.UUID, principal: Staff, uow: AssemblyWork) -> list[RegistrantView]:
    async with uow:
        await assemblies.find_assembly(uow, principal.tenant, assembly_id)
        found = await uow.registrants.of_assembly(assembly_id)
    return [RegistrantView.of(registrant) for registrant in found]


@staff.post("/{assembly_id}/registrants/{registrant_id}/erase", responses={
    404: {"description": "No such assembly or registrant"},
    409: {"description": "A selection is under way that may draw this registrant"}},
    summary="Erase a registrant's name, contact details, address and access needs on request (organising staff)")
async def erase_registrant(assembly_id: uuid.UUID, registrant_id: uuid.UUID, principal: Staff, uow: AssemblyWork,
                           clock: Now) -> RegistrantView:
    return RegistrantView.of(await assemblies.erase_registrant(uow, principal.tenant, assembly_id, registrant_id,
                                                               clock))


async def _run(uow: AssemblyUnitOfWork, tenant: str, assembly_id: uuid.UUID, request: SelectionRequest,
               clock: Now) -> RunView:
    run_id = await assembly_selection.request_run(uow, tenant, assembly_id, request, clock)
    async with uow:
        return RunView.of(await uow.runs.get(tenant, assembly_id, run_id))


@staff.post("/{assembly_id}/selections", status_code=status.HTTP_202_ACCEPTED,
            responses=NOT_FOUND | {409: {"description": "Already selected, or a selection is under way"}},
            summary="Select the members from the registrants, in the background")
async def select_members(assembly_id: uuid.UUID, body: SelectionCreate, principal: Staff, uow: AssemblyWork,
                         clock: Now) -> RunView:
    seed = assembly_selection.new_seed() if body.seed is None else body.seed
    return await _run(uow, principal.tenant, assembly_id, SelectionRequest(RunKind.SELECTION, body.algorithm, seed),
                      clock)


@staff.post("/{assembly_id}/replacements", status_code=status.HTTP_202_ACCEPTED,
            responses=NOT_FOUND | {409: {"description": "Nothing selected yet, past the deadline, or under way"}},
            summary="Replace drop-outs, keeping the whole panel's quotas, in the background")
async def replace_members(assembly_id: uuid.UUID, body: ReplacementCreate, principal: Staff, uow: AssemblyWork,
                          clock: Now) -> RunView:
    seed = assembly_selection.new_seed() if body.seed is None else body.seed
    request = SelectionRequest(RunKind.REPLACEMENT, body.algorithm, seed, tuple(body.dropouts))
    return await _run(uow, principal.tenant, assembly_id, request, clock)


@staff.get("/{assembly_id}/selections/{run_id}", summary="A selection run: its state and, when done, its panel",
           responses={404: {"description": "No such run"}})
async def get_run(assembly_id: uuid.UUID, run_id: uuid.UUID, principal: Reader, uow: AssemblyWork) -> RunView:
    async with uow:
        run = await uow.runs.get(principal.tenant, assembly_id, run_id)
    if run is None:
        raise NotFound(f"no selection run {run_id}")
    return RunView.of(run)


@office.get("", summary="An office's assemblies, newest first: those taking registrations, and those selected")
async def office_assemblies(tenant: Annotated[str, Path(pattern=TENANT)], uow: AssemblyWork,
                            clock: Now) -> list[AssemblyListed]:
    now = clock()
    async with uow:
        return [AssemblyListed.of(assembly, now) for assembly in await uow.assemblies.of_tenant(tenant)]


@public.get("/{assembly_id}/registration-form", responses=NOT_FOUND,
            summary="The questions to answer, and the token the form must send back")
async def registration_form(assembly_id: uuid.UUID, uow: AssemblyWork, keys: Forms, clock: Now) -> RegistrationForm:
    async with uow:
        assembly = await assemblies.find_assembly(uow, None, assembly_id)
    questions: dict[str, list[str]] = {}
    for quota in assembly.quotas:
        questions.setdefault(quota.feature, []).append(quota.value)
    view, now = AssemblyPublic.of(assembly), clock()
    return RegistrationForm(assembly_id=assembly.id, tenant=assembly.tenant, title=view.title, remit=view.remit,
                            questions=questions, registration_closes_at=assembly.registration_closes_at,
                            registration_open=assembly.registration_open(now), form_token=keys.issue(now))


@public.post("/{assembly_id}/registrations", status_code=status.HTTP_201_CREATED,
             responses=NOT_FOUND | {409: {"description": "Registration closed, or already registered"}},
             summary="Register from an invitation letter")
async def register(assembly_id: uuid.UUID, body: RegistrationCreate, uow: AssemblyWork, keys: Forms,
                   clock: Now) -> Registered:
    registrant, token = await assemblies.register(uow, assembly_id, body.to_command(), keys, clock)
    return Registered(registrant_id=registrant.id, status=registrant.status.value, withdrawal_token=token)


WITHDRAW, REPLY = (f"/{{assembly_id}}/registrations/{{registrant_id}}/{action}" for action in ("withdraw", "reply"))


@public.post(WITHDRAW, responses={404: {"description": "No such registration, or the token does not open it"}},
             summary="Withdraw with the token from registering (in the query, or in a JSON or form body)",
             openapi_extra=link_form_body(LinkForm))
async def withdraw(assembly_id: uuid.UUID, registrant_id: uuid.UUID, form: LinkToken, uow: AssemblyWork, keys: Forms,
                   clock: Now) -> dict[str, str]:
    await assemblies.withdraw(uow, assembly_id, registrant_id, form.token, keys, clock)
    return {"status": "withdrawn"}


@public.post(REPLY, responses={
    404: {"description": "No such registration, or the token does not open it"},
    409: {"description": "Not selected, or already replied"}},
    summary="A selected member takes or declines their place", openapi_extra=link_form_body(Reply))
async def reply(assembly_id: uuid.UUID, registrant_id: uuid.UUID, form: Annotated[Reply, Depends(link_form(Reply))],
                uow: AssemblyWork, keys: Forms, clock: Now, confirmed: Annotated[bool | None, Query(
                    description="true to take the place, false to decline it (or give it in the body)")] = None,
                ) -> dict[str, str]:
    taking = _taking(confirmed, form.confirmed)
    return {"reply": await assemblies.reply(uow, assembly_id, registrant_id, form.token, taking, keys, clock)}


def _taking(in_query: bool | None, in_body: bool | None) -> bool:
    if in_body is None and in_query is None:
        raise RequestValidationError([{"loc": ("query", "confirmed"), "type": "missing",
                                       "msg": "say whether you take the place: confirmed=true, or false to decline"}])
    return given_once("confirmed", in_query, in_body)


pages_instead_of_get(public, {WITHDRAW: {"withdraw": REGISTRATION_PAGES["withdraw"]},
                              REPLY: {name: REGISTRATION_PAGES[name] for name in ("confirm", "decline")}})


@public.get("/{assembly_id}/selection", responses={404: {"description": "No selection published yet"}},
            summary="The published selection: its office, seed, algorithm, probabilities summary and distribution "
                    "(ids only)")
async def published_selection(assembly_id: uuid.UUID, uow: AssemblyWork) -> dict:
    async with uow:
        assembly = await assemblies.find_assembly(uow, None, assembly_id)
        run = await uow.runs.latest_done(assembly_id)
    if run is None:
        raise NotFound("no selection has been made yet")
    return {"tenant": assembly.tenant, "algorithm": run["algorithm"], "seed": run["seed"], "kind": run["kind"],
            "summary": run["summary"], "selected": [str(m) for m in run["selected"]],
            "distribution": run["distribution"]}
