import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from peel.common.contracts.notifications.cascade import BulletinAcknowledged, CouncilChased, CouncilIncluded
from peel.common.errors import Conflict, InvalidInput, NotFound
from peel.notifications.cascade.domain.acknowledgements import (
    Acknowledgement,
    AckState,
    Answer,
    ChasePolicy,
    acknowledge,
    chase_due,
)
from peel.notifications.cascade.domain.chasers import ChaserFacts, render_chaser
from peel.notifications.cascade.service_layer import acknowledgements
from peel.notifications.cascade.service_layer.chasers import send_chasers
from peel.notifications.cascade.service_layer.ports import Counts, Inclusion
from tests.support.fake_events import FakeEventsUnitOfWork

NOW = datetime(2027, 2, 1, 9, 0, tzinfo=UTC)
BULLETIN = uuid.uuid4()
POLICY = ChasePolicy(timedelta(days=7), 2)


def record(**changes: object) -> Acknowledgement:
    base = Acknowledgement(uuid.uuid4(), "cheshire", BULLETIN, uuid.uuid4(), "crewe", "office", "cascade",
                           NOW - timedelta(days=10))
    return replace(base, **changes)


class FakeAcknowledgements:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, Acknowledgement] = {}
        self.found: list[Inclusion] = []

    async def inclusions(self, since: datetime, bulletin_id: uuid.UUID | None = None) -> list[Inclusion]:
        known = {(row.bulletin_id, row.organisation_id) for row in self.rows.values()}
        return [found for found in self.found if (found.bulletin_id, found.organisation_id) not in known
                and (bulletin_id is None or found.bulletin_id == bulletin_id) and found.at >= since]

    async def add(self, records: list[Acknowledgement]) -> list[Acknowledgement]:
        stored = []
        for row in records:
            if not any((r.bulletin_id, r.organisation_id) == (row.bulletin_id, row.organisation_id)
                       for r in self.rows.values()):
                self.rows[row.id] = row
                stored.append(row)
        return stored

    async def get(self, tenant: str, bulletin_id: uuid.UUID, organisation_id: uuid.UUID,
                  for_update: bool = False) -> Acknowledgement | None:
        return next((row for row in self.rows.values() if (row.tenant, row.bulletin_id, row.organisation_id)
                     == (tenant, bulletin_id, organisation_id)), None)

    async def save(self, row: Acknowledgement) -> None:
        self.rows[row.id] = row

    async def to_chase(self, waited_since: datetime, most_chasers: int, limit: int) -> list[Acknowledgement]:
        return [row for row in self.rows.values() if row.state is None and row.chasers_sent < most_chasers
                and (row.last_chased_at or row.included_at) <= waited_since][:limit]

    async def of_bulletin(self, tenant: str, bulletin_id: uuid.UUID, state: str | None) -> list[Acknowledgement]:
        return [row for row in self.rows.values() if row.tenant == tenant and row.bulletin_id == bulletin_id
                and (state is None or (state == "none" and row.state is None) or row.state == state)]

    async def counts(self, tenant: str, bulletin_id: uuid.UUID) -> Counts:
        rows = await self.of_bulletin(tenant, bulletin_id, None)
        states = [row.state for row in rows]
        return Counts(len(rows), sum(s is not None for s in states), states.count(AckState.RECEIVED),
                      states.count(AckState.SHARED), states.count(AckState.ON_AGENDA),
                      sum(row.chasers_sent > 0 for row in rows))


class FakeChasers:
    def __init__(self, reachable: bool = True) -> None:
        self.references: list[str] = []
        self.reachable = reachable

    async def add(self, row: Acknowledgement, reference: str, now: datetime) -> uuid.UUID | None:
        if not self.reachable:
            return None
        self.references.append(reference)
        return uuid.uuid4()


class FakeCouncils:
    async def name(self, tenant: str, organisation_id: uuid.UUID) -> str | None:
        return "Wybunbury Parish Council"

    async def bulletin_title(self, tenant: str, bulletin_id: uuid.UUID) -> dict[str, str]:
        return {"en": "Policing plan", "cy": "Cynllun plismona"}


class FakeUnitOfWork(FakeEventsUnitOfWork):
    def __init__(self, reachable: bool = True) -> None:
        super().__init__()
        self.acknowledgements = FakeAcknowledgements()
        self.chasers = FakeChasers(reachable)
        self.councils = FakeCouncils()


# States only move forward

def test_a_council_moves_from_received_to_shared_to_on_agenda() -> None:
    row = record()
    row, received = acknowledge(row, Answer(AckState.RECEIVED), NOW)
    row, shared = acknowledge(row, Answer(AckState.SHARED), NOW)
    row, agenda = acknowledge(row, Answer(AckState.ON_AGENDA, date(2027, 2, 14)), NOW)
    assert [received.state, shared.state, agenda.state] == ["received", "shared", "on_agenda"]
    assert row.state is AckState.ON_AGENDA and row.agenda_date == date(2027, 2, 14)
    assert isinstance(agenda, BulletinAcknowledged) and agenda.area == "crewe"


def test_a_council_may_skip_ahead_but_never_go_back() -> None:
    row, _ = acknowledge(record(), Answer(AckState.SHARED), NOW)
    with pytest.raises(Conflict):
        acknowledge(row, Answer(AckState.RECEIVED), NOW)


def test_saying_the_same_again_changes_nothing_and_emits_nothing() -> None:
    row, _ = acknowledge(record(), Answer(AckState.RECEIVED), NOW)
    again, event = acknowledge(row, Answer(AckState.RECEIVED), NOW + timedelta(hours=1))
    assert event is None and again == row


def test_an_agenda_date_may_be_corrected() -> None:
    row, _ = acknowledge(record(), Answer(AckState.ON_AGENDA, date(2027, 2, 14)), NOW)
    row, event = acknowledge(row, Answer(AckState.ON_AGENDA, date(2027, 3, 14)), NOW)
    assert event is not None and row.agenda_date == date(2027, 3, 14)


def test_on_agenda_needs_its_date_named_as_the_field() -> None:
    with pytest.raises(InvalidInput) as raised:
        acknowledge(record(), Answer(AckState.ON_AGENDA), NOW)
    assert raised.value.errors[0].location == ("body", "agenda_date")


# Chaser timing and limits

def test_a_council_is_chased_only_after_the_wait() -> None:
    assert not chase_due(record(included_at=NOW - timedelta(days=6, hours=23)), POLICY, NOW)
    assert chase_due(record(included_at=NOW - timedelta(days=7)), POLICY, NOW)


def test_chasers_are_spaced_and_limited() -> None:
    once = record(chasers_sent=1, last_chased_at=NOW - timedelta(days=3))
    assert not chase_due(once, POLICY, NOW)
    assert chase_due(replace(once, last_chased_at=NOW - timedelta(days=7)), POLICY, NOW)
    assert not chase_due(record(chasers_sent=2, last_chased_at=NOW - timedelta(days=30)), POLICY, NOW)


def test_an_acknowledged_council_is_never_chased() -> None:
    assert not chase_due(record(state=AckState.RECEIVED), POLICY, NOW)


async def test_send_chasers_writes_at_most_the_limit_spaced_by_the_wait() -> None:
    uow = FakeUnitOfWork()
    row = record(included_at=NOW - timedelta(days=7))
    await uow.acknowledgements.save(row)
    moments = [NOW, NOW + timedelta(days=1), NOW + timedelta(days=7), NOW + timedelta(days=14),
               NOW + timedelta(days=30)]
    written = [await send_chasers(uow, POLICY, moment) for moment in moments]
    assert written == [1, 0, 1, 0, 0]
    assert uow.chasers.references == [f"chaser:{BULLETIN}:{row.organisation_id}:1",
                                      f"chaser:{BULLETIN}:{row.organisation_id}:2"]
    chased = uow.events(CouncilChased)
    assert [event.chaser for event in chased] == [1, 2]
    assert uow.acknowledgements.rows[row.id].chasers_sent == 2


async def test_a_council_that_answered_is_not_chased() -> None:
    uow = FakeUnitOfWork()
    row = record(included_at=NOW - timedelta(days=8))
    await uow.acknowledgements.save(row)
    await acknowledgements.answer(uow, row.tenant, BULLETIN, row.organisation_id, Answer(AckState.RECEIVED), NOW)
    assert await send_chasers(uow, POLICY, NOW) == 0 and uow.chasers.references == []


async def test_a_council_with_no_clerk_or_inbox_is_not_counted_as_chased() -> None:
    uow = FakeUnitOfWork(reachable=False)
    row = record(included_at=NOW - timedelta(days=8))
    await uow.acknowledgements.save(row)
    assert await send_chasers(uow, POLICY, NOW) == 0
    assert uow.acknowledgements.rows[row.id].chasers_sent == 0


# Inclusion and the public answer

async def test_councils_are_included_once_with_their_event() -> None:
    uow = FakeUnitOfWork()
    organisation = uuid.uuid4()
    uow.acknowledgements.found = [Inclusion("cheshire", BULLETIN, organisation, "nantwich", "office", "cascade",
                                            NOW)]
    assert await acknowledgements.include_councils(uow, NOW) == 1
    assert await acknowledgements.include_councils(uow, NOW) == 0
    included = uow.events(CouncilIncluded)
    assert [(event.organisation_id, event.area) for event in included] == [(organisation, "nantwich")]


async def test_a_council_following_its_link_before_the_task_is_found_at_once() -> None:
    uow = FakeUnitOfWork()
    organisation = uuid.uuid4()
    uow.acknowledgements.found = [Inclusion("cheshire", BULLETIN, organisation, "nantwich", "office", "cascade",
                                            NOW)]
    view = await acknowledgements.view(uow, "cheshire", BULLETIN, organisation, NOW)
    assert view.record.state is None and view.council == "Wybunbury Parish Council"


async def test_another_tenants_bulletin_is_not_found() -> None:
    uow = FakeUnitOfWork()
    row = record()
    await uow.acknowledgements.save(row)
    with pytest.raises(NotFound):
        await acknowledgements.answer(uow, "another", BULLETIN, row.organisation_id, Answer(AckState.RECEIVED), NOW)


async def test_the_chase_list_and_counts_follow_the_answers() -> None:
    uow = FakeUnitOfWork()
    rows = [record(), record(), record()]
    for row in rows:
        await uow.acknowledgements.save(row)
    await acknowledgements.answer(uow, "cheshire", BULLETIN, rows[0].organisation_id, Answer(AckState.SHARED), NOW)
    to_chase, counts = await acknowledgements.of_bulletin(uow, "cheshire", BULLETIN, "none")
    assert {row.id for row in to_chase} == {rows[1].id, rows[2].id}
    assert (counts.councils, counts.acknowledged, counts.shared) == (3, 1, 1)


# What a chaser says

def test_a_chaser_is_welsh_first_for_a_welsh_clerk_with_lang_on_each_part() -> None:
    facts = ChaserFacts({"en": "Policing plan", "cy": "Cynllun plismona"}, "Cyngor Cymuned Llan",
                        {"en": "https://pages/en/x/acknowledge/t", "cy": "https://pages/cy/x/acknowledge/t"}, "cy", 1)
    content = render_chaser(facts)
    assert content.language == "cy, en"
    assert content.subject.startswith("Nodyn atgoffa") and "Cynllun plismona" in content.subject
    assert content.html.index('lang="cy"') < content.html.index('lang="en"')
    assert "https://pages/cy/x/acknowledge/t" in content.text and "https://pages/en/x/acknowledge/t" in content.text


def test_a_chaser_escapes_a_council_name_in_html() -> None:
    facts = ChaserFacts({"en": "Plan"}, "<b>Council</b>", {"en": "u", "cy": "v"}, "en", 2)
    assert "<b>Council</b>" not in render_chaser(facts).html
