"""Other services' news waiting for the next e-bulletin. Each handler can run twice with the same result."""

from __future__ import annotations

from peel.common.contracts.assemblies import RecommendationMade, ResponseGiven
from peel.common.contracts.consultation import ConsultationClosingExtended, PanelQuestionPublished
from peel.common.contracts.meetings import MeetingCancelled, MeetingScheduled, MeetingUpdated
from peel.common.contracts.scheduling import SurgerySessionCancelled, SurgerySessionScheduled
from peel.notifications.bulletins.domain import news
from peel.notifications.bulletins.service_layer.items import BulletinItems


async def queue_closing_extended(items: BulletinItems, tenant: str, event: ConsultationClosingExtended) -> None:
    """More time to have one's say; only for a consultation whose opening was announced (its title known)."""
    title = await items.consultation_title(tenant, event.consultation_id)
    if title:
        await items.replace(news.closing_extended(tenant, event, title))


async def queue_surgery(items: BulletinItems, tenant: str, event: SurgerySessionScheduled) -> None:
    item = news.surgery(tenant, event)
    if item is not None:
        await items.replace(item)


async def withdraw_surgery(items: BulletinItems, tenant: str, event: SurgerySessionCancelled) -> None:
    await items.withdraw(tenant, news.SURGERY, event.session_id)


async def queue_meeting(items: BulletinItems, tenant: str, event: MeetingScheduled | MeetingUpdated) -> None:
    """A public meeting waits (at its latest time); one made private no longer does."""
    item = news.meeting(tenant, event)
    if item is None:
        await items.withdraw(tenant, news.MEETING, event.meeting_id)
    else:
        await items.replace(item)


async def withdraw_meeting(items: BulletinItems, tenant: str, event: MeetingCancelled) -> None:
    await items.withdraw(tenant, news.MEETING, event.meeting_id)


async def queue_recommendation(items: BulletinItems, tenant: str, event: RecommendationMade) -> None:
    await items.replace(news.recommendation(tenant, event))


async def queue_response(items: BulletinItems, tenant: str, event: ResponseGiven) -> None:
    await items.replace(news.response(tenant, event))


async def queue_panel_answer(items: BulletinItems, tenant: str, event: PanelQuestionPublished) -> None:
    await items.replace(news.panel_answer(tenant, event))
