"""Consultation use cases: build, publish, correct, extend, open and close on time, publish results and outcome."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from peel.common.errors import NotFound
from peel.common.events import Event
from peel.consultation.domain.commands import (
    CloseConsultation,
    CreateConsultation,
    EditConsultation,
    ExtendClosing,
    PublishConsultation,
    PublishOutcome,
    PublishResults,
)
from peel.consultation.domain.drafting import DraftParts, revised_questions, unschedule
from peel.consultation.domain.lifecycle import REVISE
from peel.consultation.domain.listing import CLOSED_LISTED, OfficeListing, office_listing
from peel.consultation.domain.model import Consultation, CorrectionRecord
from peel.consultation.domain.texts import Rewording
from peel.consultation.service_layer.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


async def create_consultation(command: CreateConsultation, uow: UnitOfWork, clock: Clock = utc_now) -> Consultation:
    consultation = Consultation(
        id=uuid.uuid4(), tenant=command.tenant, title=command.title, kind=command.kind,
        closes_at=command.closes_at, questions=command.questions, created_at=clock(), opens_at=command.opens_at,
        requires_welsh=command.requires_welsh, results_embargoed=command.results_embargoed, precept=command.precept,
        summary=command.summary, sections=command.sections,
    )
    async with uow:
        await uow.consultations.add(consultation)
        await uow.commit()
    return consultation


async def edit_consultation(command: EditConsultation, uow: UnitOfWork, clock: Clock = utc_now) -> Consultation:
    """Revise a draft; correct a published consultation's text, recording each change and telling reporting."""
    async with uow:
        consultation = await tenants_consultation(uow, command.tenant, command.consultation_id)
        if consultation.is_published:
            _refuse_other_changes(consultation, command)
            await _correct(uow, consultation, command, clock())
        else:
            _revise_draft(consultation, command)
        await uow.consultations.save(consultation)
        await uow.commit()
    return consultation


def _revise_draft(consultation: Consultation, command: EditConsultation) -> None:
    """Any part of a draft; the questions a draft Plan's sections or a precept's proposal bring follow them."""
    questions = revised_questions(consultation, DraftParts(command.questions, command.sections, command.precept))
    if command.unschedule:
        unschedule(consultation)
    consultation.revise_draft(
        title=command.title, summary=command.summary, closes_at=command.closes_at, opens_at=command.opens_at,
        questions=questions, requires_welsh=command.requires_welsh, results_embargoed=command.results_embargoed,
        sections=command.sections, precept=command.precept,
    )
    consultation.correct_text(_rewordings(command, drafting=True))


async def _correct(uow: UnitOfWork, consultation: Consultation, command: EditConsultation, now: datetime) -> None:
    corrections = consultation.correct_text(_rewordings(command, drafting=False), now)
    if corrections:
        await uow.consultations.record_corrections(consultation, corrections, command.editor, now)
        uow.emit(consultation.corrected(corrections, now), consultation.tenant)


def _rewordings(command: EditConsultation, *, drafting: bool) -> dict[str, Rewording]:
    """Every text the command corrects, by its place; a draft takes its title and summary whole instead."""
    whole = {} if drafting else {"title": command.title, "summary": command.summary}
    rewordings = {place: Rewording.of(text) for place, text in whole.items() if text}
    rewordings |= {f"questions.{key}.text": Rewording.of(text) for key, text in (command.question_texts or {}).items()}
    return rewordings | dict(command.rewordings or {})


def _refuse_other_changes(consultation: Consultation, command: EditConsultation) -> None:
    others = (command.closes_at, command.opens_at, command.questions, command.requires_welsh,
              command.results_embargoed, command.sections, command.precept, command.unschedule or None)
    if any(value is not None for value in others):
        REVISE.check(consultation.id, consultation.status)


async def corrections(tenant: str, consultation_id: uuid.UUID, uow: UnitOfWork) -> list[CorrectionRecord]:
    """The history of a consultation's corrected texts, oldest version first: who, when, before and after."""
    async with uow:
        await tenants_consultation(uow, tenant, consultation_id)
        return await uow.consultations.correction_history(consultation_id)


async def extend_closing(command: ExtendClosing, uow: UnitOfWork, clock: Clock = utc_now) -> Consultation:
    return await _change(uow, command.tenant, command.consultation_id,
                         lambda c: c.extend_closing(command.closes_at, clock()))


async def publish_consultation(command: PublishConsultation, uow: UnitOfWork, clock: Clock = utc_now) -> Consultation:
    return await _change(uow, command.tenant, command.consultation_id, lambda c: c.publish(clock()))


async def close_consultation(command: CloseConsultation, uow: UnitOfWork, clock: Clock = utc_now) -> Consultation:
    return await _change(uow, command.tenant, command.consultation_id, lambda c: c.close(clock()))


async def publish_results(command: PublishResults, uow: UnitOfWork, clock: Clock = utc_now) -> Consultation:
    return await _change(uow, command.tenant, command.consultation_id, lambda c: c.publish_results(clock()))


async def publish_outcome(command: PublishOutcome, uow: UnitOfWork, clock: Clock = utc_now) -> Consultation:
    return await _change(uow, command.tenant, command.consultation_id,
                         lambda c: c.publish_outcome(command.outcome, clock()))


async def _change(uow: UnitOfWork, tenant: str, consultation_id: uuid.UUID,
                  change: Callable[[Consultation], Event]) -> Consultation:
    """Load the tenant's consultation, change it, store it with the event the change raised."""
    async with uow:
        consultation = await tenants_consultation(uow, tenant, consultation_id)
        uow.emit(change(consultation), consultation.tenant)
        await uow.consultations.save(consultation)
        await uow.commit()
    return consultation


async def open_and_close_due(uow: UnitOfWork, clock: Clock = utc_now) -> int:
    """Open scheduled consultations whose time has come and close those whose time is up.

    The due rows are locked with SKIP LOCKED, so with several replicas each consultation
    is handled by exactly one of them, and its state change commits with its event.
    """
    now = clock()
    async with uow:
        due = await uow.consultations.due(now)
        for consultation in due:
            consultation.open_if_due(now)
            if consultation.closes_at <= now:
                uow.emit(consultation.close(now), consultation.tenant)
            await uow.consultations.save(consultation)
        await uow.commit()
    return len(due)


async def get_consultation(tenant: str, consultation_id: uuid.UUID, uow: UnitOfWork) -> Consultation:
    async with uow:
        return await tenants_consultation(uow, tenant, consultation_id)


async def list_consultations(tenant: str, uow: UnitOfWork) -> list[Consultation]:
    async with uow:
        return await uow.consultations.list(tenant)


async def get_open_consultation(consultation_id: uuid.UUID, uow: UnitOfWork, office: str | None = None) -> Consultation:
    """A consultation residents may see: published ones only; drafts, and another ``office``'s, are not found."""
    async with uow:
        consultation = await uow.consultations.get_public(consultation_id)
    if consultation is None or not consultation.is_published or office not in (None, consultation.tenant):
        raise NotFound(f"no consultation {consultation_id}")
    return consultation


async def office_consultations(office: str, uow: UnitOfWork) -> OfficeListing:
    """What an office's home page lists: never a draft, never another office's consultation."""
    async with uow:
        return office_listing(await uow.consultations.published(office, CLOSED_LISTED))


async def tenants_consultation(uow: UnitOfWork, tenant: str, consultation_id: uuid.UUID) -> Consultation:
    consultation = await uow.consultations.get(tenant, consultation_id)
    if consultation is None:
        raise NotFound(f"no consultation {consultation_id}")
    return consultation
