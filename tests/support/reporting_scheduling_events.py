"""Scheduling event envelopes for reporting's tests: builders, two hand-worked streams (worked out in
tests/integration/test_reporting_scheduling.py), a random stream for the rebuild test, and a snapshot of
the scheduling read models as the API answers them. No tests here."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

import asyncpg

from peel.common.contracts.assemblies import (
    AssemblyCreated,
    MembersReplaced,
    MembersSelected,
    QuotaSpec,
    RegistrantJoined,
    RegistrantWithdrew,
)
from peel.common.contracts.scheduling import (
    BookingAttended,
    BookingCancelled,
    BookingConfirmed,
    BookingNoShow,
    SurgerySessionCancelled,
    SurgerySessionScheduled,
    WaitlistPromoted,
)
from peel.common.events import Envelope, Event
from peel.reporting.read_models._store import reading
from peel.reporting.read_models.assemblies.routes import assembly_composition
from peel.reporting.read_models.assemblies.store import AssemblyStore
from peel.reporting.read_models.surgeries.routes import surgeries_by_area
from peel.reporting.read_models.surgeries.store import SurgeryStore
from tests.support.reporting_json import as_json

T0 = datetime(2027, 1, 5, 9, tzinfo=UTC)
NOW = datetime(2027, 6, 1, 12, tzinfo=UTC)


def scheduled(event: Event, tenant: str = "cheshire", at: datetime | None = None) -> Envelope:
    return Envelope.wrap(event, source="/peel/scheduling", tenant=tenant, time=at or T0)


def session(starts_at: datetime, slots: int, area: str = "halton", *, tenant: str = "cheshire",
            minutes: int = 15) -> Envelope:
    """A session at a venue: an online session (no venue_id) is left out, its event failing to parse (see
    docs/reporting-scheduling.md)."""
    event = SurgerySessionScheduled(
        session_id=uuid.uuid4(), venue_id=uuid.uuid4(), online=False, policing_area=area, public=True,
        starts_at=starts_at, ends_at=starts_at + timedelta(minutes=minutes * slots), slot_minutes=minutes,
        slot_count=slots)
    return scheduled(event, tenant)


def _slot(of: Envelope, slot: int) -> dict:
    starts = of.data.starts_at + timedelta(minutes=of.data.slot_minutes * slot)
    return {"session_id": of.data.session_id, "slot": slot, "slot_starts_at": starts,
            "slot_ends_at": starts + timedelta(minutes=of.data.slot_minutes)}


def booked(of: Envelope, slot: int, *, from_waitlist: bool = False) -> Envelope:
    event = BookingConfirmed(booking_id=uuid.uuid4(), **_slot(of, slot), area="halton",
                             topic_category="road_safety", from_waitlist=from_waitlist, confirmed_at=T0)
    return scheduled(event, of.tenant)


def _booking_fields(booking: Envelope) -> dict:
    return booking.data.model_dump(include={"booking_id", "session_id", "slot", "slot_starts_at", "slot_ends_at"})


def promoted(booking: Envelope) -> Envelope:
    event = WaitlistPromoted(**_booking_fields(booking), area="halton", topic_category="other", promoted_at=T0)
    return scheduled(event, booking.tenant)


def cancelled(booking: Envelope, by: str = "booker") -> Envelope:
    event = BookingCancelled(**_booking_fields(booking), cancelled_by=by, cancelled_at=T0 + timedelta(days=1))
    return scheduled(event, booking.tenant)


def attendance(booking: Envelope, came: bool, minutes: int = 0) -> Envelope:
    kind = BookingAttended if came else BookingNoShow
    event = kind(**_booking_fields(booking), area="halton", topic_category="road_safety",
                 recorded_at=booking.data.slot_starts_at + timedelta(minutes=minutes))
    return scheduled(event, booking.tenant)


def session_cancelled(of: Envelope, bookings: int) -> Envelope:
    event = SurgerySessionCancelled(session_id=of.data.session_id, cancelled_at=T0, bookings_cancelled=bookings)
    return scheduled(event, of.tenant)


def surgery_stream() -> list[Envelope]:
    """Sessions of two tenants (worked out by hand in test_surgeries_are_counted_per_area_and_quarter)."""
    a = session(datetime(2027, 2, 10, 10, tzinfo=UTC), 8)
    b1, b2, b3, b5 = (booked(a, n) for n in (0, 1, 2, 4))
    b4 = booked(a, 3, from_waitlist=True)
    stream = [a, b1, b2, b3, b4, promoted(b4), b5, attendance(b1, True), attendance(b2, False), cancelled(b3),
              attendance(b4, True), attendance(b4, False, minutes=30), attendance(b5, True), attendance(b5, True)]
    b = session(datetime(2027, 3, 31, 23, 30, tzinfo=UTC), 6)  # 00:30 on 1 April in England: Q2
    stream += [b, *(booked(b, n) for n in range(3))]
    c = session(datetime(2027, 2, 20, 10, tzinfo=UTC), 10, "warrington")
    c1, c2 = booked(c, 0), booked(c, 1)
    stream += [c, c1, c2, cancelled(c1, "session_cancelled"), cancelled(c2, "session_cancelled"),
               session_cancelled(c, 2)]
    d = session(datetime(2027, 5, 5, 18, tzinfo=UTC), 4, "runcorn")
    e = session(datetime(2027, 6, 15, 10, tzinfo=UTC), 5, "warrington")
    f = session(datetime(2027, 2, 10, 10, tzinfo=UTC), 8, tenant="dyfed-powys")
    g = session(datetime(2026, 12, 1, 10, tzinfo=UTC), 8)
    return [*stream, d, booked(d, 2), e, f, booked(f, 0), booked(f, 1), g, booked(g, 0)]


def assembly(quotas: list[tuple[str, str, int, int]], *, tenant: str = "cheshire", panel_size: int = 6) -> Envelope:
    event = AssemblyCreated(
        assembly_id=uuid.uuid4(), title="Tackling anti-social behaviour", areas=["halton", "warrington"],
        panel_size=panel_size, quotas=[QuotaSpec(feature=f, value=v, min=lo, max=hi) for f, v, lo, hi in quotas],
        registration_closes_at=T0 + timedelta(days=30))
    return scheduled(event, tenant)


def joined(of: Envelope, **features: str) -> Envelope:
    event = RegistrantJoined(assembly_id=of.data.assembly_id, registrant_id=uuid.uuid4(),
                             features={k.replace("_", " ").capitalize(): v for k, v in features.items()},
                             joined_at=T0 + timedelta(days=1))
    return scheduled(event, of.tenant)


def withdrew(registrant: Envelope) -> Envelope:
    event = RegistrantWithdrew(assembly_id=registrant.data.assembly_id, registrant_id=registrant.data.registrant_id,
                               withdrew_at=T0 + timedelta(days=2))
    return scheduled(event, registrant.tenant)


def _run(of: Envelope, seed: int, pool_size: int) -> dict:
    return {"assembly_id": of.data.assembly_id, "run_id": uuid.uuid4(), "algorithm": "leximin", "seed": seed,
            "pool_size": pool_size, "min_probability": 0.1, "max_probability": 0.35, "gini": 0.12}


def selected(of: Envelope, members: list[Envelope], *, seed: int = 42, pool_size: int = 29) -> Envelope:
    event = MembersSelected(**_run(of, seed, pool_size), members=[m.data.registrant_id for m in members],
                            selected_at=T0 + timedelta(days=31))
    return scheduled(event, of.tenant)


def replaced(of: Envelope, dropouts: list[Envelope], replacements: list[Envelope], *, seed: int = 7) -> Envelope:
    event = MembersReplaced(**_run(of, seed, 23), dropouts=[m.data.registrant_id for m in dropouts],
                            replacements=[m.data.registrant_id for m in replacements],
                            replaced_at=T0 + timedelta(days=40))
    return scheduled(event, of.tenant)


QUOTAS = [("Age band", "16-29", 1, 3), ("Age band", "30-59", 3, 4), ("Age band", "60+", 1, 3),
          ("Area", "halton", 2, 4), ("Area", "warrington", 2, 4)]
POPULATION = [("halton", "age_band", "16-29", 1000), ("halton", "age_band", "30-59", 3000),
              ("halton", "age_band", "60+", 2000), ("warrington", "age_band", "16-29", 500),
              ("warrington", "age_band", "30-59", 1500), ("warrington", "age_band", "60+", 2000),
              ("halton", "sex", "female", 3100), ("halton", "sex", "male", 2900),
              ("chester", "age_band", "16-29", 9999)]


def assembly_stream(tenant: str = "cheshire") -> tuple[Envelope, list[Envelope]]:
    """An assembly worked out by hand in ``test_an_assembly_pool_and_panel_are_composed_per_quota_value``:
    31 join, one withdraws, six are selected, one drops out and is replaced."""
    created = assembly(QUOTAS, tenant=tenant)
    people = {(age, area): [joined(created, age_band=age, area=area) for _ in range(n)]
              for age, area, n in [("16-29", "halton", 2), ("16-29", "warrington", 2), ("30-59", "halton", 9),
                                   ("30-59", "warrington", 6), ("60+", "halton", 7), ("60+", "warrington", 4)]}
    young, middle = people[("16-29", "halton")], people[("30-59", "halton")]
    middle_w, old, old_w = people[("30-59", "warrington")], people[("60+", "halton")], people[("60+", "warrington")]
    panel = [young[0], middle[0], middle_w[0], middle_w[1], old[0], old_w[0]]
    stream = [created, *(person for group in people.values() for person in group), withdrew(middle[-1]),
              selected(created, panel), replaced(created, [middle_w[1]], [people[("16-29", "warrington")][0]])]
    return created, stream


def again(envelopes: list[Envelope]) -> list[Envelope]:
    """The same events published anew, under new ids (the consumer's dedupe does not catch them)."""
    return [Envelope.wrap(e.data, source=e.source, tenant=e.tenant, time=e.time) for e in envelopes]


def scheduling_stream(rng: random.Random) -> list[Envelope]:
    """The hand-worked surgeries and two tenants' assemblies, a random tenth of it published again."""
    stream = [*surgery_stream(), *assembly_stream()[1], *assembly_stream("dyfed-powys")[1]]
    return stream + again(rng.sample(stream, len(stream) // 10))


SCHEDULING_TABLES = {
    "surgery_sessions": "session_id", "surgery_bookings": "booking_id", "assemblies": "assembly_id",
    "assembly_registrants": "registrant_id", "assembly_panel": "assembly_id, registrant_id",
    "assembly_selection_runs": "run_id",
}


async def scheduling_snapshot(pool: asyncpg.Pool) -> dict:
    """Each tenant's surgery figures and every assembly's composition, as the API answers them."""
    found: dict = {}
    assemblies = await pool.fetch("SELECT tenant, assembly_id FROM read_models.assemblies ORDER BY assembly_id")
    async with reading(pool, SurgeryStore) as reader:
        for tenant in ("cheshire", "dyfed-powys"):
            found[f"{tenant} surgeries"] = as_json(await surgeries_by_area(reader, tenant, None, None, NOW))
    async with reading(pool, AssemblyStore) as reader:
        for row in assemblies:
            composed = await assembly_composition(reader, row["tenant"], row["assembly_id"])
            found[f"assembly {row['assembly_id']}"] = as_json(composed)
    return found
