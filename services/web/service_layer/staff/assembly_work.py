"""Which APIs the pages of an assembly at work call: all of it is the scheduling service's (meetings, attendance,
speakers, access needs, pay, recommendations and the office's responses).

The speakers and recommendations are read from the service's public answers, but only after the assembly itself is
read with the user's token: another office's assembly is a 404 there, so it is one here too."""

from __future__ import annotations

from typing import Any

from peel.web.service_layer.ports import Json
from peel.web.service_layer.staff.assemblies import assembly, assembly_path, registrants
from peel.web.service_layer.staff.ports import UserApis


def _public(assembly_id: str, part: str) -> str:
    return f"/v1/public/assemblies/{assembly_id}/{part}"


async def meetings(apis: UserApis, assembly_id: str) -> list[Json]:
    return await apis.scheduling.get(assembly_path(assembly_id, "meetings"))


async def plan_meeting(apis: UserApis, assembly_id: str, body: Json) -> Json:
    return await apis.scheduling.post(assembly_path(assembly_id, "meetings"), body)


async def record_attendance(apis: UserApis, assembly_id: str, meeting_id: str, attended: list[str]) -> Json:
    return await apis.scheduling.post(assembly_path(assembly_id, "meetings", meeting_id, "attendance"),
                                      {"attended": attended})


async def speakers(apis: UserApis, assembly_id: str) -> tuple[Json, list[Json]]:
    found = await assembly(apis, assembly_id)
    return found, await apis.scheduling.get(_public(assembly_id, "speakers"))


async def add_speaker(apis: UserApis, assembly_id: str, body: Json) -> Json:
    return await apis.scheduling.post(assembly_path(assembly_id, "speakers"), body)


async def access_needs(apis: UserApis, assembly_id: str, member_id: str) -> Json:
    return await apis.scheduling.get(assembly_path(assembly_id, "members", member_id, "access-needs"))


async def set_access_needs(apis: UserApis, assembly_id: str, member_id: str, body: Json) -> None:
    await apis.scheduling.put(assembly_path(assembly_id, "members", member_id, "access-needs"), body)


async def payments(apis: UserApis, assembly_id: str) -> list[Json]:
    return await apis.scheduling.get(assembly_path(assembly_id, "payments"))


async def claim_expense(apis: UserApis, assembly_id: str, member_id: str, body: Json) -> Json:
    return await apis.scheduling.post(assembly_path(assembly_id, "members", member_id, "expenses"), body)


async def recommendations(apis: UserApis, assembly_id: str) -> tuple[Json, list[Json]]:
    found = await assembly(apis, assembly_id)
    return found, await apis.scheduling.get(_public(assembly_id, "recommendations"))


async def recommend(apis: UserApis, assembly_id: str, body: Json) -> Json:
    return await apis.scheduling.post(assembly_path(assembly_id, "recommendations"), body)


async def respond(apis: UserApis, assembly_id: str, recommendation_id: str, body: Json) -> Json:
    return await apis.scheduling.post(assembly_path(assembly_id, "recommendations", recommendation_id, "response"),
                                      body)


async def report_progress(apis: UserApis, assembly_id: str, recommendation_id: str, body: Json) -> Json:
    return await apis.scheduling.post(assembly_path(assembly_id, "recommendations", recommendation_id, "progress"),
                                      body)


async def members(apis: UserApis, assembly_id: str) -> tuple[Json, list[Json]]:
    """The assembly and its panel's registrants (organisers only), in the order selected."""
    found = await assembly(apis, assembly_id)
    known = {str(one["id"]): one for one in await registrants(apis, assembly_id)}
    return found, [known[str(member)] for member in found["selected"] if str(member) in known]


def names_of(panel: list[Json]) -> dict[str, Any]:
    return {str(one["id"]): one.get("name") for one in panel}
