"""The notifications consumer group."""

from __future__ import annotations

import asyncpg

from peel.common.contracts.consultation import (
    ConsultationCorrected,
    ConsultationOutcomePublished,
    ConsultationPublished,
)
from peel.common.events import Envelope
from peel.common.runtime import ConsumerSpec
from peel.notifications.bulletins.adapters.items import PostgresBulletinItems
from peel.notifications.bulletins.service_layer.items import (
    correct_outcome_in_bulletin,
    queue_consultation_for_bulletin,
    queue_outcome_for_bulletin,
)


async def on_consultation_published(connection: asyncpg.Connection, envelope: Envelope) -> None:
    await queue_consultation_for_bulletin(PostgresBulletinItems(connection), envelope.tenant, envelope.data)


async def on_outcome_published(connection: asyncpg.Connection, envelope: Envelope) -> None:
    await queue_outcome_for_bulletin(PostgresBulletinItems(connection), envelope.tenant, envelope.data)


async def on_consultation_corrected(connection: asyncpg.Connection, envelope: Envelope) -> None:
    await correct_outcome_in_bulletin(PostgresBulletinItems(connection), envelope.tenant, envelope.data)


DISPATCH = ConsumerSpec(
    name="notifications.dispatch",
    services=("consultation", "scheduling"),
    handlers={ConsultationPublished.type_name: on_consultation_published,
              ConsultationOutcomePublished.type_name: on_outcome_published,
              ConsultationCorrected.type_name: on_consultation_corrected},
)
