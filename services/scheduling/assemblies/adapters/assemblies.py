"""Assemblies, their invitations, registrants and selection runs in PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import datetime

import asyncpg

from peel.common.db.unit_of_work import PostgresUnitOfWork
from peel.scheduling.assemblies.adapters.assembly_work import (
    PostgresAssemblyMeetings,
    PostgresMemberCare,
    PostgresRecommendations,
)
from peel.scheduling.assemblies.domain.assemblies import Assembly, AssemblyStatus, Remit
from peel.scheduling.assemblies.domain.assembly_selection import RunStatus, SelectionRequest
from peel.scheduling.assemblies.domain.registration import FORM_LIFETIME, Contact, Registrant, RegistrantStatus
from peel.scheduling.assemblies.service_layer.ports import AlreadyRegistered, AssemblyAtWork, FormUsed, RunUnderWay
from peel.scheduling.venues.adapters.venues import PostgresVenues
from peel.sortition import Quota

ASSEMBLY = ("id, tenant, title_en, title_cy, remit_en, remit_cy, areas, panel_size, quotas, registration_closes_at, "
            "replacement_deadline, status, selected, version, honorarium_per_meeting_pence")
REGISTRANT = ("id, assembly_id, invitation_code, features, name, email, phone, address_line, postcode, status, "
              "registered_at, reply")
STORED_REGISTRANT = f"{REGISTRANT}, erased_at"
AWAITING = ("(SELECT count(*) FROM assembly_registrants r WHERE r.assembly_id = a.id AND r.status = 'selected' "
            "AND r.reply IS NULL) AS offers_awaiting_reply, (SELECT count(*) FROM assembly_recommendations m "
            "WHERE m.assembly_id = a.id AND m.decision IS NULL) AS recommendations_awaiting_response")


class PostgresAssemblies:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, assembly: Assembly, now: datetime) -> None:
        await self._connection.execute(
            f"INSERT INTO assemblies ({ASSEMBLY}, created_at) VALUES "
            "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)", *_assembly_row(assembly), now)

    async def get(self, tenant: str | None, assembly_id: uuid.UUID, lock: bool = False) -> Assembly | None:
        """The assembly (any tenant's when ``tenant`` is None, for public pages)."""
        row = await self._connection.fetchrow(
            f"SELECT {ASSEMBLY} FROM assemblies WHERE id = $1 AND ($2::text IS NULL OR tenant = $2)"
            + (" FOR UPDATE" if lock else ""), assembly_id, tenant)
        return _assembly(row) if row else None

    async def of_tenant(self, tenant: str) -> list[Assembly]:
        rows = await self._connection.fetch(
            f"SELECT {ASSEMBLY} FROM assemblies WHERE tenant = $1 ORDER BY created_at DESC, id", tenant)
        return [_assembly(row) for row in rows]

    async def at_work(self, tenant: str) -> list[AssemblyAtWork]:
        rows = await self._connection.fetch(
            f"SELECT {ASSEMBLY}, {AWAITING} FROM assemblies a WHERE tenant = $1 ORDER BY created_at DESC, id", tenant)
        return [AssemblyAtWork(_assembly(row), row["offers_awaiting_reply"], row["recommendations_awaiting_response"])
                for row in rows]

    async def save(self, assembly: Assembly) -> None:
        await self._connection.execute(
            "UPDATE assemblies SET status = $2, selected = $3, version = $4 WHERE id = $1",
            assembly.id, assembly.status.value, list(assembly.selected), assembly.version)

    async def add_invitations(self, assembly_id: uuid.UUID, codes: list[str], now: datetime) -> int:
        status = await self._connection.fetchval(
            "WITH added AS (INSERT INTO assembly_invitations (assembly_id, code, created_at) "
            "SELECT $1, code, $3 FROM unnest($2::text[]) AS code ON CONFLICT DO NOTHING RETURNING 1) "
            "SELECT count(*) FROM added", assembly_id, codes, now)
        return int(status)

    async def invited(self, assembly_id: uuid.UUID, code: str) -> bool:
        return bool(await self._connection.fetchval(
            "SELECT true FROM assembly_invitations WHERE assembly_id = $1 AND code = $2", assembly_id, code))


class PostgresRegistrants:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, tenant: str, registrant: Registrant) -> None:
        contact = registrant.contact
        try:
            await self._connection.execute(
                f"INSERT INTO assembly_registrants ({REGISTRANT}, tenant) VALUES "
                "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                registrant.id, registrant.assembly_id, registrant.invitation_code, dict(registrant.features),
                contact.name, contact.email, contact.phone, *contact.address, registrant.status.value,
                registrant.registered_at, registrant.reply, tenant)
        except asyncpg.UniqueViolationError as error:
            raise AlreadyRegistered() from error

    async def get(self, assembly_id: uuid.UUID, registrant_id: uuid.UUID) -> Registrant | None:
        row = await self._connection.fetchrow(
            f"SELECT {STORED_REGISTRANT} FROM assembly_registrants WHERE id = $1 AND assembly_id = $2 FOR UPDATE",
            registrant_id, assembly_id)
        return _registrant(row) if row else None

    async def of_assembly(self, assembly_id: uuid.UUID) -> list[Registrant]:
        rows = await self._connection.fetch(
            f"SELECT {STORED_REGISTRANT} FROM assembly_registrants WHERE assembly_id = $1 "
            "ORDER BY registered_at, id",
            assembly_id)
        return [_registrant(row) for row in rows]

    async def set_reply(self, registrant_id: uuid.UUID, reply: str, at: datetime) -> None:
        await self._connection.execute(
            "UPDATE assembly_registrants SET reply = $2, replied_at = $3 WHERE id = $1", registrant_id, reply, at)

    async def set_status(self, ids: list[uuid.UUID], status: RegistrantStatus, at: datetime | None = None) -> None:
        await self._connection.execute(
            "UPDATE assembly_registrants SET status = $2, withdrawn_at = coalesce($3, withdrawn_at) "
            "WHERE id = ANY($1::uuid[])", ids, status.value, at)

    async def erase(self, registrant_id: uuid.UUID, at: datetime) -> None:
        """Blank the name, contact and address, and forget the member's access needs."""
        await self._connection.execute("DELETE FROM assembly_access_needs WHERE member_id = $1", registrant_id)
        await self._connection.execute(
            "UPDATE assembly_registrants SET name = NULL, email = NULL, phone = NULL, address_line = NULL, "
            "postcode = NULL, erased_at = $2 WHERE id = $1", registrant_id, at)

    async def use_form(self, form_token: str, issued_at: datetime, used_at: datetime) -> None:
        """Records the form as used, and forgets forms too old to be sent back anyway."""
        await self._connection.execute("DELETE FROM assembly_used_forms WHERE issued_at < $1",
                                       used_at - FORM_LIFETIME)
        try:
            await self._connection.execute(
                "INSERT INTO assembly_used_forms (form_token, issued_at, used_at) VALUES ($1, $2, $3)",
                form_token, issued_at, used_at)
        except asyncpg.UniqueViolationError as error:
            raise FormUsed() from error


class PostgresSelectionRuns:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, tenant: str, assembly_id: uuid.UUID, run_id: uuid.UUID, request: SelectionRequest,
                  now: datetime) -> None:
        try:
            await self._connection.execute(
                "INSERT INTO assembly_selection_runs (id, tenant, assembly_id, kind, algorithm, seed, dropouts, "
                "status, requested_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued', $8)", run_id, tenant, assembly_id,
                request.kind.value, request.algorithm, request.seed, list(request.dropouts), now)
        except asyncpg.UniqueViolationError as error:
            raise RunUnderWay() from error

    async def get(self, tenant: str | None, assembly_id: uuid.UUID, run_id: uuid.UUID) -> dict | None:
        row = await self._connection.fetchrow(
            "SELECT * FROM assembly_selection_runs WHERE id = $1 AND assembly_id = $2 "
            "AND ($3::text IS NULL OR tenant = $3)", run_id, assembly_id, tenant)
        return dict(row) if row else None

    async def under_way(self, assembly_id: uuid.UUID) -> bool:
        return await self._connection.fetchval(
            "SELECT EXISTS (SELECT FROM assembly_selection_runs WHERE assembly_id = $1 "
            "AND status IN ('queued', 'running'))", assembly_id)

    async def latest_done(self, assembly_id: uuid.UUID) -> dict | None:
        row = await self._connection.fetchrow(
            "SELECT * FROM assembly_selection_runs WHERE assembly_id = $1 AND status = 'done' "
            "ORDER BY finished_at DESC LIMIT 1", assembly_id)
        return dict(row) if row else None

    async def claim(self, now: datetime, stale_before: datetime) -> dict | None:
        """The oldest queued run (or one a crashed worker left running), marked running; skips locked ones."""
        row = await self._connection.fetchrow(
            "UPDATE assembly_selection_runs SET status = 'running', started_at = $1 WHERE id = ("
            "SELECT id FROM assembly_selection_runs WHERE status = 'queued' "
            "OR (status = 'running' AND started_at < $2) ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED) "
            "RETURNING *", now, stale_before)
        return dict(row) if row else None

    async def finish(self, run_id: uuid.UUID, now: datetime, selected: list[uuid.UUID] | None = None,
                     summary: dict | None = None, distribution: dict | None = None, error: str | None = None) -> None:
        await self._connection.execute(
            "UPDATE assembly_selection_runs SET status = $2, finished_at = $3, selected = $4, summary = $5, "
            "distribution = $6, error = $7 WHERE id = $1", run_id,
            RunStatus.FAILED.value if error else RunStatus.DONE.value, now, selected, summary, distribution, error)


def _quota(spec: dict) -> Quota:
    return Quota(spec["feature"], spec["value"], spec["min"], spec["max"], spec.get("min_flex"), spec.get("max_flex"))


def _assembly_row(assembly: Assembly) -> tuple:
    quotas = [{"feature": q.feature, "value": q.value, "min": q.min, "max": q.max, "min_flex": q.min_flex,
               "max_flex": q.max_flex} for q in assembly.quotas]
    return (assembly.id, assembly.tenant, assembly.title.en, assembly.title.cy, assembly.remit.en, assembly.remit.cy,
            list(assembly.areas), assembly.panel_size, quotas, assembly.registration_closes_at,
            assembly.replacement_deadline, assembly.status.value, list(assembly.selected), assembly.version,
            assembly.honorarium_per_meeting_pence)


def _assembly(row: asyncpg.Record) -> Assembly:
    return Assembly(
        id=row["id"], tenant=row["tenant"], title=Remit(row["title_en"], row["title_cy"]),
        remit=Remit(row["remit_en"], row["remit_cy"]), areas=tuple(row["areas"]), panel_size=row["panel_size"],
        quotas=tuple(_quota(q) for q in row["quotas"]), registration_closes_at=row["registration_closes_at"],
        replacement_deadline=row["replacement_deadline"], status=AssemblyStatus(row["status"]),
        version=row["version"], selected=tuple(row["selected"]),
        honorarium_per_meeting_pence=row["honorarium_per_meeting_pence"])


def _registrant(row: asyncpg.Record) -> Registrant:
    address = (row["address_line"] or "", row["postcode"] or "")  # blank once erased: no household
    contact = Contact(row["name"], row["email"], row["phone"], address)
    return Registrant(row["id"], row["assembly_id"], row["invitation_code"], row["features"], contact,
                      row["registered_at"], RegistrantStatus(row["status"]), row["reply"], row["erased_at"])


class PostgresAssemblyUnitOfWork(PostgresUnitOfWork):
    """One transaction over assemblies, registrants, selection runs and the assembly's work (and venues, to
    check them), with the events to publish."""

    assemblies: PostgresAssemblies
    registrants: PostgresRegistrants
    runs: PostgresSelectionRuns
    meetings: PostgresAssemblyMeetings
    care: PostgresMemberCare
    recommendations: PostgresRecommendations
    venues: PostgresVenues

    def bind(self, connection: asyncpg.Connection) -> None:
        self.assemblies = PostgresAssemblies(connection)
        self.registrants = PostgresRegistrants(connection)
        self.runs = PostgresSelectionRuns(connection)
        self.meetings = PostgresAssemblyMeetings(connection)
        self.care = PostgresMemberCare(connection)
        self.recommendations = PostgresRecommendations(connection)
        self.venues = PostgresVenues(connection)
