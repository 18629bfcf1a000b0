"""What waits for the next e-bulletin: a consultation as it opens, and "we asked, you said, we did" once its
outcome is published, each once, in the outcome's corrected words while it waits."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from peel.common.contracts.consultation import (
    ConsultationCorrected,
    ConsultationOutcomePublished,
    ConsultationPublished,
    TextChange,
)
from peel.common.events import LocalisedText
from peel.notifications.bulletins.domain.items import (
    CONSULTATION_OPENED,
    CONSULTATION_OUTCOME,
    BulletinItem,
    OutcomeCorrection,
)
from peel.notifications.bulletins.service_layer.items import (
    correct_outcome_in_bulletin,
    queue_consultation_for_bulletin,
    queue_outcome_for_bulletin,
)

OPENS = datetime(2027, 3, 1, 9, tzinfo=UTC)
TITLE = {"en": "Policing priorities", "cy": "Blaenoriaethau plismona"}


class FakeBulletinItems:
    """The store's rules in memory: one item per tenant, kind and consultation; a later one replaces it while
    it waits, and a waiting outcome takes newer corrected words."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str, uuid.UUID], BulletinItem] = {}
        self.sent: set[tuple[str, str, uuid.UUID]] = set()
        self.versions: dict[tuple[str, str, uuid.UUID], int] = {}

    async def add(self, item: BulletinItem) -> None:
        key = (item.tenant, item.kind, item.source_id)
        held = self.items.get(key)
        if held is None or (key not in self.sent and item.happened_at > held.happened_at):
            self.items[key] = item
            self.versions.pop(key, None)

    async def correct_outcome(self, correction: OutcomeCorrection) -> None:
        key = (correction.tenant, CONSULTATION_OUTCOME, correction.consultation_id)
        held = self.items.get(key)
        if (held is None or key in self.sent or held.happened_at > correction.corrected_at
                or self.versions.get(key, 0) >= correction.version):
            return
        self.items[key] = replace(held, outcome=correction.outcome)
        self.versions[key] = correction.version

    async def pending(self, tenant: str) -> list[BulletinItem]:
        waiting = [item for key, item in self.items.items() if key[0] == tenant and key not in self.sent]
        return sorted(waiting, key=lambda item: item.happened_at)

    async def consultation_title(self, tenant: str, consultation_id: uuid.UUID) -> dict[str, str] | None:
        opened = self.items.get((tenant, CONSULTATION_OPENED, consultation_id))
        return opened.title if opened else None


def published(consultation_id: uuid.UUID) -> ConsultationPublished:
    return ConsultationPublished(consultation_id=consultation_id, title=LocalisedText(**TITLE), kind="survey",
                                 opens_at=OPENS, closes_at=OPENS + timedelta(days=28), questions=())


def outcome(consultation_id: uuid.UUID, english: str, days: int = 40) -> ConsultationOutcomePublished:
    return ConsultationOutcomePublished(consultation_id=consultation_id, published_at=OPENS + timedelta(days=days),
                                        outcome=LocalisedText(en=english, cy="Fe wnaethom"))


async def test_a_published_outcome_waits_under_the_consultations_title_after_its_opening():
    items, consultation_id = FakeBulletinItems(), uuid.uuid4()
    await queue_consultation_for_bulletin(items, "cheshire", published(consultation_id))
    await queue_outcome_for_bulletin(items, "cheshire", outcome(consultation_id, "We put more patrols on"))
    opened, told = await items.pending("cheshire")
    assert (opened.kind, opened.outcome) == ("consultation_opened", None)
    assert (told.kind, told.source_id, told.title, told.closes_at) == ("consultation_outcome", consultation_id,
                                                                      TITLE, None)
    assert told.outcome == {"en": "We put more patrols on", "cy": "Fe wnaethom"}
    assert told.happened_at == OPENS + timedelta(days=40)
    assert await items.pending("dyfed_powys") == []


async def test_the_same_outcome_twice_is_one_item_and_a_corrected_one_replaces_it_while_it_waits():
    items, consultation_id = FakeBulletinItems(), uuid.uuid4()
    await queue_consultation_for_bulletin(items, "cheshire", published(consultation_id))
    first = outcome(consultation_id, "We put more patrols on")
    await queue_outcome_for_bulletin(items, "cheshire", first)
    await queue_outcome_for_bulletin(items, "cheshire", first)
    assert [item.kind for item in await items.pending("cheshire")] == ["consultation_opened", "consultation_outcome"]
    await queue_outcome_for_bulletin(items, "cheshire", outcome(consultation_id, "We doubled the patrols", days=41))
    assert (await items.pending("cheshire"))[-1].outcome["en"] == "We doubled the patrols"


async def test_an_outcome_of_a_consultation_never_announced_still_waits_without_a_title():
    items, consultation_id = FakeBulletinItems(), uuid.uuid4()
    await queue_outcome_for_bulletin(items, "cheshire", outcome(consultation_id, "We listened"))
    [told] = await items.pending("cheshire")
    assert (told.title, told.outcome["en"]) == ({}, "We listened")


def corrected(consultation_id: uuid.UUID, english: str, version: int, days: int = 45,
              field: str = "outcome") -> ConsultationCorrected:
    return ConsultationCorrected(consultation_id=consultation_id, version=version,
                                 corrected_at=OPENS + timedelta(days=days),
                                 changes=(TextChange(field=field, text=LocalisedText(en=english, cy="Cywirwyd")),))


async def waiting_outcome(items: FakeBulletinItems, consultation_id: uuid.UUID) -> dict[str, str] | None:
    told = [item for item in await items.pending("cheshire") if item.kind == CONSULTATION_OUTCOME]
    return told[0].outcome if told else None


async def test_a_waiting_outcome_takes_its_corrected_words_once_and_by_version():
    items, consultation_id = FakeBulletinItems(), uuid.uuid4()
    await queue_outcome_for_bulletin(items, "cheshire", outcome(consultation_id, "We put more patrols on"))
    newer, older = corrected(consultation_id, "We put more patrols out", 7), corrected(consultation_id, "Patrols", 6)
    for event in (newer, newer, older):
        await correct_outcome_in_bulletin(items, "cheshire", event)
    assert await waiting_outcome(items, consultation_id) == {"en": "We put more patrols out", "cy": "Cywirwyd"}
    await correct_outcome_in_bulletin(items, "cheshire", corrected(consultation_id, "Wrong place", 8, field="title"))
    await correct_outcome_in_bulletin(items, "dyfed_powys", corrected(consultation_id, "Another office", 9))
    assert (await waiting_outcome(items, consultation_id))["en"] == "We put more patrols out"


async def test_a_correction_before_a_later_publication_leaves_the_later_words():
    items, consultation_id = FakeBulletinItems(), uuid.uuid4()
    await queue_outcome_for_bulletin(items, "cheshire", outcome(consultation_id, "We put more patrols on"))
    await correct_outcome_in_bulletin(items, "cheshire", corrected(consultation_id, "More patrols out", 7, days=45))
    await queue_outcome_for_bulletin(items, "cheshire", outcome(consultation_id, "We doubled the patrols", days=50))
    await correct_outcome_in_bulletin(items, "cheshire", corrected(consultation_id, "More patrols out", 7, days=45))
    assert (await waiting_outcome(items, consultation_id))["en"] == "We doubled the patrols"
    await correct_outcome_in_bulletin(items, "cheshire", corrected(consultation_id, "We tripled them", 9, days=51))
    assert (await waiting_outcome(items, consultation_id))["en"] == "We tripled them"


async def test_an_outcome_already_sent_or_never_published_is_left_as_it_was():
    items, consultation_id = FakeBulletinItems(), uuid.uuid4()
    await correct_outcome_in_bulletin(items, "cheshire", corrected(consultation_id, "Nothing to correct", 3))
    assert await items.pending("cheshire") == []
    await queue_outcome_for_bulletin(items, "cheshire", outcome(consultation_id, "We put more patrols on"))
    key = ("cheshire", CONSULTATION_OUTCOME, consultation_id)
    items.sent.add(key)
    await correct_outcome_in_bulletin(items, "cheshire", corrected(consultation_id, "Too late", 4))
    assert items.items[key].outcome["en"] == "We put more patrols on"
