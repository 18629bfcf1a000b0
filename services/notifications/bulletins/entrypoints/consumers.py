"""The notifications consumer group: news from consultation and scheduling waiting for the next e-bulletin.
The consumer records each event it handles, so each handler runs once per event."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg

from peel.common.contracts.assemblies import RecommendationMade, ResponseGiven
from peel.common.contracts.consultation import (
    ConsultationClosingExtended,
    ConsultationCorrected,
    ConsultationOutcomePublished,
    ConsultationPublished,
    PanelQuestionPublished,
)
from peel.common.contracts.meetings import MeetingCancelled, MeetingScheduled, MeetingUpdated
from peel.common.contracts.scheduling import SurgerySessionCancelled, SurgerySessionScheduled
from peel.common.events import Envelope
from peel.common.runtime import ConsumerSpec
from peel.notifications.bulletins.adapters.items import PostgresBulletinItems
from peel.notifications.bulletins.service_layer import news
from peel.notifications.bulletins.service_layer.items import (
    BulletinItems,
    correct_outcome_in_bulletin,
    queue_consultation_for_bulletin,
    queue_outcome_for_bulletin,
)

Handler = Callable[[asyncpg.Connection, Envelope], Awaitable[None]]


def on(use_case: Callable[[BulletinItems, str, Any], Awaitable[None]]) -> Handler:
    """The consumer's handler for a use case about waiting items."""
    async def handle(connection: asyncpg.Connection, envelope: Envelope) -> None:
        await use_case(PostgresBulletinItems(connection), envelope.tenant, envelope.data)

    return handle


on_consultation_published = on(queue_consultation_for_bulletin)
on_outcome_published = on(queue_outcome_for_bulletin)
on_consultation_corrected = on(correct_outcome_in_bulletin)

DISPATCH = ConsumerSpec(
    name="notifications.dispatch",
    services=("consultation", "scheduling"),
    handlers={ConsultationPublished.type_name: on_consultation_published,
              ConsultationOutcomePublished.type_name: on_outcome_published,
              ConsultationCorrected.type_name: on_consultation_corrected,
              ConsultationClosingExtended.type_name: on(news.queue_closing_extended),
              PanelQuestionPublished.type_name: on(news.queue_panel_answer),
              SurgerySessionScheduled.type_name: on(news.queue_surgery),
              SurgerySessionCancelled.type_name: on(news.withdraw_surgery),
              MeetingScheduled.type_name: on(news.queue_meeting),
              MeetingUpdated.type_name: on(news.queue_meeting),
              MeetingCancelled.type_name: on(news.withdraw_meeting),
              RecommendationMade.type_name: on(news.queue_recommendation),
              ResponseGiven.type_name: on(news.queue_response)},
)
