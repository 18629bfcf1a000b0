"""The admin API for how an office's pages look (JSON, bearer token with the admin role)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel, Field, HttpUrl, field_validator

from peel.common.audit.record import entry_for
from peel.common.auth import Principal
from peel.common.auth.dependencies import allow
from peel.common.auth.principal import Role
from peel.web.domain.tenants import TenantDisplay, contrast_with_white
from peel.web.entrypoints.http.context import ports

router = APIRouter(prefix="/v1/tenants/{tenant}/display", tags=["offices"])
MINIMUM_CONTRAST = 4.5
Admin = Annotated[Principal, Depends(allow(Role.ADMIN))]


class Bilingual(BaseModel):
    en: str = Field(min_length=1, max_length=200)
    cy: str = Field(min_length=1, max_length=200, description="Welsh; every office's pages exist in Welsh too")


class DisplayBody(BaseModel):
    """What residents see of the office on every page."""

    name: Bilingual = Field(description='The office\'s name, e.g. "Office of the Police and Crime Commissioner '
                                        'for Cheshire"')
    head_title: Bilingual = Field(description='The title of its head, e.g. "Mayor of Greater Manchester"')
    brand_colour: str = Field("#1d70b8", pattern=r"^#[0-9a-fA-F]{6}$",
                              description="The header's colour, behind white text: at least 4.5:1 contrast")
    privacy_url: HttpUrl | None = None
    accessibility_url: HttpUrl | None = None
    contact_email: str | None = Field(None, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")

    @field_validator("brand_colour")
    @classmethod
    def _readable(cls, colour: str) -> str:
        ratio = contrast_with_white(colour)
        if ratio < MINIMUM_CONTRAST:
            raise ValueError(f"white text on {colour} has a contrast of {ratio:.1f}:1; at least "
                             f"{MINIMUM_CONTRAST}:1 is needed (WCAG 2.2 AA): choose a darker colour")
        return colour

    @classmethod
    def of(cls, display: TenantDisplay) -> DisplayBody:
        return cls.model_validate(display.as_dict())

    def display(self) -> TenantDisplay:
        values = self.model_dump(mode="json")
        return TenantDisplay(**values)


def _own_office(principal: Principal, tenant: str) -> None:
    if principal.tenant != tenant:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such office")


@router.get("", summary="How the office's pages look")
async def get_display(request: Request, tenant: str, principal: Admin) -> DisplayBody:
    _own_office(principal, tenant)
    return DisplayBody.of(await ports(request).tenants.display(tenant))


@router.put("", summary="Set how the office's pages look (names in English and Welsh, colour, links)")
async def put_display(request: Request, tenant: str, body: DisplayBody, principal: Admin) -> DisplayBody:
    _own_office(principal, tenant)
    await ports(request).tenants.set_display(tenant, body.display())
    staff = ports(request).staff
    if staff is not None:  # the web's own audit trail, as the services keep theirs
        await staff.audit_log.record(entry_for(principal, "PUT", "/v1/tenants/{tenant}/display", {"tenant": tenant},
                                               200))
    return body
