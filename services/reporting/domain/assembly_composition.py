"""An assembly's pool and panel, per quota feature value, beside its quotas and the population.

The pool is the registrants who joined and have not withdrawn; the panel is the members
selected, less those who dropped out, plus their replacements. The panel is published, so
its counts are shown whatever their size. The pool is not: within each feature, pool counts
from 1 to 9 are suppressed as the results breakdowns suppress small groups (and when only one
value is suppressed, the next smallest as well); counts of none are shown.

Population figures count when a feature is named like one of the uploaded dimensions
(age_band, sex, ethnicity, disability: case, spaces and hyphens aside), summed over the
assembly's areas (over every area uploaded when the figures have none of them); a feature
named area (or policing_area) takes each area's people, counted in the first dimension the
figures have for it. Other features show pool and panel only.

Selected members reply to their place: of the panel now, those who confirmed, declined (and are
not yet replaced) and have not replied, overall and per quota value (for members whose features
are known from their registration); and those who replied and have since been replaced. Replies
are shown whatever their size, as the panel is: the same staff see each member's reply in
scheduling.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from peel.reporting.domain.breakdown import MINIMUM_GROUP, suppressed
from peel.reporting.domain.documented import DOCUMENTED
from peel.reporting.domain.populations import DIMENSIONS
from peel.reporting.domain.summaries import rounded

AREA_FEATURES = frozenset({"area", "policing_area"})
RULE = (f"pool counts from 1 to {MINIMUM_GROUP - 1} within a feature are suppressed; when only one is, the next "
        "smallest is suppressed too; panel counts are of the published panel and are shown")
Counts = Mapping[tuple[str, str], int]  # (feature, value) -> people
ReplyCounts = Mapping[tuple[str, str, str], int]  # (reply, feature, value) -> members on the panel now
CONFIRMED, DECLINED = "confirmed", "declined"
Population = Mapping[tuple[str, str, str], int]  # (area, dimension, category) -> people


@dataclass(frozen=True, slots=True)
class Quota:
    feature: str
    value: str
    min: int
    max: int


@dataclass(frozen=True, slots=True)
class AssemblyFacts:
    assembly_id: uuid.UUID
    title: str
    areas: tuple[str, ...]
    panel_size: int
    quotas: tuple[Quota, ...]
    registration_closes_at: datetime


@dataclass(frozen=True, slots=True)
class SelectionRun:
    __pydantic_config__ = DOCUMENTED
    run_id: uuid.UUID
    kind: str
    """selection or replacement"""
    ran_at: datetime
    algorithm: str
    seed: int
    pool_size: int
    min_probability: float
    max_probability: float
    gini: float
    selected: int
    dropouts: int
    replacements: int


@dataclass(frozen=True, slots=True)
class Replies:
    """Selected members' replies to their place."""
    __pydantic_config__ = DOCUMENTED

    confirmed: int
    """members on the panel now who confirmed their place"""
    declined: int
    """members on the panel now who declined it and are not yet replaced"""
    awaiting_reply: int
    """members on the panel now who have not replied"""
    replaced_after_confirming: int
    """members who confirmed and have since dropped out"""
    replaced_after_declining: int
    """members who declined and have since been replaced"""

    @classmethod
    def of(cls, panel: int, counts: Mapping[tuple[str, bool], int]) -> Replies:
        """``counts``: members who replied, per (reply, on the panel now)."""
        confirmed, declined = counts.get((CONFIRMED, True), 0), counts.get((DECLINED, True), 0)
        return cls(confirmed, declined, panel - confirmed - declined, counts.get((CONFIRMED, False), 0),
                   counts.get((DECLINED, False), 0))


NO_REPLIES: ReplyCounts = {}


@dataclass(frozen=True, slots=True)
class ValueFigures:
    __pydantic_config__ = DOCUMENTED
    value: str
    quota_min: int | None
    """none for a value no quota names"""
    quota_max: int | None
    pool: int | None
    """registrants not withdrawn; none when suppressed"""
    pool_suppressed: bool
    pool_share: float | None
    panel: int
    """members now: selected, less dropouts, plus replacements"""
    panel_share: float | None
    within_quota: bool | None
    """none before a panel is selected"""
    population: int | None
    """from the population figures uploaded, when the feature matches"""
    population_share: float | None
    confirmed: int = 0
    """members on the panel now with this value who confirmed their place"""
    declined: int = 0
    """members on the panel now with this value who declined it (not yet replaced)"""
    awaiting_reply: int = 0
    """members on the panel now with this value who have not replied"""


@dataclass(frozen=True, slots=True)
class FeatureFigures:
    __pydantic_config__ = DOCUMENTED
    feature: str
    population_dimension: str | None
    """the population figures' dimension matched, if any"""
    values: tuple[ValueFigures, ...]
    """in the quotas' order"""


@dataclass(frozen=True, slots=True)
class Composition:
    __pydantic_config__ = DOCUMENTED
    assembly_id: uuid.UUID
    title: str
    areas: tuple[str, ...]
    panel_size: int
    """the panel wanted"""
    pool: int
    """registrants who joined and have not withdrawn"""
    panel: int
    """members now"""
    rule: str
    """how small pool counts are suppressed"""
    features: tuple[FeatureFigures, ...]
    runs: tuple[SelectionRun, ...]
    """the selection and each replacement, in order"""
    replies: Replies
    """selected members' replies to their place"""


def key(text: str) -> str:
    """A name as compared: case, spaces and hyphens aside."""
    return "_".join(text.replace("-", " ").split()).casefold()


def _share(part: int | None, whole: int) -> float | None:
    return rounded(part / whole) if whole and part is not None else None


def _areas_in_scope(areas: Sequence[str], population: Population) -> set[str]:
    uploaded = {area for area, _, _ in population}
    wanted = {area for area in uploaded if key(area) in {key(a) for a in areas}}
    return wanted or uploaded


def population_for(feature: str, areas: Sequence[str], population: Population) -> tuple[str | None, dict[str, int]]:
    """The dimension a feature matches and its people per category (compared as keys), or none."""
    scope, wanted = _areas_in_scope(areas, population), key(feature)
    people: dict[str, int] = defaultdict(int)
    if wanted in DIMENSIONS:
        for (area, dimension, category), count in population.items():
            if area in scope and dimension == wanted:
                people[key(category)] += count
        return (wanted, dict(people)) if people else (None, {})
    if wanted in AREA_FEATURES:
        for area in scope:
            first = next(d for d in DIMENSIONS if any(a == area and dim == d for a, dim, _ in population))
            people[key(area)] = sum(n for (a, d, _), n in population.items() if a == area and d == first)
        return ("area", dict(people)) if people else (None, {})
    return None, {}


def _shown_pool(values: Sequence[str], pool: Mapping[str, int]) -> dict[str, int | None]:
    sizes = {value: pool.get(value, 0) for value in values}
    hidden = {value for value in suppressed(sizes) if sizes[value]}
    return {value: None if value in hidden else size for value, size in sizes.items()}


def feature_figures(feature: str, quotas: Sequence[Quota], pool: Counts, panel: Counts, sizes: tuple[int, int],
                    population: tuple[str | None, dict[str, int]], replies: ReplyCounts = NO_REPLIES) -> FeatureFigures:
    """``sizes``: the pool's and the panel's; ``quotas``: this feature's."""
    by_value = {q.value: q for q in quotas}
    values = [*by_value, *sorted({v for f, v in [*pool, *panel] if f == feature} - set(by_value))]
    shown = _shown_pool(values, {v: n for (f, v), n in pool.items() if f == feature})
    dimension, people = population
    whole = sum(people.values())
    return FeatureFigures(feature, dimension, tuple(
        _with_replies(_value(value, by_value.get(value), shown[value], panel.get((feature, value), 0), sizes,
                             people.get(key(value)) if dimension else None, whole),
                      replies.get((CONFIRMED, feature, value), 0), replies.get((DECLINED, feature, value), 0))
        for value in values))


def _with_replies(found: ValueFigures, confirmed: int, declined: int) -> ValueFigures:
    return replace(found, confirmed=confirmed, declined=declined, awaiting_reply=found.panel - confirmed - declined)


def _value(value: str, quota: Quota | None, pool: int | None, panel: int, sizes: tuple[int, int],
           people: int | None, whole: int) -> ValueFigures:
    selected = sizes[1] > 0
    return ValueFigures(
        value=value, quota_min=quota.min if quota else None, quota_max=quota.max if quota else None,
        pool=pool, pool_suppressed=pool is None, pool_share=_share(pool, sizes[0]),
        panel=panel, panel_share=_share(panel, sizes[1]),
        within_quota=(quota.min <= panel <= quota.max) if quota and selected else None,
        population=people, population_share=_share(people, whole),
    )


def composition(assembly: AssemblyFacts, pool: Counts, panel: Counts, sizes: tuple[int, int],
                population: Population, runs: Sequence[SelectionRun],
                replies: tuple[Replies, ReplyCounts] | None = None) -> Composition:
    """``pool``/``panel``: people per (feature, value); ``sizes``: the pool's and the panel's people;
    ``replies``: the members' replies, and those of the panel now per (reply, feature, value)."""
    overall, per_value = replies or (Replies.of(sizes[1], {}), NO_REPLIES)
    features = list(dict.fromkeys(q.feature for q in assembly.quotas))
    return Composition(
        assembly_id=assembly.assembly_id, title=assembly.title, areas=assembly.areas,
        panel_size=assembly.panel_size, pool=sizes[0], panel=sizes[1], rule=RULE,
        features=tuple(
            feature_figures(feature, [q for q in assembly.quotas if q.feature == feature], pool, panel, sizes,
                            population_for(feature, assembly.areas, population), per_value)
            for feature in features),
        runs=tuple(sorted(runs, key=lambda run: (run.ran_at, str(run.run_id)))),
        replies=overall,
    )
