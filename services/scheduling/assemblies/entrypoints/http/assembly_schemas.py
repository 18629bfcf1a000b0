"""Request and response bodies of the citizens' assembly API."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import AwareDatetime, BaseModel, ConfigDict, EmailStr, Field

from peel.scheduling.assemblies.domain.assemblies import Assembly, Remit
from peel.scheduling.assemblies.domain.registration import Contact, Registrant
from peel.scheduling.assemblies.service_layer.assemblies import CreateAssembly, Register
from peel.scheduling.assemblies.service_layer.ports import AssemblyAtWork
from peel.scheduling.http.fields import Area, Line, Phone
from peel.scheduling.http.link_forms import LinkForm
from peel.sortition import ALGORITHMS, Quota

Name = Field(min_length=1, max_length=100)


class Bilingual(BaseModel):
    model_config = ConfigDict(extra="forbid")

    en: str = Field(min_length=1, max_length=2000)
    cy: str | None = Field(None, max_length=2000)

    def to_remit(self) -> Remit:
        return Remit(self.en, self.cy)


class QuotaBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    feature: str = Name
    value: str = Name
    min: int = Field(ge=0, le=10000)
    max: int = Field(ge=0, le=10000)
    min_flex: int | None = Field(None, ge=0, le=10000, description="How far a relaxation may lower min")
    max_flex: int | None = Field(None, ge=0, le=10000, description="How far a relaxation may raise max")


class AssemblyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Bilingual
    remit: Bilingual = Field(description="The question the assembly answers")
    areas: list[Area] = Field(min_length=1, max_length=100)
    panel_size: int = Field(ge=1, le=1000)
    quotas: list[QuotaBody] = Field(min_length=1, max_length=200,
                                    description="Per feature value, how many of the panel (the selection's quotas)")
    registration_closes_at: AwareDatetime
    replacement_deadline: date = Field(description="The last day drop-outs may be replaced")
    honorarium_per_meeting_pence: int = Field(0, ge=0, le=100000,
                                              description="What a member is paid for each meeting attended")

    def to_command(self) -> CreateAssembly:
        return CreateAssembly(
            self.title.to_remit(), self.remit.to_remit(), tuple(self.areas), self.panel_size,
            tuple(Quota(**q.model_dump()) for q in self.quotas), self.registration_closes_at,
            self.replacement_deadline, self.honorarium_per_meeting_pence)


class AssemblyPublic(BaseModel):
    id: uuid.UUID
    title: Bilingual
    remit: Bilingual
    areas: list[str]
    panel_size: int
    registration_closes_at: datetime
    replacement_deadline: date
    status: str
    quotas: list[QuotaBody]
    selected: list[uuid.UUID]
    honorarium_per_meeting_pence: int

    @classmethod
    def of(cls, assembly: Assembly) -> AssemblyPublic:
        return cls(id=assembly.id, title=Bilingual(en=assembly.title.en, cy=assembly.title.cy),
                   remit=Bilingual(en=assembly.remit.en, cy=assembly.remit.cy), areas=list(assembly.areas),
                   panel_size=assembly.panel_size, registration_closes_at=assembly.registration_closes_at,
                   replacement_deadline=assembly.replacement_deadline, status=assembly.status.value,
                   quotas=[QuotaBody(**vars_of(q)) for q in assembly.quotas], selected=list(assembly.selected),
                   honorarium_per_meeting_pence=assembly.honorarium_per_meeting_pence)


class AssemblyForStaff(AssemblyPublic):
    """An assembly in its office's staff list, with what still awaits an answer (staff only)."""

    offers_awaiting_reply: int = Field(description="Members offered a place who have not yet replied")
    recommendations_awaiting_response: int = Field(description="Recommendations without the Commissioner's "
                                                               "response")

    @classmethod
    def at_work(cls, found: AssemblyAtWork) -> AssemblyForStaff:
        return cls(**AssemblyPublic.of(found.assembly).model_dump(), offers_awaiting_reply=found.offers_awaiting_reply,
                   recommendations_awaiting_response=found.recommendations_awaiting_response)


class AssemblyListed(BaseModel):
    """An assembly as an office's home page lists it: no registrant, member or quota."""

    id: uuid.UUID
    tenant: str
    title: Bilingual
    remit: Bilingual
    areas: list[str]
    status: str = Field(description="recruiting or selected")
    registration_closes_at: datetime
    registration_open: bool = Field(description="Whether it takes registrations now")

    @classmethod
    def of(cls, assembly: Assembly, now: datetime) -> AssemblyListed:
        view = AssemblyPublic.of(assembly)
        return cls(id=assembly.id, tenant=assembly.tenant, title=view.title, remit=view.remit, areas=view.areas,
                   status=view.status, registration_closes_at=assembly.registration_closes_at,
                   registration_open=assembly.registration_open(now))


def vars_of(quota: Quota) -> dict:
    return {"feature": quota.feature, "value": quota.value, "min": quota.min, "max": quota.max,
            "min_flex": quota.min_flex, "max_flex": quota.max_flex}


class InvitationsCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    count: int = Field(ge=1, le=20000, description="How many households to invite (one code each)")


class RegistrationForm(BaseModel):
    """What the public registration page shows, and the signed token it sends back."""

    assembly_id: uuid.UUID
    tenant: str = Field(description="The office running the assembly, e.g. cheshire")
    title: Bilingual
    remit: Bilingual
    registration_closes_at: datetime
    registration_open: bool = Field(description="Whether it takes registrations now (recruiting, and not yet closed)")
    questions: dict[str, list[str]] = Field(description="Each feature and the answers it accepts")
    form_token: str


class RegistrationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    invitation_code: str = Field(min_length=4, max_length=20, description="The code on the invitation letter")
    name: Line
    email: EmailStr | None = None
    phone: Phone | None = None
    address_line: Line = Field(description="First line of the household's address")
    postcode: str = Field(min_length=5, max_length=8)
    features: dict[str, str] = Field(max_length=50, description="An answer for each question of the form")
    form_token: str = Field(min_length=10, max_length=100)
    website: str = Field("", max_length=500, description="Leave empty (it is not shown to people)")

    def to_command(self) -> Register:
        contact = Contact(self.name, self.email, self.phone, (self.address_line, self.postcode))
        return Register(self.invitation_code, contact, self.features, self.form_token, self.website)


class Registered(BaseModel):
    registrant_id: uuid.UUID
    status: str
    withdrawal_token: str = Field(description="Keep it: it lets you withdraw")


class RegistrantView(BaseModel):
    """What organising staff see of a registrant: once erased, no name, contact or address."""

    id: uuid.UUID
    status: str
    features: dict[str, str]
    name: str | None
    email: str | None
    phone: str | None
    address_line: str | None
    postcode: str | None
    registered_at: datetime
    reply: str | None = Field(description="A selected member's reply: confirmed or declined")
    erased_at: datetime | None = Field(None, description="When their personal data was erased on request")

    @classmethod
    def of(cls, registrant: Registrant) -> RegistrantView:
        contact = registrant.contact
        return cls(id=registrant.id, status=registrant.status.value, features=dict(registrant.features),
                   name=contact.name, email=contact.email, phone=contact.phone,
                   address_line=contact.address[0] or None, postcode=contact.address[1] or None,
                   registered_at=registrant.registered_at, reply=registrant.reply, erased_at=registrant.erased_at)


class SelectionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    algorithm: str = Field("leximin", pattern="^(" + "|".join(ALGORITHMS) + ")$")
    seed: int | None = Field(None, ge=0, lt=2**31, description="Left out: a fresh random seed, recorded")


class ReplacementCreate(SelectionCreate):
    dropouts: list[uuid.UUID] = Field(min_length=1, max_length=1000, description="Members who dropped out")


class RunView(BaseModel):
    id: uuid.UUID
    assembly_id: uuid.UUID
    kind: str
    algorithm: str
    seed: int
    dropouts: list[uuid.UUID]
    status: str
    requested_at: datetime
    finished_at: datetime | None
    error: str | None = Field(description="Why it failed, e.g. the quota relaxation that would make it possible")
    selected: list[uuid.UUID] | None
    summary: dict | None = Field(description="The spread of selection probabilities")

    @classmethod
    def of(cls, run: dict) -> RunView:
        return cls(**{name: run[name] for name in cls.model_fields})


class Reply(LinkForm):
    """A selected member's answer, posted from the page their offer links to."""

    confirmed: bool | None = Field(None, description="true to take the place, false to decline it (or give it in "
                                                     "the query)")
