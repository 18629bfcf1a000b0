"""Bodies for what each kind of consultation adds: Plan sections, the precept proposal and its table."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from peel.common.errors import FieldError, InvalidInput
from peel.consultation.domain.kinds import PlanSection
from peel.consultation.domain.precept import (
    STATUTORY_RATIOS,
    WELSH_RATIOS,
    PreceptOption,
    PreceptProposal,
    ReferendumLimit,
)
from peel.consultation.domain.precept_settings import ENGLAND, PreceptSettings, ratio_texts
from peel.consultation.entrypoints.http.question_schemas import Key, LocalisedText

Money = Decimal
STATUTORY_BANDS = {"england": STATUTORY_RATIOS, "wales": WELSH_RATIOS}


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

    def to_domain(self) -> ReferendumLimit:
        return ReferendumLimit(pounds=self.pounds, percent=self.percent)


class PreceptBody(_Body):
    """Left out, ``band_d_current``, ``council_tax_bands`` and ``referendum_limit`` come from your precept settings."""

    band_d_current: Money | None = Field(default=None, gt=0, le=10_000, decimal_places=2,
                                         description="This year's Band D precept (default: your precept settings')")
    options: list[PreceptOptionBody] = Field(min_length=2, max_length=10)
    council_tax_bands: Literal["england", "wales"] | None = Field(
        default=None, description="Statutory band ratios (Wales adds band I) instead of your precept settings' ratios")
    referendum_limit: ReferendumLimitBody | None = Field(default=None,
                                                         description="Default: your precept settings' limit")

    def to_domain(self, settings: PreceptSettings = ENGLAND) -> PreceptProposal:
        proposal = PreceptProposal(
            band_d_current=self._band_d_current(settings),
            options=tuple(PreceptOption(o.key, o.change) for o in self.options),
            ratios=STATUTORY_BANDS[self.council_tax_bands] if self.council_tax_bands else settings.ratios,
            referendum_limit=self.referendum_limit.to_domain() if self.referendum_limit else settings.referendum_limit,
        )
        proposal.check()
        return proposal

    def _band_d_current(self, settings: PreceptSettings) -> Decimal:
        band_d = self.band_d_current or settings.band_d_current
        if band_d is None:
            raise InvalidInput([FieldError(("precept", "band_d_current"),
                                           "give this year's Band D, or set it in your precept settings")])
        return band_d


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
    ratios: dict[str, str] = Field(default_factory=dict, description='Each band\'s share of Band D, e.g. "6/9"')
    referendum_limit: str | None = Field(default=None, description="The increase that triggers a referendum")

    @classmethod
    def of(cls, proposal: PreceptProposal) -> PreceptTablePublic:
        limit = proposal.referendum_limit
        return cls(band_d_current=float(proposal.band_d_current), ratios=ratio_texts(proposal.ratios),
                   referendum_limit=limit.describe() if limit else None, options=[
            PreceptOptionPublic(
                key=e.option.key, band_d_change=float(e.option.change), new_band_d=float(e.new_band_d),
                percent_increase=float(e.percent_increase), triggers_referendum=e.triggers_referendum,
                bands=[BandChangePublic(band=b.band, yearly=float(b.yearly), weekly=float(b.weekly)) for b in e.bands],
            ) for e in proposal.effects()])
