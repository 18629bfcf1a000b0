"""Templates and their versions: written by staff, read back, looked up for a message; each new version and
its event commit together. Built-in templates are version 1 of every tenant's template of their key."""

from __future__ import annotations

from peel.common.contracts.notifications.templates import TemplateVersionCreated
from peel.common.errors import Conflict, FieldError, InvalidInput, NotFound
from peel.notifications.clock import Clock, utc_now
from peel.notifications.contacts.domain.consents import Category
from peel.notifications.templates.domain.template_parts import Template, TemplateKind
from peel.notifications.templates.domain.templates import TEMPLATES
from peel.notifications.templates.domain.versions import Draft, first_version, next_version
from peel.notifications.templates.service_layer.ports import TemplatesUnitOfWork, TemplateVersions


async def version_for(store: TemplateVersions, tenant: str, key: str, version: int | None = None) -> Template:
    """The template version a message uses (the latest when none is named); 422 naming the field otherwise."""
    found = await lookup(store, tenant, key, version)
    if found is not None:
        return found
    if version is not None and await lookup(store, tenant, key) is not None:
        raise InvalidInput([FieldError(("template_version",), f"template {key!r} has no version {version}")])
    raise InvalidInput([FieldError(("template",), f"no template {key!r} in your tenant")])


async def lookup(store: TemplateVersions, tenant: str, key: str, version: int | None = None) -> Template | None:
    if version == 1 and key in TEMPLATES:
        return TEMPLATES[key]
    stored = await store.get(tenant, key, version)
    if stored is None and version is None:
        return TEMPLATES.get(key)
    return stored


async def get_template(uow: TemplatesUnitOfWork, tenant: str, key: str, version: int | None = None) -> Template:
    async with uow:
        found = await lookup(uow.versions, tenant, key, version)
    if found is None:
        raise NotFound(f"no template {key!r}" + (f" version {version}" if version else "") + " in your tenant")
    return found


async def list_templates(uow: TemplatesUnitOfWork, tenant: str, kind: TemplateKind | None = None) -> list[Template]:
    """The latest version of each template the tenant may use, by key."""
    async with uow:
        stored = {template.key: template for template in await uow.versions.latest_all(tenant, kind)}
    built_in = {key: template for key, template in TEMPLATES.items() if kind in (None, template.kind)}
    return sorted({**built_in, **stored}.values(), key=lambda template: template.key)


async def create_template(uow: TemplatesUnitOfWork, tenant: str, key: str, kind: TemplateKind, category: Category,
                          draft: Draft, staff: str, clock: Clock = utc_now) -> Template:
    template = first_version(key, kind, category, draft, staff, clock())
    async with uow:
        if key in TEMPLATES or not await uow.versions.add(tenant, template):
            raise Conflict(f"template {key!r} exists already; add a version to it instead")
        await _created(uow, tenant, template)
    return template


async def add_version(uow: TemplatesUnitOfWork, tenant: str, key: str, draft: Draft, staff: str,
                      clock: Clock = utc_now) -> Template:
    async with uow:
        latest = await lookup(uow.versions, tenant, key)
        if latest is None:
            raise NotFound(f"no template {key!r} in your tenant")
        template = next_version(latest, draft, staff, clock())
        if not await uow.versions.add(tenant, template):
            raise Conflict(f"version {template.version} of {key!r} was written at the same time; try again")
        await _created(uow, tenant, template)
    return template


async def _created(uow: TemplatesUnitOfWork, tenant: str, template: Template) -> None:
    languages = [language for language in ("en", "cy") if template.has(language)]
    uow.emit(TemplateVersionCreated(key=template.key, version=template.version, kind=template.kind.value,
                                    category=template.category.value, languages=languages,
                                    created_at=template.created_at), tenant)
    await uow.commit()
