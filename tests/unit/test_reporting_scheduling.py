"""Scheduling read models without a database: what each projection writes (through a fake store),
surgery figures per area and quarter, and an assembly's composition, on small hand-worked examples."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from peel.common.contracts import registry
from peel.reporting.adapters.schema import NEXT
from peel.reporting.domain.assembly_composition import AssemblyFacts, Quota, SelectionRun, composition, population_for
from peel.reporting.domain.scheduling_export import (
    COMPOSITION_COLUMNS,
    SURGERY_COLUMNS,
    composition_table,
    surgery_table,
)
from peel.reporting.domain.surgeries import SessionFacts, quarter_of, surgery_report
from peel.reporting.read_models.assemblies.projection import POOL_AND_PANEL
from peel.reporting.read_models.assemblies.store import AssemblyStore
from peel.reporting.read_models.registry import handlers
from peel.reporting.read_models.surgeries.projection import PROJECTION as SURGERY_PROJECTION
from tests.support.reporting_scheduling_events import (
    again,
    assembly,
    assembly_stream,
    attendance,
    booked,
    cancelled,
    joined,
    promoted,
    replaced,
    selected,
    session,
    session_cancelled,
)

NOW = datetime(2027, 6, 1, 12, tzinfo=UTC)
SCHEDULING_PROJECTIONS = {**SURGERY_PROJECTION, **POOL_AND_PANEL}


class FakeWriter(AssemblyStore):
    """Records each statement's rows instead of running it."""

    def __init__(self) -> None:
        super().__init__(None, NEXT)  # type: ignore[arg-type]
        self.written: list[tuple[str, list[tuple]]] = []

    async def _rows(self, sql: str, rows, **names: str) -> None:
        self.written.append((sql.split()[2].removeprefix("{schema}.") + "".join(f" {v}" for v in names.values()),
                             list(rows)))

    async def _execute(self, sql: str, *arguments) -> None:
        self.written.append(("assemblies", [arguments]))


async def project(*envelopes) -> list[tuple[str, list[tuple]]]:
    writer = FakeWriter()
    for envelope in envelopes:
        await SCHEDULING_PROJECTIONS[envelope.type](writer, [envelope])
    return writer.written


async def project_batch(envelopes) -> list[tuple[str, list[tuple]]]:
    writer = FakeWriter()
    await SCHEDULING_PROJECTIONS[envelopes[0].type](writer, envelopes)
    return writer.written


# The waitlist's comings and goings and erasures change no figure the read models show.
UNCOUNTED = {f"peel.scheduling.{name}.v1" for name in ("waitlist.joined", "waitlist.left", "booking.erased")}


def test_every_surgery_event_and_the_pool_and_panel_events_are_consumed_and_replayed():
    surgeries = {m.type_name for m in registry if m.__module__ == "peel.common.contracts.scheduling"} - UNCOUNTED
    assert surgeries - set(SCHEDULING_PROJECTIONS) == {"peel.scheduling.booking.rescheduled.v1"}  # a slot, not a count
    assemblies = {f"peel.scheduling.{name}.v1" for name in (
        "assembly.created", "assembly_registrant.joined", "assembly_registrant.withdrew", "assembly.members_selected",
        "assembly.members_replaced", "assembly_member.replied")}
    assert set(SCHEDULING_PROJECTIONS) == (surgeries - {"peel.scheduling.booking.rescheduled.v1"}) | assemblies
    assert set(SCHEDULING_PROJECTIONS) <= set(handlers(schema=NEXT, shared_lock=False))


async def test_a_booking_fills_its_own_columns_at_each_step():
    a = session(datetime(2027, 2, 10, 10, tzinfo=UTC), 8)
    b = booked(a, 3, from_waitlist=True)
    key = (b.data.booking_id, "cheshire", a.data.session_id)
    assert await project(a, b, promoted(b), cancelled(b, "staff"), session_cancelled(a, 1)) == [
        ("surgery_sessions", [(a.data.session_id, "cheshire", "halton", False, a.data.starts_at, a.data.ends_at, 8)]),
        ("surgery_bookings", [(*key, b.data.confirmed_at, True)]),
        ("surgery_bookings", [(*key, b.data.confirmed_at, True)]),
        ("surgery_bookings", [(*key, datetime(2027, 1, 6, 9, tzinfo=UTC), "staff")]),
        ("surgery_sessions", [(a.data.session_id, "cheshire", datetime(2027, 1, 5, 9, tzinfo=UTC))]),
    ]


async def test_of_a_batchs_attendance_for_one_booking_the_latest_is_written_once():
    a = session(datetime(2027, 2, 10, 10, tzinfo=UTC), 8)
    b, other = booked(a, 0), booked(a, 1)
    late, early = attendance(b, True, minutes=20), attendance(b, True, minutes=5)
    [(table, rows)] = await project_batch([late, early, attendance(other, True), *again([late])])
    assert table == "surgery_bookings"
    assert sorted(rows, key=str) == sorted([
        (b.data.booking_id, "cheshire", a.data.session_id, "attended", late.data.recorded_at),
        (other.data.booking_id, "cheshire", a.data.session_id, "attended", other.data.slot_starts_at)], key=str)


async def test_a_replacement_drops_its_dropouts_and_adds_its_replacements_with_its_run():
    created = assembly([("Age band", "16-29", 1, 3)])
    people = [joined(created, age_band="16-29") for _ in range(3)]
    chosen, replacing = selected(created, people[:2]), replaced(created, [people[1]], [people[2]])
    written = await project(chosen, replacing)
    assert [table for table, _ in written] == ["assembly_selection_runs", "assembly_panel added_at",
                                               "assembly_selection_runs", "assembly_panel dropped_at",
                                               "assembly_panel added_at"]
    ids = [p.data.registrant_id for p in people]
    assert written[0][1][0][3:8] == ("selection", chosen.data.selected_at, "leximin", 42, 29)
    assert written[0][1][0][11:] == (2, 0, 0) and written[2][1][0][11:] == (0, 1, 1)
    assert [row[1] for row in written[1][1]] == ids[:2]
    assert written[3][1] == [(created.data.assembly_id, ids[1], "cheshire", replacing.data.replaced_at)]
    assert written[4][1] == [(created.data.assembly_id, ids[2], "cheshire", replacing.data.replaced_at)]


async def test_an_assembly_and_its_registrants_are_written_without_names():
    created, stream = assembly_stream()
    written = await project(created, stream[1])
    assert written[0] == ("assemblies", [(created.data.assembly_id, "cheshire", "Tackling anti-social behaviour",
                                          ["halton", "warrington"], 6,
                                          [q.model_dump() for q in created.data.quotas],
                                          created.data.registration_closes_at)])
    assert written[1][1][0][3] == {"Age band": "16-29", "Area": "halton"}


async def test_the_panel_column_is_checked():
    with pytest.raises(ValueError, match="not a panel column"):
        await FakeWriter().panel_changed("tenant; DROP TABLE x", [])


def facts(area: str | None, starts_at: datetime, slots: int, *, cancelled: bool = False, booked: int = 0,
          attended: int = 0, no_shows: int = 0, minutes: int = 60) -> SessionFacts:
    return SessionFacts(uuid.uuid4(), area, starts_at, starts_at + timedelta(minutes=minutes), slots, cancelled,
                        booked, attended, no_shows)


def test_quarters_are_calendar_quarters():
    assert [(q.label, q.starts_on, q.ends_on) for q in map(quarter_of, [date(2027, 1, 1), date(2027, 6, 30),
                                                                       date(2027, 12, 31), date(9999, 12, 1)])] == [
        ("2027-Q1", date(2027, 1, 1), date(2027, 3, 31)), ("2027-Q2", date(2027, 4, 1), date(2027, 6, 30)),
        ("2027-Q4", date(2027, 10, 1), date(2027, 12, 31)), ("9999-Q4", date(9999, 10, 1), date(9999, 12, 31))]


def test_surgeries_are_counted_per_area_and_quarter_with_totals():
    sessions = [
        facts("halton", datetime(2027, 1, 10, 10, tzinfo=UTC), 8, booked=6, attended=4, no_shows=1),
        facts("halton", datetime(2027, 2, 10, 10, tzinfo=UTC), 4, booked=1),
        facts("halton", datetime(2027, 3, 10, 10, tzinfo=UTC), 10, cancelled=True),
        facts(None, datetime(2027, 3, 31, 23, 30, tzinfo=UTC), 4, booked=4, attended=3),  # 1 April in England
        facts("warrington", datetime(2027, 6, 1, 11, 30, tzinfo=UTC), 6, booked=2),  # ends after NOW
        facts("halton", datetime(2027, 5, 1, 10, tzinfo=UTC), 3),
    ]
    report = surgery_report(sessions, NOW)
    rows = [(f.area, f.quarter.label, f.sessions_scheduled, f.sessions_cancelled, f.sessions_held, f.slots_offered,
             f.slots_booked, f.utilisation, f.attended, f.no_shows) for f in (*report.areas, *report.totals)]
    assert rows == [
        ("halton", "2027-Q1", 3, 1, 2, 12, 7, 0.5833, 4, 1),
        ("halton", "2027-Q2", 1, 0, 1, 3, 0, 0.0, 0, 0),
        ("warrington", "2027-Q2", 1, 0, 0, 6, 2, 0.3333, 0, 0),
        ("not_given", "2027-Q2", 1, 0, 1, 4, 4, 1.0, 3, 0),
        ("all", "2027-Q1", 3, 1, 2, 12, 7, 0.5833, 4, 1),
        ("all", "2027-Q2", 3, 0, 2, 13, 6, 0.4615, 3, 0),
    ]
    table = list(surgery_table(report))
    assert len(SURGERY_COLUMNS) == len(table[0]) and table[0][:4] == ("halton", "2027-Q1", "2027-01-01", "2027-03-31")


def test_only_cancelled_sessions_have_no_utilisation():
    report = surgery_report([facts("halton", datetime(2027, 1, 10, tzinfo=UTC), 8, cancelled=True, booked=0)], NOW)
    assert (report.areas[0].slots_offered, report.areas[0].utilisation) == (0, None)
    assert surgery_report([], NOW).areas == ()


QUOTAS = (Quota("Age band", "16-29", 1, 3), Quota("Age band", "30+", 2, 5), Quota("Housing tenure", "owner", 1, 4),
          Quota("Housing tenure", "renter", 1, 4))
ASSEMBLY = AssemblyFacts(uuid.uuid4(), "Roads", ("Halton",), 5, QUOTAS, NOW)
RUN = SelectionRun(uuid.uuid4(), "selection", NOW, "leximin", 9, 40, 0.05, 0.2, 0.1, 5, 0, 0)


def test_composition_sets_pool_panel_quotas_and_population_side_by_side():
    pool = {("Age band", "16-29"): 12, ("Age band", "30+"): 28, ("Housing tenure", "owner"): 31,
            ("Housing tenure", "renter"): 9}
    panel = {("Age band", "16-29"): 1, ("Age band", "30+"): 4, ("Housing tenure", "owner"): 4,
             ("Housing tenure", "renter"): 1}
    population = {("halton", "age_band", "16-29"): 200, ("halton", "age_band", "30+"): 600,
                  ("halton", "age_band", "under 16"): 200, ("widnes", "age_band", "16-29"): 5000}
    found = composition(ASSEMBLY, pool, panel, (40, 5), population, [RUN])
    age, tenure = found.features
    assert [(v.value, v.pool, v.pool_share, v.panel, v.panel_share, v.within_quota, v.population, v.population_share)
            for v in age.values] == [("16-29", 12, 0.3, 1, 0.2, True, 200, 0.2),
                                     ("30+", 28, 0.7, 4, 0.8, True, 600, 0.6)]
    assert age.population_dimension == "age_band" and tenure.population_dimension is None
    # renter (9) alone would be suppressed; owner, the next smallest, goes too
    assert [(v.value, v.pool, v.pool_suppressed, v.panel, v.population) for v in tenure.values] == [
        ("owner", None, True, 4, None), ("renter", None, True, 1, None)]
    rows = list(composition_table(found))
    assert rows[:3] == [("assembly", "", "", "panel_size", 5), ("assembly", "", "", "pool", 40),
                        ("assembly", "", "", "panel", 5)]
    assert ("composition", "Housing tenure", "owner", "pool_suppressed", True) in rows
    assert ("selection", "", str(RUN.run_id), "seed", 9) in rows and len(rows[0]) == len(COMPOSITION_COLUMNS)


def test_before_selection_no_quota_is_judged_and_empty_values_are_shown_not_suppressed():
    found = composition(ASSEMBLY, {("Age band", "30+"): 3, ("Age band", "75+"): 20}, {}, (23, 0), {}, [])
    assert [(v.value, v.quota_min, v.pool, v.pool_suppressed, v.panel, v.panel_share, v.within_quota)
            for v in found.features[0].values] == [("16-29", 1, 0, False, 0, None, None),
                                                   ("30+", 2, None, True, 0, None, None),
                                                   ("75+", None, None, True, 0, None, None)]


def test_area_features_take_each_areas_people_from_the_first_dimension_it_has():
    population = {("halton", "sex", "female"): 60, ("halton", "sex", "male"): 40, ("runcorn", "age_band", "x"): 50,
                  ("runcorn", "sex", "female"): 999}
    assert population_for("Policing area", ("Halton", "Runcorn"), population) == ("area", {"halton": 100,
                                                                                          "runcorn": 50})
    assert population_for("ethnicity", ("Halton",), population) == (None, {})
    assert population_for("Sex", ("Nowhere",), population) == ("sex", {"female": 1059, "male": 40})
