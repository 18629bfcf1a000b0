"""Responses staff key in on a resident's behalf, on real PostgreSQL and Kafka: a paper response flows through the
outbox and Kafka to reporting, which shows it under its channel and never pools it silently; who may key one in,
another office's consultation, a closed one and a malformed channel."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass

import httpx
import pytest

from peel.consultation.bootstrap import create_app as consultation_app
from peel.consultation.settings import ConsultationSettings
from peel.reporting.bootstrap import create_app as reporting_app
from peel.reporting.settings import ReportingSettings
from tests.support.consultations import SURVEY
from tests.support.servers import eventually, service_settings, serving
from tests.support.tokens import bearer

pytestmark = pytest.mark.integration


@dataclass
class Services:
    consultation: httpx.AsyncClient
    reporting: httpx.AsyncClient


@pytest.fixture
async def services(infra, new_database, topic_prefix, key_dir) -> AsyncIterator[Services]:
    async with AsyncExitStack() as stack:
        clients = []
        for create_app, settings_class in ((consultation_app, ConsultationSettings),
                                           (reporting_app, ReportingSettings)):
            settings = service_settings(settings_class, dsn=await new_database(), kafka=infra.kafka_bootstrap,
                                        prefix=topic_prefix, key_dir=key_dir)
            url = await stack.enter_async_context(serving(create_app(settings)))
            clients.append(await stack.enter_async_context(httpx.AsyncClient(base_url=url, timeout=10)))
        yield Services(*clients)


async def open_survey(services: Services, officer: dict) -> str:
    created = await services.consultation.post("/v1/consultations", json=SURVEY, headers=officer)
    assert created.status_code == 201, created.text
    consultation_id = created.json()["id"]
    opened = await services.consultation.post(f"/v1/consultations/{consultation_id}/publish", headers=officer)
    assert opened.json()["status"] == "open"
    return consultation_id


def paper(priority: str = "roads", **more) -> dict:
    return {"channel": "paper", "received_on": "2026-01-05", "answers": {"priority": priority}, **more}


async def test_a_paper_response_reaches_reporting_under_its_channel(services, token):
    officer, analyst = bearer(token("cheshire", "engagement_officer")), bearer(token("cheshire", "analyst"))
    consultation_id = await open_survey(services, officer)
    online = await services.consultation.post(f"/v1/consultations/{consultation_id}/responses",
                                              json={"answers": {"priority": "asb"}})
    keyed = await services.consultation.post(f"/v1/consultations/{consultation_id}/responses/assisted",
                                             json=paper(postcode="CW1 2AB"), headers=officer)
    assert (online.status_code, keyed.status_code) == (201, 201), keyed.text
    assert set(keyed.json()) == {"id", "consultation_id", "submitted_at", "channel"}
    assert keyed.json()["channel"] == "paper"

    async def both_counted() -> dict | None:
        found = await services.reporting.get(f"/v1/consultations/{consultation_id}/results", headers=analyst)
        return found.json() if found.status_code == 200 and found.json()["responses"] == 2 else None

    every = await eventually(both_counted)
    assert every["channels"] == {"online": 1, "paper": 1, "telephone": 0, "event": 0}
    assert every["channel"] is None
    only_paper = (await services.reporting.get(f"/v1/consultations/{consultation_id}/results",
                                               params={"channel": "paper"}, headers=analyst)).json()
    priority = next(q for q in only_paper["questions"] if q["key"] == "priority")
    assert (only_paper["responses"], only_paper["channel"]) == (1, "paper")
    assert {o["key"]: o["count"] for o in priority["options"]} == {"asb": 0, "roads": 1}
    exported = await services.reporting.get(f"/v1/consultations/{consultation_id}/results.csv",
                                            params={"channel": "paper"}, headers=analyst)
    rows = list(csv.reader(io.StringIO(exported.text)))
    assert ["", "", "", "", "channel", "paper"] in rows and ["", "", "", "paper", "channel_responses", "1"] in rows
    broken_down = await services.reporting.get(f"/v1/consultations/{consultation_id}/results/breakdown",
                                               params={"by": "area", "channel": "online"}, headers=analyst)
    assert (broken_down.status_code, broken_down.json()["channel"]) == (200, "online")


async def test_who_may_key_in_and_what_is_refused(services, token):
    officer = bearer(token("cheshire", "engagement_officer"))
    consultation_id = await open_survey(services, officer)
    assisted = f"/v1/consultations/{consultation_id}/responses/assisted"
    viewer = await services.consultation.post(assisted, json=paper(), headers=bearer(token("cheshire", "viewer")))
    analyst = await services.consultation.post(assisted, json=paper(), headers=bearer(token("cheshire", "analyst")))
    elsewhere = await services.consultation.post(
        assisted, json=paper(), headers=bearer(token("lancashire", "engagement_officer")))
    assert (viewer.status_code, analyst.status_code, elsewhere.status_code) == (403, 403, 404)
    malformed = await services.consultation.post(assisted, json=paper() | {"channel": "fax"}, headers=officer)
    assert malformed.status_code == 422
    assert [e["loc"] for e in malformed.json()["detail"]] == [["body", "channel"]]
    with_email = await services.consultation.post(assisted, json=paper(email="a@example.org"), headers=officer)
    assert (with_email.status_code, with_email.json()["detail"][0]["loc"]) == (422, ["body", "email"])
    wrong_answer = await services.consultation.post(assisted, json=paper("trains"), headers=officer)
    assert [e["loc"] for e in wrong_answer.json()["detail"]] == [["body", "answers", "priority"]]
    fax_results = await services.reporting.get(f"/v1/consultations/{consultation_id}/results",
                                               params={"channel": "fax"}, headers=bearer(token("cheshire", "analyst")))
    assert (fax_results.status_code, fax_results.json()["detail"][0]["loc"]) == (422, ["query", "channel"])
    await services.consultation.post(f"/v1/consultations/{consultation_id}/close", headers=officer)
    closed = await services.consultation.post(assisted, json=paper(), headers=officer)
    assert closed.status_code == 409 and "is closed" in closed.json()["detail"]
