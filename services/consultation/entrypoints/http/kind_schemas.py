"""Bodies for what each kind of consultation adds: Plan sections, the precept proposal and its table."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from peel.consultation.domain.kinds import PlanSection
from peel.consultation.domain.precept import (
    STATUTORY_RATIOS,
    WELSH_RATIOS,
    PreceptOption,
    PreceptProposal,
    ReferendumLimit,
)
from peel.consultation.entrypoints.http.question_schemas import Key, LocalisedText

Money = Decimal


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PlanSectionBody(_Body):
    key: Key
    title: LocalisedText
    summary: LocalisedText

    def to_domain(self) -> PlanSection:
        return PlanSection(self.key, self.title.to_domain(), self.summary.to_domain())


class PreceptOptionBody(_Body):
    key: Key
    change: Money = Field(ge=-1000, le=1000, decimal_places=2, description="Band D change in pounds a year")


class ReferendumLimitBody(_Body):
    pounds: Money | None = Field(default=None, gt=0, decimal_places=2)
    percent: Decimal | None = Field(default=None, gt=0, le=100)

    @model_validator(mode="after")
    def _exactly_one(self) -> Self:
        if (self.pounds is None) == (self.percent is None):
            raise ValueError("give the referendum limit in pounds or as a percentage, not both")
        return self


class PreceptBody(_Body):
    band_d_current: Money = Field(gt=0, le=10_000, decimal_places=2, description="This year's Band D precept")
    options: list[PreceptOptionBody] = Field(min_length=2, max_length=10)
    council_tax_bands: Literal["england", "wales"] = Field(default="england",
                                                           description="Statutory band ratios (Wales adds band I)")
    referendum_limit: ReferendumLimitBody | None = None

    def to_domain(self) -> PreceptProposal:
        limit = self.referendum_limit
        proposal = PreceptProposal(
            band_d_current=self.band_d_current,
            options=tuple(PreceptOption(o.key, o.change) for o in self.options),
            ratios=WELSH_RATIOS if self.council_tax_bands == "wales" else STATUTORY_RATIOS,
            referendum_limit=ReferendumLimit(pounds=limit.pounds, percent=limit.percent) if limit else None,
        )
        proposal.check()
        return proposal


class BandChangePublic(BaseModel):
    band: str
    yearly: float
    weekly: float


class PreceptOptionPublic(BaseModel):
    key: str
    band_d_change: float
    new_band_d: float
    percent_increase: float
    triggers_referendum: bool
    bands: list[BandChangePublic]


class PreceptTablePublic(BaseModel):
    band_d_current: float
    options: list[PreceptOptionPublic]

    @classmethod
    def of(cls, proposal: PreceptProposal) -> PreceptTablePublic:
        return cls(band_d_current=float(proposal.band_d_current), options=[
            PreceptOptionPublic(
                key=e.option.key, band_d_change=float(e.option.change), new_band_d=float(e.new_band_d),
                percent_increase=float(e.percent_increase), triggers_referendum=e.triggers_referendum,
                bands=[BandChangePublic(band=b.band, yearly=float(b.yearly), weekly=float(b.weekly)) for b in e.bands],
            ) for e in proposal.effects()])
