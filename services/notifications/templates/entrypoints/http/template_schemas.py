"""The templates API's bodies: what staff write, what they are shown, and previews."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from peel.notifications.contacts.domain.consents import Category, Channel
from peel.notifications.templates.domain.layouts import Layout
from peel.notifications.templates.domain.preview import Preview
from peel.notifications.templates.domain.template_parts import Bilingual, Kind, Placeholder, Template, TemplateKind
from peel.notifications.templates.domain.versions import Draft

Key = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[a-z][a-z0-9_]*$")]
PlaceholderName = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^\w+$")]
Value = Annotated[str, Field(max_length=10_000)]
Item = Annotated[str, Field(max_length=2_000)]
Items = Annotated[list[Item], Field(max_length=100)]
Name = Annotated[str, Field(max_length=100)]
EXAMPLE = {"key": "surgery_reminder_sms", "kind": "sms", "category": "service",
           "subject": {"en": "", "cy": ""},
           "body": {"en": "Reminder: your appointment with ((host)) is on ((starts_at)).",
                    "cy": "Nodyn atgoffa: mae eich apwyntiad gyda ((host)) ar ((starts_at))."},
           "placeholders": [{"name": "starts_at", "kind": "datetime"}]}


class Wording(BaseModel):
    model_config = ConfigDict(extra="forbid")

    en: str = Field(default="", max_length=20_000)
    cy: str = Field(default="", max_length=20_000)

    def bilingual(self) -> Bilingual:
        return Bilingual(self.en, self.cy)


class Subject(Wording):
    en: str = Field(default="", max_length=500)
    cy: str = Field(default="", max_length=500)


class PlaceholderSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: PlaceholderName
    kind: Kind = Field(default=Kind.LINE, description="line (one line), text (paragraphs) or datetime")
    sensitive: bool = Field(default=False, description="Not shown to staff once the message is sent")
    sanitise: bool = Field(default=False, description="Links are taken out of its value")

    def placeholder(self) -> Placeholder:
        return Placeholder(self.name, self.kind, self.sensitive, self.sanitise)


class VersionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {key: value for key, value in EXAMPLE.items() if key not in ("key", "kind", "category")}]})

    subject: Subject = Field(default_factory=Subject, description="Not used by text messages")
    body: Wording
    placeholders: list[PlaceholderSpec] = Field(default_factory=list, max_length=50,
                                                description="Flags for placeholders; others are single lines")

    def draft(self) -> Draft:
        return Draft(self.subject.bilingual(), self.body.bilingual(),
                     tuple(spec.placeholder() for spec in self.placeholders))


class TemplateCreate(VersionCreate):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE]})

    key: Key
    kind: TemplateKind = TemplateKind.EMAIL
    category: Category = Category.SERVICE


class TemplatePublic(BaseModel):
    key: str
    version: int
    kind: TemplateKind
    category: Category
    subject: Wording
    body: Wording
    placeholders: list[PlaceholderSpec]
    built_in: bool
    created_at: datetime | None
    created_by: str | None

    @classmethod
    def of(cls, template: Template) -> TemplatePublic:
        return cls(key=template.key, version=template.version, kind=template.kind, category=template.category,
                   subject=Wording(en=template.subject.en, cy=template.subject.cy),
                   body=Wording(en=template.body.en, cy=template.body.cy),
                   placeholders=[PlaceholderSpec(name=p.name, kind=p.kind, sensitive=p.sensitive, sanitise=p.sanitise)
                                 for p in template.placeholders],
                   built_in=template.built_in, created_at=template.created_at, created_by=template.created_by)


class LayoutChoice(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"layout": "cy_first"}]})

    layout: Layout = Field(description="cy_first, en_first, side_by_side, or separate (the contact's language only)")


class PreviewRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "personalisation": {"host": "the Commissioner", "starts_at": "2027-03-02T10:00:00Z"},
        "language": "both", "channel": "sms"}]})

    personalisation: dict[Name, Value | Items] = Field(
        default_factory=dict, max_length=60, description="Sample values; `<name>_cy` for Welsh; a list for bullets")
    language: Literal["both", "en", "cy"] = "both"
    channel: Channel | None = Field(default=None, description="The template's own kind when absent")
    version: int | None = Field(default=None, ge=1, le=1_000_000, description="The latest when absent")


class SmsPublic(BaseModel):
    encoding: Literal["GSM-7", "UCS-2"]
    characters: int
    segments: int


class PreviewPublic(BaseModel):
    subject: dict[str, str]
    html: str | None
    text: str
    language: str
    sms: SmsPublic
    warnings: list[str]

    @classmethod
    def of(cls, preview: Preview) -> PreviewPublic:
        content, sms = preview.content, preview.sms
        return cls(subject=preview.subject, html=content.html, text=content.text, language=content.language,
                   sms=SmsPublic(encoding=sms.encoding, characters=sms.characters, segments=sms.segments),
                   warnings=list(preview.warnings))
