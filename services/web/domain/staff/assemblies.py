"""The staff pages' rules for citizens' assemblies: a set-up form read into the scheduling service's body, and a
selection run's probabilities gathered into groups a chart can show.

The service checks everything again; these rules only turn what a person typed into what it expects, and name the
field to fix when it cannot be read at all."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from peel.web.domain.staff import reading
from peel.web.domain.staff.messages import N_

LONDON = reading.LONDON
ALGORITHMS = ("leximin", "maximin", "legacy")
UNDER_WAY = frozenset({"queued", "running"})
MAX_INVITATIONS = 20000
AREA = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")

Fields = Mapping[str, str]
Errors = dict[str, str]


@dataclass(frozen=True)
class SetUp:
    """A set-up form read: the body to send, or the fields to fix (field id -> message)."""

    body: dict[str, Any]
    errors: Errors


def read_set_up(fields: Fields) -> SetUp:
    """The scheduling service's assembly body from the set-up form's fields."""
    errors: Errors = {}
    body: dict[str, Any] = {
        "title": _bilingual(fields, "title", N_("Enter the assembly's title"), errors),
        "remit": _bilingual(fields, "remit", N_("Enter the question the assembly answers"), errors),
        "areas": _areas(fields.get("areas", ""), errors),
        "panel_size": _whole(fields.get("panel_size", ""), "panel_size", N_("Enter the panel size as a number, "
                                                                             "such as 40"), errors, low=1),
        "quotas": _quotas(fields.get("quotas", ""), errors),
        "registration_closes_at": _closing(fields.get("registration_closes_on", ""), errors),
        "replacement_deadline": _day(fields.get("replacement_deadline", ""), "replacement_deadline", errors),
        "honorarium_per_meeting_pence": _pence(fields.get("honorarium", ""), errors),
    }
    return SetUp(body, errors)


def _bilingual(fields: Fields, name: str, missing: str, errors: Errors) -> dict[str, str | None]:
    english, welsh = fields.get(f"{name}_en", ""), fields.get(f"{name}_cy", "")
    if not english:
        errors[f"{name}_en"] = missing
    return {"en": english, "cy": welsh or None}


def _areas(text: str, errors: Errors) -> list[str]:
    areas = [part.strip().lower() for part in re.split(r"[,\n]", text) if part.strip()]
    if not areas or not all(AREA.match(area) for area in areas):
        errors["areas"] = N_("Enter the areas' ids, separated by commas, such as crewe, chester")
    return areas


def _whole(text: str, name: str, message: str, errors: Errors, *, low: int = 0) -> int:
    number = reading.whole(text, low)
    if number is None:
        errors[name] = message
        return low
    return number


def _quotas(text: str, errors: Errors) -> list[dict[str, Any]]:
    """One quota a line: ``feature, value, min, max``."""
    quotas = [_quota(line) for line in text.splitlines() if line.strip()]
    if not quotas or None in quotas:
        errors["quotas"] = N_("Enter one quota a line as feature, value, minimum, maximum, such as Sex, Female, 3, 4")
        return []
    return [quota for quota in quotas if quota]


def _quota(line: str) -> dict[str, Any] | None:
    parts = [part.strip() for part in line.split(",")]
    if len(parts) != 4 or not all(parts[:2]):
        return None
    low, high = reading.whole(parts[2]), reading.whole(parts[3])
    if low is None or high is None or low > high:
        return None
    return {"feature": parts[0], "value": parts[1], "min": low, "max": high}


def _day(text: str, name: str, errors: Errors) -> str:
    found = reading.day(text)
    if found is None:
        errors[name] = N_("Enter a date as year-month-day, such as 2027-03-01")
        return ""
    return found.isoformat()


def _closing(text: str, errors: Errors) -> str:
    """Registration closes at the end of the day given, in the UK."""
    day = _day(text, "registration_closes_on", errors)
    return datetime.combine(date.fromisoformat(day), time(23, 59), LONDON).isoformat() if day else ""


def _pence(text: str, errors: Errors) -> int:
    if not text:
        return 0
    amount = reading.pence(text, 999_999)
    if amount is None:
        errors["honorarium"] = N_("Enter the payment per meeting in pounds, such as 50 or 37.50")
        return 0
    return amount


def read_count(text: str) -> int | None:
    """How many households to invite, when it is a number the service takes."""
    return reading.whole(text, 1, MAX_INVITATIONS)


def read_seed(text: str) -> tuple[int | None, bool]:
    """The seed typed (none: a fresh one), and whether it could be read."""
    if not text.strip():
        return None, True
    seed = reading.whole(text, 0, 2**31 - 1)
    return seed, seed is not None


def under_way(run: Mapping[str, Any]) -> bool:
    return run.get("status") in UNDER_WAY


@dataclass(frozen=True)
class ChanceGroup:
    """Registrants who share a chance of being selected (and, when known, the answers that gave it)."""

    label: str
    people: int
    chance: float


def chance_groups(probabilities: Mapping[str, float],
                  registrants: Sequence[Mapping[str, Any]] | None = None) -> list[ChanceGroup]:
    """Each group's chance of selection, highest first: by the answers to the quota questions when the registrants
    are known (people with the same answers), otherwise by the chance itself (so no person is singled out)."""
    answers = {str(one["id"]): one.get("features") or {} for one in registrants or ()}
    groups: dict[str, list[float]] = defaultdict(list)
    for person, chance in probabilities.items():
        groups[_label(answers[person]) if person in answers else _percent(chance)].append(chance)
    found = [ChanceGroup(label, len(chances), sum(chances) / len(chances)) for label, chances in groups.items()]
    return sorted(found, key=lambda group: (-group.chance, group.label))


def _label(features: Mapping[str, str]) -> str:
    return ", ".join(f"{feature}: {value}" for feature, value in sorted(features.items()))


def _percent(chance: float) -> str:
    return f"{chance * 100:.1f}%"


def percent(chance: float) -> str:
    """A chance as the chart and the table show it."""
    return _percent(chance)


def quota_rows(quotas: Iterable[Mapping[str, Any]], composition: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """Each quota beside the pool and the panel per value, from the composition report when there is one."""
    figures = {(feature["feature"], value["value"]): value
               for feature in (composition or {}).get("features", []) for value in feature.get("values", [])}
    return [{**quota, "figures": figures.get((quota["feature"], quota["value"]))} for quota in quotas]


def selected_members(selected: Iterable[str], registrants: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The panel's registrants in the order selected (those the service no longer lists left out)."""
    known = {str(one["id"]): one for one in registrants}
    return [known[str(member)] for member in selected if str(member) in known]


def panel_against_quotas(quotas: Iterable[Mapping[str, Any]], members: Sequence[Mapping[str, Any]] | None,
                         composition: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """Each quota beside the panel's count for its value: counted from the members' answers when they are known
    (organisers), otherwise from the composition report (which may lag the run by a moment)."""
    if members is None:
        return [{**row, "panel": (row["figures"] or {}).get("panel")} for row in quota_rows(quotas, composition)]
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for member in members:
        for feature, value in (member.get("features") or {}).items():
            counts[(feature, value)] += 1
    return [{**quota, "panel": counts[(quota["feature"], quota["value"])]} for quota in quotas]
