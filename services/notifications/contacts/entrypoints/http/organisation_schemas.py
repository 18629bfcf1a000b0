"""The organisations API's bodies, and the council details page's."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, Field, model_validator

from peel.notifications.contacts.domain.organisations import (
    Correction,
    Kind,
    Organisation,
    OrganisationDetails,
    Role,
    RoleHolder,
)
from peel.notifications.contacts.service_layer.organisations import CouncilDetails

Area = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")]


class RoleEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Role
    contact_id: uuid.UUID


class OrganisationBody(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "name": "Audlem Parish Council", "kind": "parish_council", "area": "E04000001",
        "roles": [{"role": "clerk", "contact_id": "6f1c1a4e-0000-4000-8000-000000000001"}]}]})

    name: str = Field(min_length=1, max_length=200)
    kind: Kind
    area: Area = Field(description="The area it serves, e.g. a parish code")
    roles: list[RoleEntry] = Field(default_factory=list, max_length=100, description="Who holds which role")

    def details(self) -> OrganisationDetails:
        return OrganisationDetails(self.name, self.kind, self.area,
                                   tuple(RoleHolder(entry.role, entry.contact_id) for entry in self.roles))


class OrganisationPublic(BaseModel):
    id: uuid.UUID
    name: str
    kind: Kind
    area: str
    roles: list[RoleEntry]
    created_at: datetime
    last_confirmed_at: datetime | None = Field(description="When the council last confirmed its details")

    @classmethod
    def of(cls, organisation: Organisation) -> OrganisationPublic:
        o = organisation
        return cls(id=o.id, name=o.name, kind=o.kind, area=o.area, created_at=o.created_at,
                   roles=[RoleEntry(role=h.role, contact_id=h.contact_id) for h in o.roles],
                   last_confirmed_at=o.last_confirmed_at)


class CouncilOrganisation(BaseModel):
    id: uuid.UUID
    name: str
    kind: Kind
    area: str


class CouncilContact(BaseModel):
    name: str | None = None
    email: str | None
    mobile: str | None


class CouncilDetailsPublic(BaseModel):
    tenant: str
    organisation: CouncilOrganisation
    role: str | None
    contact: CouncilContact | None
    last_confirmed_at: datetime | None

    @classmethod
    def of(cls, found: CouncilDetails) -> CouncilDetailsPublic:
        o, contact = found.organisation, found.contact
        person = CouncilContact(name=contact.details.name, email=contact.details.email,
                                mobile=contact.details.mobile) if contact else None
        return cls(tenant=o.tenant, organisation=CouncilOrganisation(id=o.id, name=o.name, kind=o.kind, area=o.area),
                   role=found.role, contact=person, last_confirmed_at=o.last_confirmed_at)


class CouncilDetailsAnswer(BaseModel):
    """``{"confirmed": true}`` when all is still correct, or the corrected fields."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"confirmed": True}, {"email": "clerk@audlem-pc.gov.uk", "name": "A. Clerk"}]})

    confirmed: bool | None = None
    name: str | None = Field(default=None, min_length=1, max_length=200)
    email: EmailStr | None = None
    mobile: str | None = Field(default=None, pattern=r"^\+?[0-9 ]{7,20}$")

    @model_validator(mode="after")
    def _confirmed_or_corrected(self) -> CouncilDetailsAnswer:
        if self.confirmed is not True and not self._correction().fields():
            raise ValueError("confirmed must be true, or give the corrected name, email or mobile")
        return self

    def _correction(self) -> Correction:
        return Correction(self.name, str(self.email) if self.email else None, self.mobile)

    def correction(self) -> Correction | None:
        correction = self._correction()
        return correction if correction.fields() else None
