"""Charts the staff pages draw on the server (SVG, no script): each bar's place and size, from the figures alone.

A chart always comes with the same figures as a table (the template shows both), so nothing is only in a picture."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

ROW = 28  # pixels per bar
LABELS = 0.38  # share of the width given to the labels


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as the table shows it ("42", "12.5%")
    y: int
    length: float  # 0..1 of the plotting width
    low: float | None = None  # a margin of error's ends, 0..1 of the plotting width
    high: float | None = None
    suppressed: bool = False  # too few to show: drawn as no bar, marked in the table


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: tuple[Bar, ...]
    height: int
    labels_share: float = LABELS

    @property
    def empty(self) -> bool:
        return not self.bars


def bar_chart(title: str, rows: Sequence[tuple[str, float | None, str]], *, top: float | None = None,
              margins: Sequence[tuple[float, float] | None] | None = None) -> BarChart:
    """``rows`` are (label, value or ``None`` when suppressed, shown); ``top`` is the axis's end (the largest value
    by default); ``margins`` give each row's (low, high) when the figure has a margin of error."""
    values = [value for _, value, _ in rows if value is not None]
    ends = [high for margin in margins or [] if margin for _, high in [margin]]
    scale = top or max([*values, *ends, 0]) or 1
    bars = []
    for index, (label, value, shown) in enumerate(rows):
        margin = margins[index] if margins else None
        bars.append(Bar(label=label, value=value or 0, shown=shown, y=index * ROW,
                        length=_share(value or 0, scale), suppressed=value is None,
                        low=_share(margin[0], scale) if margin else None,
                        high=_share(margin[1], scale) if margin else None))
    return BarChart(title=title, bars=tuple(bars), height=max(len(bars), 1) * ROW)


def _share(value: float, scale: float) -> float:
    return max(0.0, min(1.0, value / scale))
