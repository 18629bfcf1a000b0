"""Bodies of a tenant's precept settings: separate models for setting and for showing them."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from peel.consultation.domain.precept import STATUTORY_RATIOS, ReferendumLimit
from peel.consultation.domain.precept_settings import PreceptSettings, ratio_texts, read_ratios
from peel.consultation.entrypoints.http.kind_schemas import Money, ReferendumLimitBody

Ratio = Annotated[str, StringConstraints(max_length=32)] | Decimal
RATIOS_EXAMPLE = {"A": "6/9", "B": "7/9", "C": "8/9", "D": "9/9", "E": "11/9", "F": "13/9", "G": "15/9", "H": "18/9"}


class PreceptSettingsUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ratios: dict[str, Ratio] | None = Field(
        default=None, max_length=9, examples=[RATIOS_EXAMPLE],
        description='Each band\'s share of Band D, "6/9" or 0.6667: bands A to H, and I in Wales. '
                    "Band D is 1; each band pays more than the one before. Default: the statutory ratios for England")
    referendum_limit: ReferendumLimitBody | None = Field(
        default=None, description="The largest Band D increase allowed without a referendum; none if left out")
    band_d_current: Money | None = Field(default=None, gt=0, le=10_000, decimal_places=2,
                                         description="This year's Band D precept, for consultations that leave it out")

    def to_domain(self) -> PreceptSettings:
        limit = self.referendum_limit
        return PreceptSettings(
            ratios=read_ratios({band: _text(ratio) for band, ratio in self.ratios.items()})
            if self.ratios is not None else STATUTORY_RATIOS,
            referendum_limit=limit.to_domain() if limit else None, band_d_current=self.band_d_current,
        )


class ReferendumLimitPublic(BaseModel):
    pounds: float | None
    percent: float | None
    description: str

    @classmethod
    def of(cls, limit: ReferendumLimit) -> ReferendumLimitPublic:
        return cls(pounds=_number(limit.pounds), percent=_number(limit.percent), description=limit.describe())


class PreceptSettingsPublic(BaseModel):
    ratios: dict[str, str] = Field(description="Each band's share of Band D")
    referendum_limit: ReferendumLimitPublic | None
    band_d_current: float | None
    configured: bool = Field(description="false: none set, so the statutory ratios for England apply, with no limit")

    @classmethod
    def of(cls, settings: PreceptSettings) -> PreceptSettingsPublic:
        limit = settings.referendum_limit
        return cls(ratios=ratio_texts(settings.ratios),
                   referendum_limit=ReferendumLimitPublic.of(limit) if limit else None,
                   band_d_current=_number(settings.band_d_current), configured=settings.configured)


def _text(ratio: str | Decimal) -> str:
    return ratio if isinstance(ratio, str) else f"{ratio:f}"


def _number(amount: Decimal | None) -> float | None:
    return None if amount is None else float(amount)
