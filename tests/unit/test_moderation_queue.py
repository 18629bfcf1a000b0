"""Staff's moderation queue (consented free text awaiting a decision) and the log of decisions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from peel.common.errors import NotFound
from peel.consultation.domain.commands import CreateConsultation, ModerateFreeText, PublishConsultation, SubmitResponse
from peel.consultation.domain.model import ConsultationKind
from peel.consultation.domain.questions import Question, QuestionType, Text
from peel.consultation.service_layer import handlers, moderation, responses
from tests.unit.response_fakes import ModerationUnitOfWork

START = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)


class Clock:
    """A minute passes at every reading, so that each response and decision has its own moment."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


async def survey(uow: ModerationUnitOfWork, clock: Clock, tenant: str = "cheshire"):
    questions = tuple(Question(key, QuestionType.FREE_TEXT, Text(key), required=False, max_length=200)
                      for key in ("comments", "ideas"))
    created = await handlers.create_consultation(
        CreateConsultation(tenant, Text("Priorities"), ConsultationKind.SURVEY, START + timedelta(days=9), questions),
        uow, clock)
    await handlers.publish_consultation(PublishConsultation(tenant, created.id), uow, clock)
    return created.id


async def test_the_queue_holds_consented_free_text_without_a_decision_oldest_first_a_page_at_a_time():
    uow, clock = ModerationUnitOfWork(), Clock()
    consultation_id = await survey(uow, clock)
    other = await survey(uow, clock)
    first = await responses.submit_response(
        SubmitResponse(consultation_id, {"comments": "More patrols", "ideas": "Speed cameras"}, publishable=True),
        uow, clock)
    await responses.submit_response(SubmitResponse(consultation_id, {"comments": "Private"}), uow, clock)
    last = await responses.submit_response(SubmitResponse(consultation_id, {"comments": "Lighting"}, publishable=True),
                                           uow, clock)
    await responses.submit_response(SubmitResponse(other, {"comments": "Elsewhere"}, publishable=True), uow, clock)

    page = await moderation.awaiting_moderation("cheshire", consultation_id, uow, limit=2)
    assert [(item.response_id, item.question, item.text) for item in page] == [
        (first.response_id, "comments", "More patrols"), (first.response_id, "ideas", "Speed cameras")]
    rest = await moderation.awaiting_moderation("cheshire", consultation_id, uow, after=page[-1].place, limit=2)
    assert [(item.response_id, item.text) for item in rest] == [(last.response_id, "Lighting")]

    await responses.moderate_free_text(ModerateFreeText("cheshire", consultation_id, first.response_id, "ideas",
                                                        "approved", "no names", "officer-2"), uow, clock)
    waiting = await moderation.awaiting_moderation("cheshire", consultation_id, uow)
    assert [item.text for item in waiting] == ["More patrols", "Lighting"]


async def test_the_log_shows_who_decided_what_when_and_why():
    uow, clock = ModerationUnitOfWork(), Clock()
    consultation_id = await survey(uow, clock)
    receipt = await responses.submit_response(
        SubmitResponse(consultation_id, {"comments": "PC Smith was rude", "ideas": "More patrols"}, publishable=True),
        uow, clock)
    for question, decision, reason in (("comments", "redacted", "names an officer"), ("ideas", "approved", "fine")):
        await responses.moderate_free_text(ModerateFreeText("cheshire", consultation_id, receipt.response_id, question,
                                                            decision, reason, "officer-2"), uow, clock)
    log = await moderation.moderation_log("cheshire", consultation_id, uow)
    assert [(e.question, e.decision, e.reason, e.moderator) for e in log] == [
        ("comments", "redacted", "names an officer", "officer-2"), ("ideas", "approved", "fine", "officer-2")]
    assert log[0].moderated_at < log[1].moderated_at
    assert await moderation.moderation_log("cheshire", consultation_id, uow, after=log[0].place) == log[1:]


async def test_another_offices_consultation_is_not_found():
    uow, clock = ModerationUnitOfWork(), Clock()
    consultation_id = await survey(uow, clock)
    with pytest.raises(NotFound):
        await moderation.awaiting_moderation("dyfed-powys", consultation_id, uow)
    with pytest.raises(NotFound):
        await moderation.moderation_log("dyfed-powys", consultation_id, uow)
