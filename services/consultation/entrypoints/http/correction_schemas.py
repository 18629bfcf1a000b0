"""Bodies for correcting a published consultation's text, its history, and extending its closing date."""

from __future__ import annotations

from datetime import datetime
from typing import Self

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from peel.consultation.domain.model import CorrectionRecord
from peel.consultation.domain.texts import Rewording
from peel.consultation.entrypoints.http.question_schemas import LocalisedText


class TextCorrection(BaseModel):
    """New words for one text; a language left out keeps its words, ``"cy": null`` removes the Welsh."""

    model_config = ConfigDict(extra="forbid")

    en: str | None = Field(default=None, min_length=1, max_length=20_000, description="English")
    cy: str | None = Field(default=None, min_length=1, max_length=20_000, description="Welsh (Cymraeg)")

    @model_validator(mode="after")
    def _changes_something(self) -> Self:
        if not self.model_fields_set:
            raise ValueError("give the English, the Welsh or both")
        return self

    def to_domain(self) -> Rewording:
        return Rewording(en=self.en, cy=self.cy, without_welsh="cy" in self.model_fields_set and self.cy is None)


class CorrectionView(BaseModel):
    """One corrected text: the version the correction made, who made it, when, and the text before and after."""

    version: int
    field: str = Field(description='The text\'s place, such as "title" or "questions.priority.options.asb"')
    before: LocalisedText
    after: LocalisedText
    editor: str
    corrected_at: datetime

    @classmethod
    def of(cls, record: CorrectionRecord) -> CorrectionView:
        c = record.correction
        return cls(version=record.version, field=c.field, before=LocalisedText.of(c.before),
                   after=LocalisedText.of(c.after), editor=record.editor, corrected_at=record.corrected_at)


class ClosingExtension(BaseModel):
    model_config = ConfigDict(extra="forbid")

    closes_at: AwareDatetime = Field(description="The new closing time: later than the current one")
