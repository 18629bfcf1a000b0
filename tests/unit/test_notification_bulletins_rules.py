"""A bulletin's rules with fakes: a second person approves it, edits send it back to draft, only an approved one
is sent, pause/resume/cancel follow its state, and its dispatch writes each recipient's outcome once, stopping
when it is cancelled."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from peel.common.errors import Conflict, InvalidInput, NotFound
from peel.notifications.bulletins.domain.bulletins import BulletinStatus, Draft, Item, sanitise
from peel.notifications.bulletins.domain.dispatch import PAUSED_REASON
from peel.notifications.bulletins.domain.items import BulletinItem
from peel.notifications.bulletins.domain.stats import StatusCount
from peel.notifications.bulletins.service_layer import bulletins, sending
from peel.notifications.bulletins.service_layer.dispatch import dispatch
from peel.notifications.contacts.domain.audience import Audience, Recipient
from peel.notifications.contacts.domain.consents import Category, Channel
from peel.notifications.messages.domain.checks import ElectionPeriod, Frequency, RecipientFacts
from tests.support.fake_events import FakeEventsUnitOfWork

NOW = datetime(2027, 3, 1, 10, tzinfo=UTC)
DRAFT = Draft(title={"en": "News", "cy": "Newyddion"}, sender="office", category=Category.SUBSCRIPTION,
              audience=Audience(topics=("bulletin",)),
              items=(Item(title={"en": "Survey", "cy": "Arolwg"}, body={"en": "<p>Open</p>", "cy": "<p>Ar agor</p>"}),))


def clock(minutes: int = 0):
    return lambda: NOW + timedelta(minutes=minutes)


def recipient(consent: bool = True, suppression: str | None = None, frequency: Frequency = Frequency.IMMEDIATELY,
              this_week: int = 0, areas: frozenset[str] = frozenset()) -> Recipient:
    facts = RecipientFacts(consent_given=consent, suppression=suppression, frequency=frequency, weekly_cap=2,
                           non_urgent_this_week=this_week, areas=areas)
    return Recipient(uuid.uuid4(), Channel.EMAIL, f"{uuid.uuid4().hex[:8]}@example.org", "both", "bulletin", facts)


class FakeBulletins:
    def __init__(self) -> None:
        self.rows = {}

    async def add(self, bulletin) -> None:
        self.rows[bulletin.id] = bulletin

    async def get(self, tenant, bulletin_id, for_update=False):
        found = self.rows.get(bulletin_id)
        return found if found is not None and found.tenant == tenant else None

    async def save(self, bulletin) -> None:
        self.rows[bulletin.id] = bulletin

    async def list(self, tenant):
        return [bulletin for bulletin in self.rows.values() if bulletin.tenant == tenant]


class FakeMessages:
    """Messages by reference (a second write of the same reference changes nothing), like the unique index."""

    def __init__(self) -> None:
        self.rows: dict[str, dict] = {}
        self.digests: set[tuple] = set()
        self.writes = 0
        self.after_write = None

    async def write(self, bulletin, plan, now) -> None:
        self.writes += 1
        for message in plan.messages:
            self.rows.setdefault(message.reference, {"bulletin_id": bulletin.id, "status": message.status,
                                                     "reason": message.reason})
        self.digests |= {(entry.recipient.contact_id, bulletin.id) for entry in plan.digests}
        if self.after_write is not None:
            await self.after_write()

    def _change(self, bulletin_id, before: set[str], status: str, reason: str | None, only_reason=None) -> int:
        changed = [row for row in self.rows.values() if row["bulletin_id"] == bulletin_id and row["status"] in before
                   and (only_reason is None or row["reason"] == only_reason)]
        for row in changed:
            row.update(status=status, reason=reason)
        return len(changed)

    async def hold_unsent(self, tenant, bulletin_id, now) -> int:
        return self._change(bulletin_id, {"created"}, "held", PAUSED_REASON)

    async def release_held(self, tenant, bulletin_id, now) -> int:
        return self._change(bulletin_id, {"held"}, "created", None, PAUSED_REASON)

    async def cancel_unsent(self, tenant, bulletin_id, now) -> int:
        return self._change(bulletin_id, {"created", "held"}, "cancelled", "bulletin_cancelled")

    async def counts(self, tenant, bulletin_id):
        found: dict[tuple, int] = {}
        for row in self.rows.values():
            if row["bulletin_id"] == bulletin_id:
                key = (row["status"], row["reason"])
                found[key] = found.get(key, 0) + 1
        digest = sum(1 for entry in self.digests if entry[1] == bulletin_id)
        return [StatusCount(status, reason, count) for (status, reason), count in found.items()], digest, 0

    async def write_tests(self, bulletin, addresses, now):
        return [uuid.uuid4() for _ in addresses]


class FakeItems:
    def __init__(self, waiting=()) -> None:
        self.waiting = list(waiting)
        self.taken: dict[uuid.UUID, list] = {}

    async def take(self, tenant, bulletin_id, now):
        self.taken[bulletin_id], self.waiting = self.waiting, []
        return self.taken[bulletin_id]

    async def give_back(self, tenant, bulletin_id) -> None:
        self.waiting += self.taken.pop(bulletin_id, [])


class FakeAudiences:
    def __init__(self, recipients=()) -> None:
        self.found = list(recipients)

    async def recipients(self, tenant, audience, sender, channels, now):
        return list(self.found)


class FakeElections:
    def __init__(self, periods=()) -> None:
        self.periods = list(periods)

    async def in_force(self, tenant, now):
        return list(self.periods)


class FakeUnitOfWork(FakeEventsUnitOfWork):
    def __init__(self, recipients=(), waiting=(), elections=()) -> None:
        super().__init__()
        self.bulletins, self.messages, self.items = FakeBulletins(), FakeMessages(), FakeItems(waiting)
        self.audiences, self.elections = FakeAudiences(recipients), FakeElections(elections)


def event_names(uow: FakeUnitOfWork) -> list[str]:
    return [event.type_name.split(".")[-2] for event, _ in uow.published]


async def approved(uow: FakeUnitOfWork, tenant: str = "cheshire"):
    written = await bulletins.create_bulletin(uow, tenant, DRAFT, "author", False, clock())
    return await bulletins.approve_bulletin(uow, tenant, written.bulletin.id, "approver", clock(1))


async def test_a_new_bulletin_is_a_draft_with_its_reach_and_who_is_left_out_and_why():
    found = [recipient(), recipient(), recipient(consent=False), recipient(suppression="hard_bounce"),
             recipient(this_week=2), recipient(frequency=Frequency.WEEKLY)]
    uow = FakeUnitOfWork(found)
    written = await bulletins.create_bulletin(uow, "cheshire", DRAFT, "author", False, clock())
    assert written.bulletin.status is BulletinStatus.DRAFT
    assert written.estimate.recipients == {"email": 2}
    assert written.estimate.excluded == {"no_consent": 1, "suppressed": 1, "weekly_cap": 1, "election": 0,
                                         "quiet_hours": 0, "digest": 1}
    assert event_names(uow) == ["drafted"]


async def test_its_author_cannot_approve_it_but_someone_else_can():
    uow = FakeUnitOfWork()
    written = await bulletins.create_bulletin(uow, "cheshire", DRAFT, "author", False, clock())
    with pytest.raises(Conflict):
        await bulletins.approve_bulletin(uow, "cheshire", written.bulletin.id, "author", clock(1))
    done = await bulletins.approve_bulletin(uow, "cheshire", written.bulletin.id, "approver", clock(1))
    assert (done.status, done.approver) == (BulletinStatus.APPROVED, "approver")
    with pytest.raises(Conflict):
        await bulletins.approve_bulletin(uow, "cheshire", written.bulletin.id, "third", clock(2))


async def test_an_unapproved_bulletin_cannot_be_sent_and_an_approved_one_starts_sending():
    uow = FakeUnitOfWork()
    written = await bulletins.create_bulletin(uow, "cheshire", DRAFT, "author", False, clock())
    with pytest.raises(Conflict):
        await sending.send_bulletin(uow, "cheshire", written.bulletin.id, clock(1))
    await bulletins.approve_bulletin(uow, "cheshire", written.bulletin.id, "approver", clock(1))
    sent = await sending.send_bulletin(uow, "cheshire", written.bulletin.id, clock(2))
    assert sent.status is BulletinStatus.SENDING
    assert event_names(uow) == ["drafted", "approved", "dispatch_started"]


async def test_an_edit_after_approval_returns_it_to_draft_and_none_is_allowed_once_sending():
    uow = FakeUnitOfWork()
    bulletin = await approved(uow)
    edited = (await bulletins.update_bulletin(uow, "cheshire", bulletin.id, DRAFT, clock=clock(2))).bulletin
    assert (edited.status, edited.approver) == (BulletinStatus.DRAFT, None)
    await bulletins.approve_bulletin(uow, "cheshire", bulletin.id, "approver", clock(3))
    await sending.send_bulletin(uow, "cheshire", bulletin.id, clock(4))
    with pytest.raises(Conflict):
        await bulletins.update_bulletin(uow, "cheshire", bulletin.id, DRAFT, clock=clock(5))


async def test_another_tenants_bulletin_is_not_found():
    uow = FakeUnitOfWork()
    bulletin = await approved(uow)
    with pytest.raises(NotFound):
        await bulletins.get_bulletin(uow, "dyfed_powys", bulletin.id)
    with pytest.raises(NotFound):
        await sending.send_bulletin(uow, "dyfed_powys", bulletin.id, clock(2))


async def test_pause_resume_and_cancel_follow_the_state():
    uow = FakeUnitOfWork()
    written = await bulletins.create_bulletin(uow, "cheshire", DRAFT, "author", False, clock())
    with pytest.raises(Conflict):
        await sending.pause_bulletin(uow, "cheshire", written.bulletin.id, clock(1))
    with pytest.raises(Conflict):
        await sending.resume_bulletin(uow, "cheshire", written.bulletin.id, clock(1))
    await bulletins.approve_bulletin(uow, "cheshire", written.bulletin.id, "approver", clock(1))
    scheduled = await sending.schedule_bulletin(uow, "cheshire", written.bulletin.id, NOW + timedelta(days=1),
                                                clock(2))
    assert scheduled.status is BulletinStatus.SCHEDULED
    assert (await sending.pause_bulletin(uow, "cheshire", scheduled.id, clock(3))).status is BulletinStatus.PAUSED
    assert (await sending.resume_bulletin(uow, "cheshire", scheduled.id, clock(4))).status is BulletinStatus.SCHEDULED
    assert (await sending.cancel_bulletin(uow, "cheshire", scheduled.id, clock(5))).status is BulletinStatus.CANCELLED
    with pytest.raises(Conflict):
        await sending.cancel_bulletin(uow, "cheshire", scheduled.id, clock(6))


async def test_a_schedule_in_the_past_names_the_field():
    uow = FakeUnitOfWork()
    bulletin = await approved(uow)
    with pytest.raises(InvalidInput) as refused:
        await sending.schedule_bulletin(uow, "cheshire", bulletin.id, NOW - timedelta(minutes=1), clock(2))
    assert refused.value.errors[0].location == ("send_at",)


async def test_dispatch_writes_each_recipients_outcome_and_digest_entries_then_marks_it_sent():
    found = [recipient(), recipient(), recipient(consent=False), recipient(suppression="complaint"),
             recipient(this_week=5), recipient(frequency=Frequency.DAILY)]
    uow = FakeUnitOfWork(found)
    bulletin = await approved(uow)
    await sending.send_bulletin(uow, "cheshire", bulletin.id, clock(2))
    assert await dispatch(lambda: uow, "cheshire", bulletin.id, clock(3), batch=2)
    stats = await sending.bulletin_stats(uow, "cheshire", bulletin.id)
    assert (stats.status, stats.queued, stats.suppressed, stats.digest) == ("sent", 2, 3, 1)
    assert stats.suppressed_by_reason == {"no_consent": 1, "suppressed:complaint": 1, "weekly_cap": 1}
    assert uow.messages.writes == 3
    assert event_names(uow)[-1] == "dispatch_completed"
    assert not await dispatch(lambda: uow, "cheshire", bulletin.id, clock(4))  # sent: nothing more to do


async def test_a_dispatch_run_again_writes_nothing_twice():
    uow = FakeUnitOfWork([recipient() for _ in range(5)])
    bulletin = await approved(uow)
    await sending.send_bulletin(uow, "cheshire", bulletin.id, clock(2))
    await dispatch(lambda: uow, "cheshire", bulletin.id, clock(3), batch=2)
    # as if it had been killed before it was marked dispatched: it runs again from the start
    uow.bulletins.rows[bulletin.id] = replace(uow.bulletins.rows[bulletin.id], status=BulletinStatus.SENDING,
                                              dispatched_at=None)
    await dispatch(lambda: uow, "cheshire", bulletin.id, clock(4), batch=2)
    assert len(uow.messages.rows) == 5


async def test_a_cancel_during_dispatch_stops_it_and_cancels_what_was_not_sent():
    uow = FakeUnitOfWork([recipient() for _ in range(6)])
    bulletin = await approved(uow)
    await sending.send_bulletin(uow, "cheshire", bulletin.id, clock(2))

    async def cancel_once() -> None:
        uow.messages.after_write = None
        await sending.cancel_bulletin(uow, "cheshire", bulletin.id, clock(3))

    uow.messages.after_write = cancel_once
    assert not await dispatch(lambda: uow, "cheshire", bulletin.id, clock(3), batch=2)
    stats = await sending.bulletin_stats(uow, "cheshire", bulletin.id)
    assert (stats.status, stats.cancelled, stats.queued) == ("cancelled", 2, 0)
    assert uow.messages.writes == 1


async def test_a_pause_holds_what_is_written_after_it_and_a_resume_releases_it():
    uow = FakeUnitOfWork([recipient() for _ in range(4)])
    bulletin = await approved(uow)
    await sending.send_bulletin(uow, "cheshire", bulletin.id, clock(2))

    async def pause_once() -> None:
        uow.messages.after_write = None
        await sending.pause_bulletin(uow, "cheshire", bulletin.id, clock(3))

    uow.messages.after_write = pause_once
    await dispatch(lambda: uow, "cheshire", bulletin.id, clock(3), batch=2)
    stats = await sending.bulletin_stats(uow, "cheshire", bulletin.id)
    assert (stats.status, stats.held, stats.held_by_reason) == ("paused", 4, {PAUSED_REASON: 4})
    resumed = await sending.resume_bulletin(uow, "cheshire", bulletin.id, clock(5))
    assert resumed.status is BulletinStatus.SENT
    assert (await sending.bulletin_stats(uow, "cheshire", bulletin.id)).queued == 4


async def test_an_election_in_force_holds_subscription_messages_in_its_areas():
    period = ElectionPeriod("p1", frozenset({"crewe"}), NOW - timedelta(days=1), NOW + timedelta(days=20))
    uow = FakeUnitOfWork([recipient(areas=frozenset({"crewe"})), recipient(areas=frozenset({"chester"}))],
                         elections=[period])
    bulletin = await approved(uow)
    await sending.send_bulletin(uow, "cheshire", bulletin.id, clock(2))
    await dispatch(lambda: uow, "cheshire", bulletin.id, clock(3))
    stats = await sending.bulletin_stats(uow, "cheshire", bulletin.id)
    assert (stats.queued, stats.held_by_reason) == (1, {"election:p1": 1})


async def test_waiting_items_join_a_bulletin_and_wait_again_if_its_draft_is_cancelled():
    waiting = BulletinItem("cheshire", uuid.uuid4(), "consultation_opened", {"en": "Budget", "cy": "Cyllideb"},
                           NOW, NOW + timedelta(days=28))
    uow = FakeUnitOfWork(waiting=[waiting])
    written = await bulletins.create_bulletin(uow, "cheshire", DRAFT, "author", True, clock())
    items = written.bulletin.draft.items
    assert [item.title["en"] for item in items] == ["Survey", "Budget"]
    assert items[1].body == {"en": "<p>Have your say by 29 March 2027.</p>",
                             "cy": "<p>Dywedwch eich dweud erbyn 29 Mawrth 2027.</p>"}
    assert uow.items.waiting == []
    await sending.cancel_bulletin(uow, "cheshire", written.bulletin.id, clock(1))
    assert uow.items.waiting == [waiting]


def test_bodies_keep_only_simple_tags_and_missing_welsh_is_warned_of():
    assert sanitise('<p onclick="x()">Hi <script>alert(1)</script><strong>there</strong></p>') == \
        "<p>Hi <strong>there</strong></p>"
    english_only = replace(DRAFT, title={"en": "News"}, items=(Item(title={"en": "A", "cy": "B"}, body={"en": "x"}),))
    assert english_only.warnings() == ["title: no cy text", "items.0.body: no cy text"]


async def test_a_test_copy_goes_to_at_most_ten_addresses():
    uow = FakeUnitOfWork()
    written = await bulletins.create_bulletin(uow, "cheshire", DRAFT, "author", False, clock())
    assert len(await sending.test_send(uow, "cheshire", written.bulletin.id, ["a@example.org"], clock(1))) == 1
    with pytest.raises(InvalidInput):
        await sending.test_send(uow, "cheshire", written.bulletin.id, [f"{n}@example.org" for n in range(11)])
