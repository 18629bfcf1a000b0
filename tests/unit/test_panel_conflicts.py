"""Every Panel conflict says what state the thing is in and what would be allowed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from peel.common.errors import Conflict
from peel.common.working_days import Closure
from peel.consultation.domain.panel import RejectionReason
from peel.consultation.domain.questions import Text
from peel.consultation.service_layer import panel
from peel.consultation.service_layer.panel import AnswerQuestion
from tests.unit.panel_fakes import FakeClock, FakeUnitOfWork, accepted, ask, schedule


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 2, 10, 0, tzinfo=UTC))


async def test_a_rejected_question_is_final_and_says_so(uow, clock):
    question = await ask(uow, clock, await schedule(uow, clock))
    await panel.reject_question("cheshire", question.id, "sub_judice", uow, clock)
    final = "and a rejected question is final: it cannot be accepted, answered or published$"
    with pytest.raises(Conflict, match=f"is rejected; only an accepted question can be answered, {final}"):
        await panel.answer_question(AnswerQuestion("cheshire", question.id, Text("x")), uow, clock)
    for step in (panel.accept_question, panel.publish_question):
        with pytest.raises(Conflict, match=f"is rejected; .* {final}"):
            await step("cheshire", question.id, uow, clock)


async def test_a_step_out_of_order_names_the_step_the_question_can_take(uow, clock):
    question = await accepted(uow, clock)
    with pytest.raises(Conflict, match=r"is accepted; only an answered question can be published, "
                                       r"and an accepted question can be answered$"):
        await panel.publish_question("cheshire", question.id, uow, clock)
    await panel.answer_question(AnswerQuestion("cheshire", question.id, Text("Twelve.")), uow, clock)
    with pytest.raises(Conflict, match=r"is answered; .* and an answered question can be published$"):
        await panel.reject_question("cheshire", question.id, "sub_judice", uow, clock)
    await panel.publish_question("cheshire", question.id, uow, clock)
    with pytest.raises(Conflict, match=r"is published; .* a published question is final: nothing more can be done"):
        await panel.publish_question("cheshire", question.id, uow, clock)


async def test_a_received_question_can_be_accepted_or_rejected(uow, clock):
    question = await ask(uow, clock, await schedule(uow, clock))
    with pytest.raises(Conflict, match=r"is received; .* a received question can be accepted or rejected$"):
        await panel.publish_question("cheshire", question.id, uow, clock)


async def test_a_closed_meeting_says_when_it_closed_and_where_questions_can_go(uow, clock):
    meeting = await schedule(uow, clock)
    clock.now = datetime(2026, 3, 13, 9, 0, tzinfo=UTC)
    with pytest.raises(Conflict, match=r"^submissions closed on 2026-03-12 for the meeting on 2026-03-19; questions "
                                       r"are taken until the end of the closing day, UK time, so only a later "
                                       r"meeting still taking them can be asked$"):
        await ask(uow, clock, meeting)


async def test_asking_twice_says_the_first_question_stands(uow, clock):
    meeting = await schedule(uow, clock)
    await ask(uow, clock, meeting)
    with pytest.raises(Conflict, match=r"one question per person per meeting: the question already sent stands"):
        await ask(uow, clock, meeting, email="JO@example.org")


async def test_a_repeated_rejection_reason_or_closure_says_what_to_do_instead(uow, clock):
    with pytest.raises(Conflict, match=r"already a rejection reason 'sub_judice'; .* a key not yet in use"):
        await panel.add_rejection_reason("cheshire", RejectionReason("sub_judice", Text("Again")), uow)
    closure = Closure(date(2026, 6, 1), "Staff training")
    await panel.add_closure("cheshire", closure, uow, clock)
    with pytest.raises(Conflict, match=r"already closed on 2026-06-01; .* remove that closure and add it again"):
        await panel.add_closure("cheshire", closure, uow, clock)
