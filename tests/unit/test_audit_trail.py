"""The audit trail's rules, middleware and route, with the store faked: which requests are staff actions, what
an entry says, that it is written before the answer leaves, and that failing to write it changes no answer."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Annotated, ClassVar

import httpx
import pytest
from fastapi import Depends, FastAPI, HTTPException

from peel.common.audit import AuditEntry, AuditQuery, RecordStaffActions, audit_router
from peel.common.audit.record import action_of, is_staff_action
from peel.common.auth.dependencies import Authenticated, allow
from peel.common.auth.principal import Principal, Role

OFFICER = Principal("officer-1", "cheshire", frozenset({"engagement_officer"}), frozenset())
ADMIN = Principal("admin-1", "cheshire", frozenset({"admin"}), frozenset())
VIEWER = Principal("viewer-1", "cheshire", frozenset({"viewer"}), frozenset())
SYSTEM = Principal("force-crm", "cheshire", frozenset(), frozenset({"consultations:write"}))
PRINCIPALS = {"officer": OFFICER, "admin": ADMIN, "viewer": VIEWER, "system": SYSTEM,
              "other-admin": replace(ADMIN, tenant="dorset", subject="admin-9")}
Editor = Annotated[Principal, Depends(allow(Role.ADMIN, Role.ENGAGEMENT_OFFICER, scopes=("consultations:write",)))]


class FakeVerifier:
    async def verify(self, token: str) -> Principal:
        return PRINCIPALS[token]


class FakeAuditLog:
    def __init__(self) -> None:
        self.kept: list[AuditEntry] = []
        self.queries: list[AuditQuery] = []
        self.broken = False

    async def record(self, entry: AuditEntry) -> None:
        if self.broken:
            raise ConnectionError("the database went away")
        self.kept.append(replace(entry, at=datetime.now(UTC)))

    async def entries(self, query: AuditQuery) -> list[AuditEntry]:
        self.queries.append(query)
        return [entry for entry in reversed(self.kept) if entry.tenant == query.tenant][: query.limit]


class Settings:
    service_name: ClassVar[str] = "consultation"


def make_app(audit_log: FakeAuditLog) -> FastAPI:
    app = FastAPI()
    app.state.token_verifier, app.state.audit_log, app.state.settings = FakeVerifier(), audit_log, Settings()

    @app.post("/v1/consultations/{consultation_id}/publish")
    async def publish(consultation_id: str, principal: Editor) -> dict[str, str]:
        return {"id": consultation_id}

    @app.delete("/v1/areas/{area_key}", status_code=204)
    async def remove(area_key: str, principal: Authenticated) -> None:
        if area_key == "missing":
            raise HTTPException(404, "no such area")

    @app.post("/v1/consultations/{consultation_id}/responses")
    async def respond(consultation_id: str) -> dict[str, str]:
        return {"id": "r1"}

    app.include_router(audit_router())
    app.add_middleware(RecordStaffActions)
    return app


@pytest.fixture
def audit_log() -> FakeAuditLog:
    return FakeAuditLog()


@pytest.fixture
async def client(audit_log: FakeAuditLog):
    transport = httpx.ASGITransport(app=make_app(audit_log), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://svc.test") as client:
        yield client


def as_(who: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {who}"}


@pytest.mark.parametrize(("route", "action"), [
    ("/v1/consultations/{consultation_id}/publish", "publish"),
    ("/v1/consultations", "consultations"),
    ("/v1/areas/{area_key}", "areas"),
    ("/v1/assemblies/{assembly_id}/selections/{run_id}/accept", "accept"),
])
def test_the_action_is_the_routes_last_literal_segment(route, action):
    assert action_of(route) == action


def test_only_changes_done_by_staff_are_actions():
    assert is_staff_action("POST", 201, frozenset({"admin"}))
    assert not is_staff_action("GET", 200, frozenset({"admin"}))
    assert not is_staff_action("POST", 403, frozenset({"viewer"}))
    assert not is_staff_action("DELETE", 204, frozenset())


async def test_a_staff_action_is_recorded_with_who_what_and_which(client, audit_log):
    answer = await client.post("/v1/consultations/c-42/publish", headers=as_("officer"))
    assert answer.status_code == 200
    [entry] = audit_log.kept
    assert (entry.tenant, entry.subject, entry.roles) == ("cheshire", "officer-1", ("engagement_officer",))
    assert (entry.method, entry.route, entry.action) == ("POST", "/v1/consultations/{consultation_id}/publish",
                                                         "publish")
    assert (dict(entry.resource_ids), entry.resources, entry.status) == ({"consultation_id": "c-42"}, ["c-42"], 200)


async def test_refused_failed_public_and_machine_calls_record_nothing(client, audit_log):
    assert (await client.post("/v1/consultations/c-42/publish", headers=as_("viewer"))).status_code == 403
    assert (await client.delete("/v1/areas/missing", headers=as_("admin"))).status_code == 404
    assert (await client.post("/v1/consultations/c-42/responses")).status_code == 200
    assert (await client.post("/v1/consultations/c-42/publish", headers=as_("system"))).status_code == 200
    assert (await client.get("/v1/audit", headers=as_("admin"))).status_code == 200
    assert audit_log.kept == []


async def test_the_entry_is_written_before_the_answer_is_sent(audit_log):
    order: list[str] = []

    class Watching(FakeAuditLog):
        async def record(self, entry: AuditEntry) -> None:
            order.append("recorded")

    app = make_app(Watching())
    scope = {"type": "http", "method": "DELETE", "path": "/v1/areas/cw1", "raw_path": b"/v1/areas/cw1",
             "query_string": b"", "headers": [(b"authorization", b"Bearer admin")], "app": app}

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        order.append(message["type"])

    await app(scope, receive, send)
    assert order[:2] == ["recorded", "http.response.start"]


async def test_a_trail_that_cannot_be_written_does_not_undo_the_answer(client, audit_log):
    audit_log.broken = True
    answer = await client.delete("/v1/areas/cw1", headers=as_("admin"))
    assert answer.status_code == 204 and audit_log.kept == []


async def test_administrators_read_their_offices_entries_newest_first(client, audit_log):
    await client.post("/v1/consultations/c-1/publish", headers=as_("officer"))
    await client.delete("/v1/areas/cw1", headers=as_("admin"))
    await client.delete("/v1/areas/bh1", headers=as_("other-admin"))
    answer = await client.get("/v1/audit", headers=as_("admin"))
    entries = answer.json()["entries"]
    assert [(e["subject"], e["action"], e["service"]) for e in entries] == [
        ("admin-1", "areas", "consultation"), ("officer-1", "publish", "consultation")]
    assert (await client.get("/v1/audit", headers=as_("other-admin"))).json()["entries"][0]["resource_ids"] == {
        "area_key": "bh1"}


async def test_the_filters_reach_the_store(client, audit_log):
    since = datetime(2026, 12, 1, tzinfo=UTC)
    await client.get("/v1/audit", headers=as_("admin"), params={
        "resource": "c-1", "actor": "officer-1", "since": since.isoformat(), "limit": 500,
        "before": (since + timedelta(days=1)).isoformat()})
    assert audit_log.queries == [AuditQuery("cheshire", resource="c-1", actor="officer-1", since=since,
                                            before=since + timedelta(days=1), limit=500)]


async def test_a_moment_without_an_offset_is_taken_as_utc(client, audit_log):
    await client.get("/v1/audit", headers=as_("admin"), params={"since": "2026-12-01T09:00:00"})
    assert audit_log.queries[0].since == datetime(2026, 12, 1, 9, tzinfo=UTC)


@pytest.mark.parametrize("params", [{"limit": 501}, {"limit": 0}, {"since": "yesterday"}, {"resource": ""},
                                    {"before": "0001-01-01T00:00:00+14:00"}])
async def test_bad_filters_are_refused(client, params):
    assert (await client.get("/v1/audit", headers=as_("admin"), params=params)).status_code == 422


async def test_only_administrators_read_the_trail(client):
    assert (await client.get("/v1/audit", headers=as_("officer"))).status_code == 403
    assert (await client.get("/v1/audit")).status_code == 401
