"""Template versions, office layouts and the template composer on real PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import asyncpg
import pytest

from peel.common.outbox import Outbox
from peel.notifications.contacts.domain.consents import Category, Channel
from peel.notifications.templates.adapters.composer import TemplateComposer
from peel.notifications.templates.adapters.unit_of_work import TemplatesUnitOfWork
from peel.notifications.templates.domain.layouts import Layout
from peel.notifications.templates.domain.template_parts import Bilingual, Kind, Placeholder, TemplateKind
from peel.notifications.templates.domain.versions import Draft
from peel.notifications.templates.service_layer import layouts, templates
from tests.support.notification_db import notifications_pool

pytestmark = pytest.mark.integration
NOW = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)
RECEIPT = {"consultation_title": "Policing priorities", "consultation_title_cy": "Blaenoriaethau plismona",
           "response_id": "r-1", "submitted_at": "2027-01-10T09:00:00Z", "withdrawal_instructions": "Ask us.",
           "withdrawal_instructions_cy": "Gofynnwch i ni."}
DRAFT = Draft(Bilingual("Meeting", "Cyfarfod"), Bilingual("We meet on ((when)).", "Rydym yn cwrdd ar ((when))."),
              (Placeholder("when", Kind.DATETIME, sensitive=True),))


@dataclass(frozen=True)
class Asked:
    """What the composer reads of a message."""

    template: str
    personalisation: dict
    tenant: str = "cheshire"
    template_version: int | None = None
    language: str = "both"
    channel: Channel = Channel.EMAIL
    source: str = "template"
    id: uuid.UUID = field(default_factory=uuid.uuid4)


@pytest.fixture
async def pool(database: str) -> AsyncIterator[asyncpg.Pool]:
    async with notifications_pool(database) as pool:
        yield pool


@pytest.fixture
def uow(pool: asyncpg.Pool) -> TemplatesUnitOfWork:
    return TemplatesUnitOfWork(pool, Outbox("/peel/notifications"))


async def test_versions_are_stored_read_back_and_listed_per_tenant(uow, pool):
    first = await templates.create_template(uow, "cheshire", "meeting", TemplateKind.EMAIL, Category.STAKEHOLDER,
                                            DRAFT, "officer-1", lambda: NOW)
    second = await templates.add_version(uow, "cheshire", "meeting", DRAFT, "officer-2", lambda: NOW)
    assert await templates.get_template(uow, "cheshire", "meeting", 1) == first
    assert await templates.get_template(uow, "cheshire", "meeting") == second
    assert second.placeholders[0].sensitive and second.category is Category.STAKEHOLDER
    listed = await templates.list_templates(uow, "cheshire", TemplateKind.EMAIL)
    assert {t.key: t.version for t in listed}["meeting"] == 2
    assert "meeting" not in {t.key for t in await templates.list_templates(uow, "gwent")}
    events = await pool.fetch("SELECT * FROM outbox")
    assert len(events) == 2


async def test_the_composer_renders_each_message_in_its_office_layout(uow, pool):
    await layouts.choose_layout(uow, "gwent", Layout.CY_FIRST, "admin-1")
    await templates.create_template(uow, "cheshire", "meeting", TemplateKind.EMAIL, Category.SERVICE, DRAFT,
                                    "officer-1", lambda: NOW)
    asked = [Asked("consultation_receipt", RECEIPT), Asked("consultation_receipt", RECEIPT, tenant="gwent"),
             Asked("consultation_receipt", RECEIPT, language="cy", channel=Channel.SMS),
             Asked("meeting", {"when": "2027-03-02T10:00:00Z"}, template_version=1, language="en"),
             Asked("meeting", {"when": "2027-03-02T10:00:00Z"}, tenant="gwent"),
             Asked("consultation_receipt", {})]
    composed = await TemplateComposer(pool).compose(asked)
    english_first, welsh_first, sms, meeting = (composed[message.id] for message in asked[:4])
    assert english_first.subject.startswith("Your response") and english_first.language == "en, cy"
    assert welsh_first.subject.startswith("Eich ymateb") and '<html lang="cy">' in welsh_first.html
    assert sms.html is None and sms.text.startswith("Diolch am ymateb") and "Thank you" not in sms.text
    assert meeting.text == "We meet on 2 March 2027 at 10:00.\n" and meeting.language == "en"
    assert asked[4].id not in composed and asked[5].id not in composed
