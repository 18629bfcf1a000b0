"""Other services' news waits for the next e-bulletin: public surgeries and meetings (moved or withdrawn while
they wait), a consultation given more time, assembly recommendations and the office's responses, Panel answers;
the same event twice leaves one item."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from peel.common.contracts.assemblies import RecommendationMade, ResponseGiven
from peel.common.contracts.consultation import ConsultationClosingExtended, PanelQuestionPublished
from peel.common.contracts.meetings import MeetingCancelled, MeetingScheduled, MeetingUpdated
from peel.common.contracts.scheduling import SurgerySessionScheduled
from peel.notifications.bulletins.domain.gathered import as_item
from peel.notifications.bulletins.domain.items import CONSULTATION_OPENED, BulletinItem
from peel.notifications.bulletins.service_layer import news

AT = datetime(2027, 3, 1, 18, tzinfo=UTC)


class FakeItems:
    def __init__(self) -> None:
        self.items: dict[tuple[str, str, uuid.UUID], BulletinItem] = {}

    async def replace(self, item: BulletinItem) -> None:
        self.items[(item.tenant, item.kind, item.source_id)] = item

    async def withdraw(self, tenant: str, kind: str, source_id: uuid.UUID) -> None:
        self.items.pop((tenant, kind, source_id), None)

    async def consultation_title(self, tenant: str, consultation_id: uuid.UUID) -> dict[str, str] | None:
        opened = self.items.get((tenant, CONSULTATION_OPENED, consultation_id))
        return opened.title if opened else None


def meeting(public: bool = True, hours: int = 0) -> dict:
    return {"meeting_id": uuid.UUID(int=7), "meeting_type": "pact", "area": "crewe", "public": public,
            "starts_at": AT + timedelta(hours=hours), "ends_at": AT + timedelta(hours=hours + 2)}


async def test_a_public_meeting_waits_at_its_latest_time_and_goes_when_cancelled_or_made_private():
    items = FakeItems()
    await news.queue_meeting(items, "cheshire", MeetingScheduled(**meeting()))
    await news.queue_meeting(items, "cheshire", MeetingScheduled(**meeting()))
    assert len(items.items) == 1
    await news.queue_meeting(items, "cheshire", MeetingUpdated(**meeting(hours=-24), version=2))
    (item,) = items.items.values()
    assert (item.title["en"], item.title["cy"]) == ("PACT meeting in crewe", "Cyfarfod PACT yn crewe")
    assert item.happened_at == AT - timedelta(hours=24)
    assert as_item(item).body == {"en": "<p>On 28 February 2027.</p>", "cy": "<p>Ar 28 Chwefror 2027.</p>"}
    await news.queue_meeting(items, "cheshire", MeetingUpdated(**meeting(public=False), version=3))
    assert items.items == {}
    await news.queue_meeting(items, "cheshire", MeetingScheduled(**meeting()))
    await news.withdraw_meeting(items, "cheshire", MeetingCancelled(meeting_id=uuid.UUID(int=7), cancelled_at=AT))
    assert items.items == {}


async def test_only_public_surgeries_are_announced():
    items = FakeItems()
    session = {"session_id": uuid.uuid4(), "online": False, "policing_area": "north", "starts_at": AT,
               "ends_at": AT + timedelta(hours=2), "slot_minutes": 15, "slot_count": 8}
    await news.queue_surgery(items, "cheshire", SurgerySessionScheduled(**session, public=False))
    assert items.items == {}
    await news.queue_surgery(items, "cheshire", SurgerySessionScheduled(**session, public=True))
    assert [item.title["en"] for item in items.items.values()] == ["Meet your commissioner in north"]


async def test_more_time_for_an_announced_consultation_says_when_it_now_closes():
    items, consultation = FakeItems(), uuid.uuid4()
    extended = ConsultationClosingExtended(consultation_id=consultation, closes_at=AT + timedelta(days=14),
                                           previous_closes_at=AT, extended_at=AT)
    await news.queue_closing_extended(items, "cheshire", extended)
    assert items.items == {}  # never announced: nothing to extend
    await items.replace(BulletinItem("cheshire", consultation, CONSULTATION_OPENED, {"en": "Budget"}, AT, AT))
    await news.queue_closing_extended(items, "cheshire", extended)
    item = items.items[("cheshire", "consultation_extended", consultation)]
    assert (item.title, as_item(item).body["en"]) == ({"en": "Budget"}, "<p>Have your say by 15 March 2027.</p>")


async def test_a_recommendation_and_the_offices_response_and_a_panel_answer_wait():
    items, recommendation = FakeItems(), uuid.uuid4()
    common = {"assembly_id": uuid.uuid4(), "recommendation_id": recommendation, "number": 3}
    await news.queue_recommendation(items, "cheshire", RecommendationMade(
        **common, text="More patrols <at night>", support_share=0.8, made_at=AT))
    await news.queue_response(items, "cheshire", ResponseGiven(**common, decision="accepted_in_part", given_at=AT))
    await news.queue_panel_answer(items, "cheshire", PanelQuestionPublished(
        question_id=uuid.uuid4(), meeting_id=uuid.uuid4(), published_at=AT))
    made, answered, panel = (as_item(item) for item in items.items.values())
    assert made.body == {"en": "<p>More patrols &lt;at night&gt;</p>"}
    assert answered.body["cy"] == "<p>Rydym wedi derbyn rhan o'r argymhelliad hwn.</p>"
    assert panel.title["en"] == "A Police and Crime Panel question answered"
