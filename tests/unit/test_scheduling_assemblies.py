"""Citizens' assemblies in the scheduling domain: set-up checks, registration, bot checks, selection runs."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from peel.common.errors import InvalidInput
from peel.scheduling.assemblies.domain.assemblies import (
    CODE_ALPHABET,
    Assembly,
    Remit,
    check_assembly,
    new_invitation_codes,
    normalise_code,
)
from peel.scheduling.assemblies.domain.assembly_selection import (
    RunKind,
    SelectionRequest,
    check_request,
    run_selection,
)
from peel.scheduling.assemblies.domain.registration import (
    Contact,
    FormKey,
    Registrant,
    RegistrantStatus,
    bot_checks,
    matched_features,
)
from peel.sortition import Quota, panel_problems

NOW = datetime(2027, 3, 1, 12, tzinfo=UTC)
QUOTAS = (Quota("Sex", "Female", 3, 4), Quota("Sex", "Male", 3, 4), Quota("Age", "16-39", 2, 4),
          Quota("Age", "40+", 2, 4))


def assembly(**changes) -> Assembly:
    base = {"id": uuid.uuid4(), "tenant": "cheshire", "title": Remit("Safer streets"),
            "remit": Remit("How should we make town centres feel safer at night?"), "areas": ("north",),
            "panel_size": 7, "quotas": QUOTAS, "registration_closes_at": NOW + timedelta(days=30),
            "replacement_deadline": date(2027, 5, 1)}
    return Assembly(**(base | changes))


def registrants(target: Assembly, n: int = 40, seed: int = 1) -> list[Registrant]:
    rng = random.Random(seed)
    return [Registrant(uuid.uuid4(), target.id, f"CODE{i % 30:04d}",
                       {"Sex": rng.choice(["Female", "Male"]), "Age": rng.choice(["16-39", "40+"])},
                       Contact(f"Person {i}", f"p{i}@example.org", None, (f"{i % 30} Mill Lane", "CW1 1AA")), NOW)
            for i in range(n)]


def test_an_assembly_with_impossible_quotas_is_refused_naming_the_field():
    with pytest.raises(InvalidInput) as error:
        check_assembly(7, [Quota("Sex", "Female", 5, 4)], ["north"], NOW, date(2027, 5, 1))
    assert error.value.errors[0].location == ("quotas", 0, "max")
    with pytest.raises(InvalidInput) as error:
        check_assembly(7, list(QUOTAS), [], NOW, date(2027, 1, 1))
    assert {e.location for e in error.value.errors} == {("areas",), ("replacement_deadline",)}


def test_invitation_codes_are_distinct_and_readable_off_a_letter():
    codes = new_invitation_codes(500)
    assert len(set(codes)) == 500
    assert all(set(code) <= set(CODE_ALPHABET) and len(code) == 8 for code in codes)
    assert normalise_code(" abcd-efgh ") == "ABCDEFGH"


def test_features_match_the_quotas_whatever_the_case_and_missing_ones_are_named():
    target = assembly()
    assert matched_features(target, {"sex": " female ", "AGE": "40+"}) == {"Sex": "Female", "Age": "40+"}
    with pytest.raises(InvalidInput) as error:
        matched_features(target, {"sex": "robot"})
    assert {e.location for e in error.value.errors} == {("features", "Sex"), ("features", "Age")}
    assert "'robot' is not one of: Female, Male" in str(error.value)


def test_bots_are_turned_away_by_the_honeypot_and_by_timing():
    key = FormKey(b"secret")
    issued = key.issue(NOW)
    assert bot_checks(key, issued, "", NOW + timedelta(seconds=40)) == []
    assert bot_checks(key, issued, "http://spam", NOW + timedelta(seconds=40))[0].code == "bot_suspected"
    assert bot_checks(key, issued, "", NOW + timedelta(seconds=1))[0].code == "too_fast"
    assert bot_checks(key, issued, "", NOW + timedelta(hours=7))[0].code == "expired"
    assert bot_checks(key, issued.replace(".", ".x"), "", NOW + timedelta(seconds=40))[0].code == "bot_suspected"
    assert bot_checks(FormKey(b"other"), issued, "", NOW + timedelta(seconds=40))[0].code == "bot_suspected"


def test_a_selection_run_draws_a_panel_meeting_the_quotas_one_per_household_and_repeatably():
    target = assembly()
    pool = registrants(target)
    request = SelectionRequest(RunKind.SELECTION, "leximin", seed=11)
    outcome = run_selection(target, pool, request)
    again = run_selection(target, pool, request)
    assert (again.selected, again.distribution.panels) == (outcome.selected, outcome.distribution.panels)
    assert len(outcome.selected) == 7
    chosen = {r.id: r for r in pool if r.id in outcome.selected}
    assert len({r.contact.address for r in chosen.values()}) == 7
    assert panel_problems(_problem(target, pool), [str(i) for i in outcome.selected]) == []
    assert outcome.summary["min"] == pytest.approx(min(outcome.distribution.marginals.values()))


def test_withdrawn_registrants_are_never_selected():
    target = assembly()
    pool = registrants(target)
    withdrawn = {r.id for r in pool[:10]}
    pool = [Registrant(r.id, r.assembly_id, r.invitation_code, r.features, r.contact, r.registered_at,
                       RegistrantStatus.WITHDRAWN) if r.id in withdrawn else r for r in pool]
    outcome = run_selection(target, pool, SelectionRequest(RunKind.SELECTION, "leximin", seed=3))
    assert not withdrawn & set(outcome.selected)
    assert all(outcome.distribution.marginals.get(str(i), 0.0) == 0.0 for i in withdrawn)


def test_replacements_keep_the_whole_panels_quotas():
    target = assembly()
    pool = registrants(target, seed=5)
    first = run_selection(target, pool, SelectionRequest(RunKind.SELECTION, "leximin", seed=2))
    selected = target.with_members(first.selected)
    pool = [Registrant(r.id, r.assembly_id, r.invitation_code, r.features, r.contact, r.registered_at,
                       RegistrantStatus.SELECTED) if r.id in first.selected else r for r in pool]
    dropouts = first.selected[:2]
    request = SelectionRequest(RunKind.REPLACEMENT, "leximin", seed=4, dropouts=dropouts)
    check_request(request, selected)
    outcome = run_selection(selected, pool, request)
    panel = [m for m in first.selected if m not in dropouts] + list(outcome.selected)
    assert len(outcome.selected) == 2 and not set(outcome.selected) & set(first.selected)
    assert panel_problems(_problem(target, pool, everyone=True), [str(i) for i in panel]) == []


def test_a_second_replacement_never_draws_an_earlier_drop_out():
    target = assembly()
    pool = registrants(target, seed=5)
    first = run_selection(target, pool, SelectionRequest(RunKind.SELECTION, "leximin", seed=2))
    earlier = first.selected[:1]
    replaced = run_selection(target.with_members(first.selected), _with_status(pool, first.selected),
                             SelectionRequest(RunKind.REPLACEMENT, "leximin", seed=4, dropouts=earlier))
    panel = [m for m in first.selected if m not in earlier] + list(replaced.selected)
    pool = _with_status(_with_status(pool, panel), earlier, RegistrantStatus.DROPPED_OUT)
    second = run_selection(target.with_members(panel), pool,
                           SelectionRequest(RunKind.REPLACEMENT, "leximin", seed=6, dropouts=tuple(panel[:1])))
    assert str(earlier[0]) not in second.distribution.marginals and earlier[0] not in second.selected
    assert not set(second.selected) & set(panel)


def _with_status(pool, ids, status=RegistrantStatus.SELECTED):
    return [Registrant(r.id, r.assembly_id, r.invitation_code, r.features, r.contact, r.registered_at, status)
            if r.id in ids else r for r in pool]


def test_a_replacement_must_name_members_of_the_panel():
    target = assembly().with_members([uuid.uuid4()])
    with pytest.raises(InvalidInput):
        check_request(SelectionRequest(RunKind.REPLACEMENT, "leximin", 1, (uuid.uuid4(),)), target)
    with pytest.raises(InvalidInput):
        check_request(SelectionRequest(RunKind.SELECTION, "lottery", 1), target)


def _problem(target, pool, everyone=False):
    from peel.scheduling.assemblies.domain.assembly_selection import pool_problem
    statuses = tuple(RegistrantStatus) if everyone else (RegistrantStatus.REGISTERED,)
    return pool_problem(target, pool, statuses)
