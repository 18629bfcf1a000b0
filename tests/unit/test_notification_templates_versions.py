"""Template versions through the service layer, on fakes: version 1, later versions that never change,
built-in templates as every tenant's version 1, one tenant's templates unseen by another, layouts."""

import dataclasses
from datetime import UTC, datetime

import pytest

from peel.common.contracts.notifications.templates import TemplateLayoutChanged, TemplateVersionCreated
from peel.common.errors import Conflict, InvalidInput, NotFound
from peel.notifications.contacts.domain.consents import Category
from peel.notifications.templates.domain.layouts import Layout
from peel.notifications.templates.domain.template_parts import Bilingual, Kind, Placeholder, Template, TemplateKind
from peel.notifications.templates.domain.templates import CONSULTATION_RECEIPT, check_personalisation
from peel.notifications.templates.domain.versions import Draft
from peel.notifications.templates.service_layer import layouts, templates
from tests.support.fake_events import FakeTransactionUnitOfWork

NOW = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)
DRAFT = Draft(Bilingual("News for ((area))", "Newyddion i ((area))"),
              Bilingual("Hello ((name)).\n\n((urgent??This is urgent.))\n\n((body))",
                        "Helo ((name)).\n\n((urgent??Mae hyn yn fater brys.))\n\n((body))"),
              (Placeholder("body", Kind.TEXT, sanitise=True),))


class FakeVersions:
    def __init__(self) -> None:
        self.rows: dict[tuple[str, str, int], Template] = {}

    async def add(self, tenant: str, template: Template) -> bool:
        key = (tenant, template.key, template.version)
        if key in self.rows:
            return False
        self.rows[key] = template
        return True

    async def get(self, tenant: str, key: str, version: int | None = None) -> Template | None:
        found = sorted((v for (t, k, _), v in self.rows.items() if (t, k) == (tenant, key)), key=lambda v: v.version)
        if version is None:
            return found[-1] if found else None
        return next((v for v in found if v.version == version), None)

    async def latest_all(self, tenant: str, kind: TemplateKind | None = None) -> list[Template]:
        keys = {k for (t, k, _) in self.rows if t == tenant}
        latest = [await self.get(tenant, key) for key in keys]
        return [t for t in latest if t and kind in (None, t.kind)]


class FakeLayouts:
    def __init__(self) -> None:
        self.rows: dict[str, Layout] = {}

    async def get(self, tenant: str) -> Layout | None:
        return self.rows.get(tenant)

    async def set(self, tenant: str, layout: Layout, staff: str) -> None:
        self.rows[tenant] = layout


class FakeUnitOfWork(FakeTransactionUnitOfWork):
    def __init__(self) -> None:
        super().__init__()
        self.versions, self.layouts = FakeVersions(), FakeLayouts()

    def stores(self) -> list:
        return [self.versions, self.layouts]


@pytest.fixture
def uow():
    return FakeUnitOfWork()


async def create(uow, key="news", tenant="cheshire", draft=DRAFT, kind=TemplateKind.EMAIL):
    return await templates.create_template(uow, tenant, key, kind, Category.SUBSCRIPTION, draft, "officer-1",
                                           lambda: NOW)


async def test_a_new_template_is_version_1_with_its_placeholders_and_an_event(uow):
    created = await create(uow)
    assert (created.version, created.kind, created.category) == (1, TemplateKind.EMAIL, Category.SUBSCRIPTION)
    by_name = {p.name: p for p in created.placeholders}
    assert list(by_name) == ["area", "name", "urgent", "body"]
    assert by_name["body"].sanitise and by_name["body"].kind is Kind.TEXT and not by_name["urgent"].required
    [(event, tenant)] = uow.published
    assert isinstance(event, TemplateVersionCreated) and tenant == "cheshire"
    assert (event.key, event.version, event.languages) == ("news", 1, ["en", "cy"])
    check_personalisation(created, {"area": "Crewe", "name": "Ann", "body": "News"})


async def test_versions_never_change_and_the_latest_is_the_default(uow):
    first = await create(uow)
    changed = dataclasses.replace(DRAFT, body=Bilingual("Second ((name)) ((area))", "Ail ((name)) ((area))"),
                                  placeholders=())
    second = await templates.add_version(uow, "cheshire", "news", changed, "officer-2", lambda: NOW)
    assert second.version == 2 and second.category is Category.SUBSCRIPTION
    assert await templates.get_template(uow, "cheshire", "news", 1) == first
    assert (await templates.get_template(uow, "cheshire", "news")).body.en == "Second ((name)) ((area))"
    assert [e.version for e, _ in uow.published] == [1, 2]
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.body = changed.body  # type: ignore[misc]


async def test_a_duplicate_key_is_a_conflict_and_a_built_in_key_too(uow):
    await create(uow)
    with pytest.raises(Conflict):
        await create(uow)
    with pytest.raises(Conflict):
        await create(uow, key="consultation_receipt")
    assert len(uow.published) == 1


async def test_unknown_templates_and_versions_are_not_found(uow):
    await create(uow)
    with pytest.raises(NotFound):
        await templates.get_template(uow, "cheshire", "birthday")
    with pytest.raises(NotFound):
        await templates.get_template(uow, "cheshire", "news", 2)
    with pytest.raises(NotFound):
        await templates.add_version(uow, "cheshire", "birthday", DRAFT, "officer-1")


async def test_another_tenants_template_is_not_found(uow):
    await create(uow)
    with pytest.raises(NotFound):
        await templates.get_template(uow, "dyfed-powys", "news")
    assert "news" not in [t.key for t in await templates.list_templates(uow, "dyfed-powys")]


async def test_built_ins_are_every_tenants_version_1_and_a_tenant_may_override_them(uow):
    assert await templates.get_template(uow, "cheshire", "consultation_receipt") == CONSULTATION_RECEIPT
    draft = Draft(CONSULTATION_RECEIPT.subject, Bilingual("Diolch! ((consultation_title)) ((response_id)) "
                                                          "((submitted_at)) ((withdrawal_instructions))",
                                                          CONSULTATION_RECEIPT.body.cy),
                  CONSULTATION_RECEIPT.placeholders)
    mine = await templates.add_version(uow, "cheshire", "consultation_receipt", draft, "admin-1", lambda: NOW)
    assert mine.version == 2 and not mine.built_in
    assert await templates.version_for(uow.versions, "cheshire", "consultation_receipt") == mine
    assert await templates.version_for(uow.versions, "cheshire", "consultation_receipt", 1) == CONSULTATION_RECEIPT
    assert await templates.version_for(uow.versions, "gwent", "consultation_receipt") == CONSULTATION_RECEIPT
    listed = {t.key: t.version for t in await templates.list_templates(uow, "cheshire")}
    assert listed["consultation_receipt"] == 2 and "surgery_booking_reminder" in listed


async def test_version_for_names_the_failing_field(uow):
    await create(uow)
    with pytest.raises(InvalidInput) as unknown:
        await templates.version_for(uow.versions, "cheshire", "birthday")
    assert [e.location for e in unknown.value.errors] == [("template",)]
    with pytest.raises(InvalidInput) as no_version:
        await templates.version_for(uow.versions, "cheshire", "news", 7)
    assert [e.location for e in no_version.value.errors] == [("template_version",)]


async def test_listing_filters_by_kind(uow):
    await create(uow, key="reminder_sms", kind=TemplateKind.SMS,
                 draft=Draft(Bilingual("", ""), Bilingual("See you ((name))", ""), ()))
    assert [t.key for t in await templates.list_templates(uow, "cheshire", TemplateKind.SMS)] == ["reminder_sms"]


@pytest.mark.parametrize(("draft", "location"), [
    (Draft(Bilingual("", ""), Bilingual("", ""), ()), ("body", "en")),
    (Draft(Bilingual("", "Pwnc"), Bilingual("Body", "Corff"), ()), ("subject", "en")),
    (Draft(Bilingual("S", "P"), Bilingual("Body", "Corff"), (Placeholder("ghost"),)), ("placeholders", 0, "name")),
    (Draft(Bilingual("S", "P"), Bilingual("((name_cy))", "Corff"), ()), ("body",)),
])
async def test_a_wrong_draft_names_the_field(uow, draft, location):
    with pytest.raises(InvalidInput) as refused:
        await create(uow, draft=draft)
    assert location in [e.location for e in refused.value.errors]
    assert uow.published == []


async def test_the_layout_key_is_reserved(uow):
    with pytest.raises(InvalidInput):
        await create(uow, key="layout")


async def test_layouts_default_to_english_first_and_change_per_tenant(uow):
    assert await layouts.layout_of(uow, "gwent") is Layout.EN_FIRST
    await layouts.choose_layout(uow, "gwent", Layout.CY_FIRST, "admin-1", lambda: NOW)
    assert await layouts.layout_of(uow, "gwent") is Layout.CY_FIRST
    assert await layouts.layout_of(uow, "cheshire") is Layout.EN_FIRST
    [(event, tenant)] = uow.published
    assert isinstance(event, TemplateLayoutChanged) and (event.layout, tenant) == ("cy_first", "gwent")


async def test_a_conditional_placeholder_needs_no_value_and_a_list_is_checked_item_by_item(uow):
    created = await create(uow, draft=Draft(Bilingual("S", "P"), Bilingual("((items))\n((late??Late.))", ""), ()))
    check_personalisation(created, {"items": ["One", "Two"]})
    with pytest.raises(InvalidInput) as refused:
        check_personalisation(created, {"items": ["One", "two\nlines"], "late": ""})
    assert {e.location: e.reason for e in refused.value.errors} == {
        ("personalisation", "items"): "must be a single line", ("personalisation", "late"): "must not be blank"}
