"""Use cases for setting up an assembly and recruiting to it: create, invite, register, withdraw, erase."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from peel.common.contracts.assemblies import (
    AssemblyCreated,
    MemberReplied,
    QuotaSpec,
    RegistrantErased,
    RegistrantJoined,
    RegistrantWithdrew,
)
from peel.common.errors import Conflict, FieldError, InvalidInput, NotFound
from peel.scheduling.assemblies.domain.assemblies import (
    Assembly,
    Remit,
    check_assembly,
    new_invitation_codes,
    normalise_code,
    refuse_unless_recruiting,
)
from peel.scheduling.assemblies.domain.registration import (
    Contact,
    FormKey,
    Registrant,
    RegistrantStatus,
    bot_checks,
    check_contact,
    matched_features,
)
from peel.scheduling.assemblies.service_layer.ports import (
    AlreadyRegistered,
    AssemblyAtWork,
    AssemblyUnitOfWork,
    FormUsed,
)
from peel.scheduling.clock import Clock
from peel.sortition import Quota


@dataclass(frozen=True, slots=True)
class CreateAssembly:
    title: Remit
    remit: Remit
    areas: tuple[str, ...]
    panel_size: int
    quotas: tuple[Quota, ...]
    registration_closes_at: datetime
    replacement_deadline: date
    honorarium_per_meeting_pence: int = 0


@dataclass(frozen=True, slots=True)
class Register:
    invitation_code: str
    contact: Contact
    features: dict[str, str]
    form_token: str
    honeypot: str


async def create_assembly(uow: AssemblyUnitOfWork, tenant: str, command: CreateAssembly, now: Clock) -> Assembly:
    check_assembly(command.panel_size, command.quotas, command.areas, command.registration_closes_at,
                   command.replacement_deadline)
    assembly = Assembly(uuid.uuid4(), tenant, command.title, command.remit, command.areas, command.panel_size,
                        command.quotas, command.registration_closes_at, command.replacement_deadline,
                        honorarium_per_meeting_pence=command.honorarium_per_meeting_pence)
    async with uow:
        await uow.assemblies.add(assembly, now())
        uow.emit(AssemblyCreated(
            assembly_id=assembly.id, title=assembly.title.en, areas=list(assembly.areas),
            panel_size=assembly.panel_size, registration_closes_at=assembly.registration_closes_at,
            quotas=[QuotaSpec(feature=q.feature, value=q.value, min=q.min, max=q.max) for q in assembly.quotas]),
            tenant)
        await uow.commit()
    return assembly


async def assemblies_at_work(uow: AssemblyUnitOfWork, tenant: str) -> list[AssemblyAtWork]:
    """The tenant's assemblies for its staff, with the offers and recommendations still awaiting an answer."""
    async with uow:
        return await uow.assemblies.at_work(tenant)


async def find_assembly(uow: AssemblyUnitOfWork, tenant: str | None, assembly_id: uuid.UUID,
                        lock: bool = False) -> Assembly:
    found = await uow.assemblies.get(tenant, assembly_id, lock)
    if found is None:
        raise NotFound(f"no assembly {assembly_id}")
    return found


async def invite_households(uow: AssemblyUnitOfWork, tenant: str, assembly_id: uuid.UUID, count: int,
                            now: Clock) -> list[str]:
    codes = new_invitation_codes(count)
    async with uow:
        refuse_unless_recruiting(await find_assembly(uow, tenant, assembly_id), now())
        await uow.assemblies.add_invitations(assembly_id, codes, now())
        await uow.commit()
    return codes


async def register(uow: AssemblyUnitOfWork, assembly_id: uuid.UUID, command: Register, keys: FormKey,
                   now: Clock) -> tuple[Registrant, str]:
    """The new registrant and the token that lets them withdraw."""
    at = now()
    suspicious = bot_checks(keys, command.form_token, command.honeypot, at)
    if suspicious:
        raise InvalidInput(suspicious)
    check_contact(command.contact)
    async with uow:
        assembly = await find_assembly(uow, None, assembly_id)
        refuse_unless_recruiting(assembly, at)
        registrant = Registrant(uuid.uuid4(), assembly.id, await _invitation(uow, assembly, command.invitation_code),
                                matched_features(assembly, command.features), command.contact, at)
        await _add(uow, assembly.tenant, registrant)
        await _use_form(uow, keys, command.form_token, at)
        uow.emit(RegistrantJoined(assembly_id=assembly.id, registrant_id=registrant.id,
                                  features=dict(registrant.features), joined_at=at), assembly.tenant)
        await uow.commit()
    return registrant, keys.withdrawal_token(assembly.tenant, registrant.id)


async def _invitation(uow: AssemblyUnitOfWork, assembly: Assembly, given: str) -> str:
    code = normalise_code(given)
    if not await uow.assemblies.invited(assembly.id, code):
        raise InvalidInput([FieldError(("invitation_code",), "is not a code from an invitation to this assembly")])
    return code


async def _add(uow: AssemblyUnitOfWork, tenant: str, registrant: Registrant) -> None:
    try:
        await uow.registrants.add(tenant, registrant)
    except AlreadyRegistered:
        raise Conflict("this email address or phone number is already registered for this assembly; one "
                       "registration per person: to change it, contact the Commissioner's office") from None


async def _use_form(uow: AssemblyUnitOfWork, keys: FormKey, form_token: str, at: datetime) -> None:
    """Last, so a registration refused for another reason leaves the form to be corrected and sent again."""
    try:
        await uow.registrants.use_form(form_token, keys.issued_at(form_token), at)
    except FormUsed:
        raise Conflict("this registration form was already used to register someone; to register another "
                       "member of the household, reload the form and fill it in again") from None


async def withdraw(uow: AssemblyUnitOfWork, assembly_id: uuid.UUID, registrant_id: uuid.UUID, token: str,
                   keys: FormKey, now: Clock) -> Registrant:
    async with uow:
        assembly = await find_assembly(uow, None, assembly_id, lock=True)  # queues behind selection requests
        registrant = await uow.registrants.get(assembly_id, registrant_id)
        if registrant is None or not keys.opens(assembly.tenant, registrant_id, token):
            raise NotFound(f"no registration {registrant_id}")
        if registrant.status is not RegistrantStatus.REGISTERED:
            raise Conflict(f"this registration is {registrant.status.value}; contact the office to withdraw")
        if await uow.runs.under_way(assembly.id):
            raise Conflict("the members are being drawn right now; try again in a few minutes, and if you were "
                           "drawn, decline your place instead")
        await _withdraw(uow, assembly.tenant, registrant, now())
        await uow.commit()
    return registrant


async def _withdraw(uow: AssemblyUnitOfWork, tenant: str, registrant: Registrant, at: datetime) -> None:
    await uow.registrants.set_status([registrant.id], RegistrantStatus.WITHDRAWN, at)
    uow.emit(RegistrantWithdrew(assembly_id=registrant.assembly_id, registrant_id=registrant.id, withdrew_at=at),
             tenant)


async def erase_registrant(uow: AssemblyUnitOfWork, tenant: str, assembly_id: uuid.UUID, registrant_id: uuid.UUID,
                           now: Clock) -> Registrant:
    """Erase a registrant's personal data on request; erasing again answers the same and changes nothing."""
    at = now()
    async with uow:
        assembly = await find_assembly(uow, tenant, assembly_id, lock=True)  # queues behind selection requests
        registrant = await uow.registrants.get(assembly_id, registrant_id)
        if registrant is None:
            raise NotFound(f"no registrant {registrant_id}")
        if registrant.erased_at is None:
            registrant = await _erase(uow, assembly, registrant, at)
            await uow.commit()
    return registrant


async def _erase(uow: AssemblyUnitOfWork, assembly: Assembly, registrant: Registrant, at: datetime) -> Registrant:
    """One still in the pool is withdrawn first; not while a selection is under way, which may draw them."""
    if registrant.status is RegistrantStatus.REGISTERED:
        if await uow.runs.under_way(assembly.id):
            raise Conflict("a selection for this assembly is under way; erase this registrant once it has finished")
        await _withdraw(uow, assembly.tenant, registrant, at)
    await uow.registrants.erase(registrant.id, at)
    uow.emit(RegistrantErased(assembly_id=assembly.id, registrant_id=registrant.id, erased_at=at), assembly.tenant)
    return registrant.erased(at)


async def reply(uow: AssemblyUnitOfWork, assembly_id: uuid.UUID, registrant_id: uuid.UUID, token: str,
                confirmed: bool, keys: FormKey, now: Clock) -> str:
    """A selected member takes or declines their place, with the token from registering."""
    async with uow:
        assembly = await find_assembly(uow, None, assembly_id)
        registrant = await uow.registrants.get(assembly_id, registrant_id)
        if registrant is None or not keys.opens(assembly.tenant, registrant_id, token):
            raise NotFound(f"no registration {registrant_id}")
        answer = registrant.replying(confirmed)
        await uow.registrants.set_reply(registrant_id, answer, now())
        uow.emit(MemberReplied(assembly_id=assembly_id, registrant_id=registrant_id, reply=answer,
                               replied_at=now()), assembly.tenant)
        await uow.commit()
    return answer
