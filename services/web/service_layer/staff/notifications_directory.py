"""Who the office writes to and what stops or holds its messages: councils and partners, suppressed addresses,
councils' acknowledgements, pre-election periods, held messages and the message templates."""

from __future__ import annotations

from typing import Any

from peel.web.service_layer.staff.ports import UserApis


async def organisations(apis: UserApis) -> list[dict[str, Any]]:
    return await apis.notifications.get("/v1/organisations")


async def organisation(apis: UserApis, organisation_id: str) -> dict[str, Any]:
    return await apis.notifications.get(f"/v1/organisations/{organisation_id}")


async def suppressions(apis: UserApis) -> list[dict[str, Any]]:
    return await apis.notifications.get("/v1/suppressions")


async def suppress(apis: UserApis, body: dict[str, Any]) -> None:
    await apis.notifications.post("/v1/suppressions", body)


async def lift(apis: UserApis, suppression_and_reason: str) -> None:
    """Lifts a suppression: ``<id>?reason=...`` (the service keeps who, when and why)."""
    await apis.notifications.delete(f"/v1/suppressions/{suppression_and_reason}")


async def acknowledgements(apis: UserApis, bulletin_id: str, chase: bool) -> dict[str, Any]:
    """The councils' answers; ``chase``: only the councils that have not answered (the chase list)."""
    params = {"state": "none"} if chase else None
    return await apis.notifications.get(f"/v1/bulletins/{bulletin_id}/acknowledgements", params)


async def acknowledgement_coverage(apis: UserApis) -> dict[str, Any]:
    """Per area, of the stakeholder bulletins sent to councils, how many were acknowledged, shared, put on an
    agenda (reporting's read model of every bulletin's acknowledgements)."""
    return await apis.reporting.get("/v1/reports/council-acknowledgements")


async def election_periods(apis: UserApis) -> list[dict[str, Any]]:
    return await apis.notifications.get("/v1/election-periods")


async def add_election_period(apis: UserApis, body: dict[str, Any]) -> None:
    await apis.notifications.post("/v1/election-periods", body)


async def holds(apis: UserApis) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """What is held now, and every release so far."""
    return await apis.notifications.get("/v1/holds"), await apis.notifications.get("/v1/holds/releases")


async def release(apis: UserApis, body: dict[str, Any]) -> dict[str, Any]:
    return await apis.notifications.post("/v1/holds/release", body)


async def templates(apis: UserApis) -> tuple[list[dict[str, Any]], str]:
    """The templates, and how the office's messages show Welsh and English."""
    found = await apis.notifications.get("/v1/templates")
    return found, (await apis.notifications.get("/v1/templates/layout"))["layout"]


async def choose_layout(apis: UserApis, layout: str) -> None:
    await apis.notifications.put("/v1/templates/layout", {"layout": layout})


async def template(apis: UserApis, key: str, language: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """A template's latest version and its preview with the service's sample values (nothing is sent)."""
    found = await apis.notifications.get(f"/v1/templates/{key}")
    shown = await apis.notifications.post(f"/v1/templates/{key}/preview", {"language": language})
    return found, shown


async def record_contact(apis: UserApis, body: dict[str, Any]) -> str:
    return str((await apis.notifications.post("/v1/contacts", body))["id"])


async def contact(apis: UserApis, contact_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The contact and their consents: those in force, and every one given or withdrawn."""
    path = f"/v1/contacts/{contact_id}"
    return await apis.notifications.get(path), await apis.notifications.get(f"{path}/consents")


async def record_consent(apis: UserApis, contact_id: str, entry: dict[str, Any]) -> None:
    await apis.notifications.put(f"/v1/contacts/{contact_id}/consents", [entry])


async def record_organisation(apis: UserApis, body: dict[str, Any]) -> None:
    await apis.notifications.post("/v1/organisations", body)
