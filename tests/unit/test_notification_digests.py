import uuid
from datetime import UTC, date, datetime, time, timedelta

from peel.notifications.contacts.domain.consents import Channel
from peel.notifications.digests.domain.digests import (
    DigestFrequency,
    DigestItem,
    Entry,
    choose,
    due_period,
    item_key,
    merge,
)
from peel.notifications.digests.domain.rendering import DigestFacts, render_digest
from peel.notifications.digests.domain.runs import DigestRecipient, DigestRun, Due, new_run
from peel.notifications.digests.service_layer import runs
from peel.notifications.messages.domain.checks import (
    Decision,
    ElectionPeriod,
    Frequency,
    Outcome,
    QuietHours,
    RecipientFacts,
)
from tests.support.fake_events import FakeEventsUnitOfWork

NOW = datetime(2027, 2, 3, 9, 0, tzinfo=UTC)  # a Wednesday


def entry(sender: str = "office", topic: str = "bulletin", minutes: int = 0) -> Entry:
    return Entry(uuid.uuid4(), sender, topic, NOW - timedelta(days=1) + timedelta(minutes=minutes))


def item(key: str, en: str) -> DigestItem:
    return DigestItem(key, {"en": en, "cy": f"{en} (cy)"}, {"en": f"<p>{en} body</p>", "cy": f"<p>{en} corff</p>"})


# Merging: each item once

def test_an_item_in_two_bulletins_is_told_once_in_order() -> None:
    merged = merge([[item("consultation:1", "Survey"), item("b1:1", "Surgery")],
                    [item("consultation:1", "Survey"), item("b2:0", "Meeting")]])
    assert [i.key for i in merged] == ["consultation:1", "b1:1", "b2:0"]


def test_gathered_items_are_named_by_their_source_and_written_ones_by_their_words() -> None:
    source = uuid.uuid4()
    gathered = {"kind": "consultation", "source_id": str(source), "title": {"en": "a"}}
    assert item_key(gathered) == f"consultation:{source}"
    written = {"kind": "written", "title": {"en": "Survey"}, "body": {"en": "<p>Tell us</p>"}}
    assert item_key(written) == item_key(dict(written))
    assert item_key(written) != item_key({**written, "body": {"en": "<p>Tell us more</p>"}})


def facts(consent: bool = True, suppression: str | None = None) -> RecipientFacts:
    return RecipientFacts(consent_given=consent, suppression=suppression, frequency=Frequency.DAILY)


def test_entries_without_consent_or_under_a_suppression_are_dropped() -> None:
    consented, withdrawn, force, blocked = entry(), entry(topic="crime"), entry(sender="force"), entry(topic="roads")
    choice = choose([blocked, withdrawn, force, consented],
                    {("office", "bulletin"): facts(), ("office", "crime"): facts(consent=False),
                     ("force", "bulletin"): facts(suppression="unsubscribe"),
                     ("office", "roads"): facts(suppression="unsubscribe")}, [], NOW)
    assert choice.kept == [consented]
    assert set(choice.dropped) == {withdrawn, force, blocked}
    assert choice.decision == Decision(Outcome.SEND)


def test_a_global_suppression_drops_everything() -> None:
    choice = choose([entry(), entry()], {("office", "bulletin"): facts(suppression="hard_bounce")}, [], NOW)
    assert choice.kept == [] and len(choice.dropped) == 2


def test_the_daily_run_is_due_from_its_hour_uk_time() -> None:
    summer = datetime(2027, 7, 1, 5, 59, tzinfo=UTC)  # 06:59 in London
    assert due_period(DigestFrequency.DAILY, summer, 7, 0) is None
    assert due_period(DigestFrequency.DAILY, summer + timedelta(minutes=1), 7, 0) == date(2027, 7, 1)


def test_the_weekly_run_is_due_from_the_weekday_on() -> None:
    monday_early = datetime(2027, 2, 1, 6, 0, tzinfo=UTC)
    assert due_period(DigestFrequency.WEEKLY, monday_early, 7, 0) is None
    assert due_period(DigestFrequency.WEEKLY, monday_early + timedelta(hours=1), 7, 0) == date(2027, 2, 1)
    assert due_period(DigestFrequency.WEEKLY, NOW, 7, 0) == date(2027, 2, 1)


# Rendering

def test_a_welsh_contacts_digest_is_welsh_only_with_its_links() -> None:
    facts = DigestFacts(DigestFrequency.WEEKLY, "cy", [item("a", "Survey")],
                        {"en": "https://u/en", "cy": "https://u/cy"}, {"en": "https://p/en", "cy": "https://p/cy"})
    content = render_digest(facts)
    assert content.language == "cy" and content.subject == "Eich crynodeb wythnosol"
    assert 'lang="cy"' in content.html and 'lang="en"' not in content.html
    assert "https://u/cy" in content.text and "Survey corff" in content.text and "<p>" not in content.text


def test_a_contact_of_unknown_language_gets_both_welsh_first() -> None:
    facts = DigestFacts(DigestFrequency.DAILY, "both", [item("a", "Survey")],
                        {"en": "u-en", "cy": "u-cy"}, {"en": "p-en", "cy": "p-cy"})
    content = render_digest(facts)
    assert content.language == "cy, en"
    assert content.html.index('lang="cy"') < content.html.index('lang="en"')


def test_item_html_is_cleaned_of_scripts() -> None:
    bad = DigestItem("x", {"en": "<b>t</b>"}, {"en": "<p>ok</p><script>alert(1)</script>"})
    facts = DigestFacts(DigestFrequency.DAILY, "en", [bad], {"en": "u", "cy": "u"}, {"en": "p", "cy": "p"})
    html = render_digest(facts).html
    assert "<script>" not in html and "&lt;b&gt;t&lt;/b&gt;" in html


# A run with fakes: one message per contact, each entry taken once

class FakeRuns:
    def __init__(self, dues: list[Due]) -> None:
        self.dues = dues
        self.done_rows: dict[Due, uuid.UUID | None] = {}

    async def claim(self, run: DigestRun, limit: int) -> list[Due]:
        return [due for due in self.dues if due not in self.done_rows][:limit]

    async def done(self, run: DigestRun, due: Due, message_id: uuid.UUID | None, entries: int,
                   now: datetime) -> None:
        self.done_rows[due] = message_id

    async def complete(self, run: DigestRun, now: datetime) -> DigestRun | None:
        return None


class FakeEntries:
    def __init__(self, entries: dict[Due, list[Entry]], recipients: dict[Due, DigestRecipient | None]) -> None:
        self.entries = entries
        self.recipients = recipients
        self.taken: dict[uuid.UUID, uuid.UUID] = {}
        self.messages: list[tuple[Due, uuid.UUID]] = []
        self.decisions: list[Decision] = []

    async def due(self, run: DigestRun, due: Due) -> list[Entry]:
        return [e for e in self.entries[due] if e.bulletin_id not in self.taken]

    async def recipient(self, tenant: str, due: Due, entries: list[Entry], now: datetime) -> DigestRecipient | None:
        return self.recipients[due]

    async def add_message(self, run: DigestRun, due: Due, recipient: DigestRecipient, first: Entry,
                          decision: Decision, now: datetime) -> uuid.UUID:
        self.messages.append((due, uuid.uuid4()))
        self.decisions.append(decision)
        return self.messages[-1][1]

    async def take(self, due: Due, entries: list[Entry], digest_id: uuid.UUID) -> None:
        for taken in entries:
            assert taken.bulletin_id not in self.taken, "an entry was taken twice"
            self.taken[taken.bulletin_id] = digest_id


class FakeElections:
    def __init__(self, periods: list[ElectionPeriod] | None = None) -> None:
        self.periods = periods or []

    async def in_force(self, tenant: str, now: datetime) -> list[ElectionPeriod]:
        return [period for period in self.periods if period.starts_at <= now < period.ends_at]


class FakeUnitOfWork(FakeEventsUnitOfWork):
    def __init__(self, runs_: FakeRuns, entries: FakeEntries, elections: FakeElections | None = None) -> None:
        super().__init__()
        self.runs, self.entries = runs_, entries
        self.elections = elections or FakeElections()


async def test_a_run_writes_one_message_per_contact_and_takes_each_entry_once() -> None:
    a, b, erased = (Due(uuid.uuid4(), Channel.EMAIL) for _ in range(3))
    consented = {("office", "bulletin"): facts(), ("office", "crime"): facts(consent=False)}
    entries = {a: [entry(), entry(minutes=1), entry(topic="crime")], b: [entry()], erased: [entry()]}
    recipients = {a: DigestRecipient("a@example.org", "en", consented),
                  b: DigestRecipient("b@example.org", "cy", consented), erased: None}
    uow = FakeUnitOfWork(FakeRuns([a, b, erased]), FakeEntries(entries, recipients))
    run = new_run("cheshire", DigestFrequency.DAILY, None, NOW, "admin", NOW)
    while await runs.run_batch(uow, run, 2, NOW):
        pass
    assert [due for due, _ in uow.entries.messages] == [a, b]
    assert uow.runs.done_rows[erased] is None
    message_of_a = uow.runs.done_rows[a]
    assert [uow.entries.taken[e.bulletin_id] for e in entries[a]] == [message_of_a, message_of_a, run.id]
    assert uow.entries.taken[entries[erased][0].bulletin_id] == run.id


def held_run(areas: frozenset[str], period_areas: frozenset[str]) -> tuple[FakeUnitOfWork, ElectionPeriod]:
    due = Due(uuid.uuid4(), Channel.EMAIL)
    known = RecipientFacts(consent_given=True, areas=areas, frequency=Frequency.WEEKLY)
    period = ElectionPeriod("may", period_areas, NOW - timedelta(days=3), NOW + timedelta(days=30))
    uow = FakeUnitOfWork(FakeRuns([due]), FakeEntries({due: [entry()]}, {
        due: DigestRecipient("a@example.org", "en", {("office", "bulletin"): known})}), FakeElections([period]))
    return uow, period


async def test_a_digest_in_a_pre_election_period_is_written_held_not_sent() -> None:
    uow, period = held_run(frozenset({"crewe"}), frozenset({"crewe"}))
    await runs.run_batch(uow, new_run("cheshire", DigestFrequency.WEEKLY, None, NOW, "admin", NOW), 10, NOW)
    assert uow.entries.decisions == [Decision(Outcome.HOLD, f"election:{period.id}", period.ends_at)]


async def test_an_election_elsewhere_leaves_the_digest_going() -> None:
    uow, _ = held_run(frozenset({"crewe"}), frozenset({"chester"}))
    await runs.run_batch(uow, new_run("cheshire", DigestFrequency.WEEKLY, None, NOW, "admin", NOW), 10, NOW)
    assert uow.entries.decisions == [Decision(Outcome.SEND)]


def test_the_weekly_cap_applied_when_an_entry_was_queued_does_not_stop_the_digest() -> None:
    capped = RecipientFacts(consent_given=True, frequency=Frequency.DAILY, weekly_cap=2, non_urgent_this_week=6)
    choice = choose([entry()], {("office", "bulletin"): capped}, [], NOW)
    assert len(choice.kept) == 1 and choice.decision == Decision(Outcome.SEND)


def test_the_contacts_quiet_hours_hold_the_digest_until_they_end() -> None:
    quiet = RecipientFacts(consent_given=True, frequency=Frequency.DAILY, quiet_hours=QuietHours(time(8), time(10)))
    choice = choose([entry()], {("office", "bulletin"): quiet}, [], NOW)  # 09:00 in London
    assert choice.decision == Decision(Outcome.HOLD, "quiet_hours", datetime(2027, 2, 3, 10, 0, tzinfo=UTC))
