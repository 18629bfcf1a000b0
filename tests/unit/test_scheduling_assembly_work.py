"""An assembly at work, in the domain: pay follows attendance, responses and progress follow their rules."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from peel.common.errors import Conflict, InvalidInput
from peel.scheduling.assemblies.domain.assembly_meetings import (
    Expense,
    ExpenseCategory,
    MeetingFormat,
    check_meeting,
    check_members,
    pay,
    require_attended,
)
from peel.scheduling.assemblies.domain.assembly_outcomes import (
    Decision,
    Progress,
    Recommendation,
    Response,
    check_support,
)

NOW = datetime(2027, 5, 1, 12, tzinfo=UTC)
A, B, C = (uuid.uuid4() for _ in range(3))
FIRST, SECOND = uuid.uuid4(), uuid.uuid4()


def test_honorarium_is_per_meeting_attended_and_expenses_only_for_those():
    attended = {FIRST: {A, B}, SECOND: {A}}
    expenses = [Expense(uuid.uuid4(), A, SECOND, ExpenseCategory.TRAVEL, 900),
                Expense(uuid.uuid4(), B, SECOND, ExpenseCategory.CHILDCARE, 3000)]   # B missed the second
    owed = {row.member_id: row for row in pay([A, B, C], attended, expenses, 4000)}
    assert (owed[A].meetings_attended, owed[A].total_pence) == (2, 8900)
    assert (owed[B].meetings_attended, owed[B].total_pence) == (1, 4000)
    assert owed[C].total_pence == 0
    with pytest.raises(Conflict):
        require_attended(attended, B, SECOND)


def test_meetings_need_a_venue_in_person_and_none_online_and_members_from_the_panel():
    with pytest.raises(InvalidInput) as error:
        check_meeting(MeetingFormat.ONLINE, uuid.uuid4(), NOW, NOW)
    assert {e.location for e in error.value.errors} == {("venue_id",), ("ends_at",)}
    with pytest.raises(InvalidInput):
        check_members([A, B], [C], "attended")


def test_a_response_is_given_once_with_a_date_unless_not_accepted_and_progress_ends_when_done():
    made = Recommendation(uuid.uuid4(), uuid.uuid4(), 1, "Safe havens", None, 0.8, NOW)
    assert made.state == "awaiting_response"
    with pytest.raises(Conflict):
        made.update(Progress(NOW, "early", False))
    with pytest.raises(InvalidInput):
        made.respond(Response(Decision.ACCEPTED, "Yes", None, NOW))
    refused = made.respond(Response(Decision.NOT_ACCEPTED, "Not affordable", None, NOW))
    assert refused.state == "not_accepted"
    with pytest.raises(Conflict):
        refused.update(Progress(NOW, "anyway", False))
    accepted = made.respond(Response(Decision.ACCEPTED, "Yes", date(2027, 12, 1), NOW))
    with pytest.raises(Conflict):
        accepted.respond(Response(Decision.ACCEPTED, "Again", date(2027, 12, 1), NOW))
    done = accepted.update(Progress(NOW, "half", False)).update(Progress(NOW, "all", True))
    assert done.state == "done"
    with pytest.raises(Conflict):
        done.update(Progress(NOW, "more", False))
    with pytest.raises(InvalidInput):
        check_support(1.2)
