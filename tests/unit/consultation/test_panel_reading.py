"""Every staff role reads the Panel's meetings and questions; only admins and Panel clerks see how to reach an
asker, and only they act."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest
from fastapi import FastAPI

from peel.common.auth import Principal, Role
from peel.common.auth.dependencies import authenticate
from peel.common.errors import NotFound
from peel.common.http.app import install_error_handlers
from peel.consultation.entrypoints.http.panel_routes import panel_clock, panel_staff, panel_unit_of_work
from peel.consultation.service_layer import panel
from tests.unit.panel_fakes import FakeClock, FakeUnitOfWork, accepted, ask, schedule


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 2, 10, 0, tzinfo=UTC))


class Caller:
    """The Panel's staff API in process, called as one role of one office."""

    def __init__(self, client: httpx.AsyncClient, app: FastAPI) -> None:
        self.client, self._app = client, app

    def as_(self, role: str, tenant: str = "cheshire") -> httpx.AsyncClient:
        principal = Principal(f"{role}@{tenant}", tenant, frozenset({role}), frozenset())
        self._app.dependency_overrides[authenticate] = lambda: principal
        return self.client


@pytest.fixture
async def api(uow: FakeUnitOfWork, clock: FakeClock) -> AsyncIterator[Caller]:
    app = FastAPI()
    app.include_router(panel_staff)
    install_error_handlers(app)
    app.dependency_overrides[panel_unit_of_work] = lambda: uow
    app.dependency_overrides[panel_clock] = lambda: clock
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://panel") as client:
        yield Caller(client, app)


async def test_one_question_is_read_with_its_asker_and_whether_it_is_overdue(uow, clock):
    question = await accepted(uow, clock)
    found = await panel.question_for_staff("cheshire", question.id, uow, clock)
    assert (found.question.id, found.asker.email, found.overdue) == (question.id, "jo@example.org", False)
    clock.now = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)
    assert (await panel.question_for_staff("cheshire", question.id, uow, clock)).overdue is True


async def test_another_offices_question_is_not_found(uow, clock):
    question = await accepted(uow, clock)
    with pytest.raises(NotFound):
        await panel.question_for_staff("dyfed-powys", question.id, uow, clock)
    with pytest.raises(NotFound):
        await panel.question_for_staff("cheshire", uuid.uuid4(), uow, clock)


@pytest.mark.parametrize("role", [Role.VIEWER, Role.ANALYST, Role.ENGAGEMENT_OFFICER])
async def test_every_staff_role_reads_the_queue_without_the_askers_email(api, uow, clock, role):
    meeting = await schedule(uow, clock)
    question = await ask(uow, clock, meeting)
    client = api.as_(role)
    assert [found["id"] for found in (await client.get("/v1/panel/meetings")).json()] == [str(meeting.id)]
    assert (await client.get(f"/v1/panel/meetings/{meeting.id}")).status_code == 200
    [listed] = (await client.get(f"/v1/panel/meetings/{meeting.id}/questions")).json()
    one = (await client.get(f"/v1/panel/questions/{question.id}")).json()
    assert listed["asker"] == one["asker"] == {"name": "Jo Bloggs", "email": None, "area": "CW1"}
    assert "jo@example.org" not in (await client.get(f"/v1/panel/meetings/{meeting.id}/questions")).text
    assert (await client.get("/v1/panel/rejection-reasons")).status_code == 200


@pytest.mark.parametrize("role", [Role.ADMIN, Role.PANEL_CLERK])
async def test_admins_and_clerks_see_the_askers_email(api, uow, clock, role):
    meeting = await schedule(uow, clock)
    question = await ask(uow, clock, meeting)
    client = api.as_(role)
    [listed] = (await client.get(f"/v1/panel/meetings/{meeting.id}/questions")).json()
    one = (await client.get(f"/v1/panel/questions/{question.id}")).json()
    assert listed == one
    assert one["asker"] == {"name": "Jo Bloggs", "email": "jo@example.org", "area": "CW1"}
    assert (one["id"], one["meeting_id"], one["status"]) == (str(question.id), str(meeting.id), "received")


async def test_a_question_by_id_is_not_found_for_another_office_or_a_malformed_id(api, uow, clock):
    question = await accepted(uow, clock)
    other = api.as_(Role.ADMIN, tenant="dyfed-powys")
    assert (await other.get(f"/v1/panel/questions/{question.id}")).status_code == 404
    client = api.as_(Role.VIEWER)
    for wrong in ("not-an-id", "12345", str(uuid.uuid4())):
        assert (await client.get(f"/v1/panel/questions/{wrong}")).status_code == 404


@pytest.mark.parametrize("role", [Role.VIEWER, Role.ANALYST, Role.ENGAGEMENT_OFFICER])
async def test_only_admins_and_clerks_act(api, uow, clock, role):
    meeting = await schedule(uow, clock)
    question = await ask(uow, clock, meeting)
    client = api.as_(role)
    for action, body in (("accept", None), ("reject", {"reason": "sub_judice"}),
                         ("answer", {"response": {"en": "Yes."}}), ("publish", None)):
        assert (await client.post(f"/v1/panel/questions/{question.id}/{action}", json=body)).status_code == 403
    assert (await client.post("/v1/panel/meetings", json={})).status_code == 403
    reason = {"key": "vexatious", "label": {"en": "Vexatious"}}
    assert (await client.post("/v1/panel/rejection-reasons", json=reason)).status_code == 403
    assert (await client.get("/v1/panel/closures")).status_code == 403
    assert (await panel.question_for_staff("cheshire", question.id, uow, clock)).question.status.value == "received"
