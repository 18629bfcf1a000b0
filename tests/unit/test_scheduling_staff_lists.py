"""The staff lists the dashboard reads, over fake units of work: surgery sessions between two days, and
assemblies with the offers and recommendations still awaiting an answer."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from fastapi.exceptions import RequestValidationError

from peel.common.errors import InvalidInput
from peel.scheduling.assemblies.domain.assembly_outcomes import Decision
from peel.scheduling.assemblies.service_layer import assemblies
from peel.scheduling.assemblies.service_layer import assembly_work as work
from peel.scheduling.assemblies.service_layer.ports import AssemblyAtWork
from peel.scheduling.surgeries.domain.sessions import Timetable
from peel.scheduling.surgeries.entrypoints.http.session_routes import held_between
from peel.scheduling.surgeries.service_layer import sessions
from peel.scheduling.surgeries.service_layer.sessions import ScheduleSession
from tests.support.scheduling_appointments import clock
from tests.support.scheduling_recruitment import KEYS, Clock, recruited, selected
from tests.unit.scheduling_fakes.assemblies import fake_assembly_work
from tests.unit.scheduling_fakes.surgeries import fake_surgery_work

MONDAY = date(2027, 3, 8)


async def held_on(uow, now, day: date, tenant: str = "cheshire") -> None:
    command = ScheduleSession(tenant, "Police and Crime Commissioner", Timetable(day, time(10), time(11)),
                              online=True, policing_area="Crewe")
    await sessions.schedule_session(command, uow, now)


async def test_sessions_between_two_days_include_both_days_and_only_the_tenants_own():
    uow, now = fake_surgery_work(), clock()
    for offset in (-1, 0, 3, 6, 7):
        await held_on(uow, now, MONDAY + timedelta(days=offset))
    await held_on(uow, now, MONDAY, tenant="gwent")
    week = await sessions.list_sessions("cheshire", uow, now, MONDAY, MONDAY + timedelta(days=6))
    assert [listing.session.timetable.day for listing in week] == [MONDAY + timedelta(days=n) for n in (0, 3, 6)]
    from_sunday = await sessions.list_sessions("cheshire", uow, now, since=MONDAY + timedelta(days=6))
    assert [listing.session.timetable.day.day for listing in from_sunday] == [14, 15]
    assert len(await sessions.list_sessions("cheshire", uow, now)) == 5


async def test_days_the_wrong_way_round_are_refused_naming_to():
    uow, now = fake_surgery_work(), clock()
    with pytest.raises(InvalidInput) as refused:
        await sessions.list_sessions("cheshire", uow, now, MONDAY, MONDAY - timedelta(days=1))
    assert refused.value.errors[0].location == ("to",)
    with pytest.raises(RequestValidationError) as asked:
        held_between(MONDAY, MONDAY - timedelta(days=1))
    assert [error["loc"] for error in asked.value.errors()] == [("query", "to")]
    assert held_between(MONDAY, MONDAY) == (MONDAY, MONDAY)


def counts(found: AssemblyAtWork) -> tuple[int, int]:
    return found.offers_awaiting_reply, found.recommendations_awaiting_response


async def test_an_assembly_counts_offers_without_a_reply_and_recommendations_without_a_response():
    uow, clock_ = fake_assembly_work(), Clock()
    assembly, people = await selected(uow, clock_)
    recruiting, _ = await recruited(uow, clock_, count=3)
    tokens = {p.registrant.id: p.token for p in people}
    first, second = assembly.selected[:2]
    await assemblies.reply(uow, assembly.id, first, tokens[first], True, KEYS, clock_)
    await assemblies.reply(uow, assembly.id, second, tokens[second], False, KEYS, clock_)
    made = [await work.make_recommendation(uow, "cheshire", assembly.id, text, None, 0.8, clock_)
            for text in ("Safe havens", "Better lighting", "Night buses")]
    await work.respond(uow, "cheshire", assembly.id, made[0].id, Decision.NOT_ACCEPTED, "No money.", None, clock_)
    found = {a.assembly.id: a for a in await assemblies.assemblies_at_work(uow, "cheshire")}
    assert list(found) == [recruiting.id, assembly.id]
    assert counts(found[assembly.id]) == (len(assembly.selected) - 2, 2)
    assert counts(found[recruiting.id]) == (0, 0)
    assert await assemblies.assemblies_at_work(uow, "gwent") == []
