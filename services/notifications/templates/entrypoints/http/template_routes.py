"""Templates and their immutable versions (staff, or machines with notifications:templates), and previews."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from peel.notifications.contacts.domain.consents import Channel
from peel.notifications.templates.adapters.html import render_html
from peel.notifications.templates.domain.template_parts import TemplateKind
from peel.notifications.templates.entrypoints.http.dependencies import Staff, UnitOfWorkDep
from peel.notifications.templates.entrypoints.http.template_schemas import (
    PreviewPublic,
    PreviewRequest,
    TemplateCreate,
    TemplatePublic,
    VersionCreate,
)
from peel.notifications.templates.service_layer import previews, templates

router = APIRouter(prefix="/v1/templates", tags=["templates"])
NOT_FOUND = {404: {"description": "No such template (or version) in your tenant"}}
KeyPath = Annotated[str, Path(max_length=100)]
Version = Annotated[int, Path(ge=1, le=1_000_000)]


@router.get("", summary="The latest version of each template, built-in ones included")
async def list_templates(principal: Staff, uow: UnitOfWorkDep,
                         kind: Annotated[TemplateKind | None, Query()] = None) -> list[TemplatePublic]:
    return [TemplatePublic.of(template) for template in await templates.list_templates(uow, principal.tenant, kind)]


@router.post("", status_code=status.HTTP_201_CREATED, summary="Write a new template: its version 1",
             responses={409: {"description": "A template with this key exists already"}})
async def create_template(body: TemplateCreate, principal: Staff, uow: UnitOfWorkDep) -> TemplatePublic:
    created = await templates.create_template(uow, principal.tenant, body.key, body.kind, body.category, body.draft(),
                                              principal.subject)
    return TemplatePublic.of(created)


@router.post("/{key}/versions", status_code=status.HTTP_201_CREATED, responses=NOT_FOUND,
             summary="Write a new version; earlier versions never change")
async def add_version(key: KeyPath, body: VersionCreate, principal: Staff, uow: UnitOfWorkDep) -> TemplatePublic:
    return TemplatePublic.of(await templates.add_version(uow, principal.tenant, key, body.draft(), principal.subject))


@router.get("/{key}", summary="A template's latest version", responses=NOT_FOUND)
async def get_template(key: KeyPath, principal: Staff, uow: UnitOfWorkDep) -> TemplatePublic:
    return TemplatePublic.of(await templates.get_template(uow, principal.tenant, key))


@router.get("/{key}/versions/{version}", summary="One version of a template", responses=NOT_FOUND)
async def get_version(key: KeyPath, version: Version, principal: Staff, uow: UnitOfWorkDep) -> TemplatePublic:
    return TemplatePublic.of(await templates.get_template(uow, principal.tenant, key, version))


@router.post("/{key}/preview", responses=NOT_FOUND,
             summary="Render a version with sample values: subject, HTML, text, text-message cost and warnings")
async def preview(key: KeyPath, body: PreviewRequest, principal: Staff, uow: UnitOfWorkDep) -> PreviewPublic:
    template = await templates.get_template(uow, principal.tenant, key, body.version)
    channel = body.channel or Channel(template.kind.value)
    shown = await previews.preview_template(uow, principal.tenant, template, body.personalisation, body.language,
                                            channel, render_html)
    return PreviewPublic.of(shown)
