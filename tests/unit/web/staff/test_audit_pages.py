"""The audit trail page (admins): the four services' entries merged newest first, filtered by id and by person,
a page at a time; a service that does not answer is named; bad filters are a 422 naming the field."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from peel.common.audit.record import AuditEntry
from peel.web.domain.staff.identity import StaffRole
from peel.web.service_layer.ports import ServiceUnavailable
from tests.support.staff_pages import StaffPageClient

COVERS = {("GET", "/staff/settings/audit")}
START = datetime(2026, 12, 7, 9, tzinfo=UTC)


def entry(minutes: int, action: str, service: str, subject: str = "officer-1", **ids: str) -> dict:
    return {"service": service, "subject": subject, "roles": ["engagement_officer"], "method": "POST",
            "route": f"/v1/things/{action}", "action": action, "resource_ids": ids, "status": 200,
            "at": (START + timedelta(minutes=minutes)).isoformat()}


def trails(staff: StaffPageClient, **answers) -> None:
    for name in ("consultation", "scheduling", "notifications", "reporting"):
        answer = answers.get(name, {"entries": []})
        getattr(staff.staff, name).on("GET", "/v1/audit", answer)


def rows(page) -> list[str]:
    return [" ".join(row.get_text(" ").split()) for row in page.soup.select("tbody tr")]


async def test_an_admin_sees_every_services_entries_newest_first(staff: StaffPageClient) -> None:
    trails(staff, consultation={"entries": [entry(30, "publish", "consultation", consultation_id="c-1"),
                                            entry(10, "consultations", "consultation")]},
           scheduling={"entries": [entry(20, "cancel", "scheduling", subject="admin-2", session_id="s-9")]})
    await staff.sign_in(StaffRole.ADMIN)
    page = await staff.get("/staff/settings/audit")
    assert page.status == 200 and page.h1 == "Audit trail"
    shown = rows(page)
    assert [row.split(" (")[0].split()[-1] for row in shown] == ["publish", "cancel", "consultations"]
    assert "consultation: c-1" in shown[0] and "Scheduling" in shown[1]
    assert page.soup.find("a", href="/staff/settings/audit?resource=c-1")
    assert page.soup.find("a", href="/staff/settings/audit?actor=admin-2")
    assert staff.staff.consultation.sent("GET", "/v1/audit") == [{"limit": 51}]


async def test_the_filters_go_to_every_service(staff: StaffPageClient) -> None:
    trails(staff)
    await staff.sign_in(StaffRole.ADMIN)
    page = await staff.get("/staff/settings/audit", params={"resource": " c-1 ", "actor": "officer-1"})
    assert page.status == 200 and "No staff action matches these filters." in page.soup.get_text()
    for api in (staff.staff.consultation, staff.staff.scheduling, staff.staff.notifications, staff.staff.reporting):
        assert api.sent("GET", "/v1/audit") == [{"resource": "c-1", "actor": "officer-1", "limit": 51}]


async def test_a_long_trail_pages_back_from_the_oldest_entry_shown(staff: StaffPageClient) -> None:
    trails(staff, consultation={"entries": [entry(100 - n, "publish", "consultation") for n in range(30)]},
           notifications={"entries": [entry(99 - 2 * n, "approve", "notifications") for n in range(30)]})
    await staff.sign_in(StaffRole.ADMIN)
    page = await staff.get("/staff/settings/audit", params={"actor": "officer-1"})
    assert len(rows(page)) == 50
    older = page.soup.find("a", rel="next")["href"]
    oldest_shown = (START + timedelta(minutes=61)).isoformat()
    assert older.startswith("/staff/settings/audit?actor=officer-1&before=") and "2026-12-07T10%3A01" in older
    back = await staff.get(older)
    assert back.status == 200 and back.soup.find("a", rel="prev")["href"] == "/staff/settings/audit?actor=officer-1"
    assert staff.staff.reporting.sent("GET", "/v1/audit")[-1]["before"] == oldest_shown


async def test_a_service_that_does_not_answer_is_named(staff: StaffPageClient) -> None:
    trails(staff, consultation={"entries": [entry(1, "publish", "consultation")]},
           reporting=ServiceUnavailable("down"))
    await staff.sign_in(StaffRole.ADMIN)
    page = await staff.get("/staff/settings/audit")
    assert page.status == 200 and len(rows(page)) == 1
    assert "The entries of Reporting cannot be shown just now." in " ".join(page.soup.get_text().split())


async def test_an_empty_trail_says_so(staff: StaffPageClient) -> None:
    trails(staff)
    await staff.sign_in(StaffRole.ADMIN)
    page = await staff.get("/staff/settings/audit")
    assert "No member of staff has changed anything yet." in page.soup.get_text()


async def test_bad_filters_are_refused_by_their_field(staff: StaffPageClient) -> None:
    trails(staff)
    await staff.sign_in(StaffRole.ADMIN)
    page = await staff.get("/staff/settings/audit", params={"resource": "x" * 201, "before": "yesterday"})
    assert page.status == 422 and set(page.error_links()) == {"#resource", "#before"}
    assert staff.staff.consultation.calls == []


async def test_only_admins_see_the_trail(staff: StaffPageClient) -> None:
    trails(staff)
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.get("/staff/settings/audit")
    assert page.status == 403 and staff.staff.consultation.calls == []


async def test_the_trail_is_in_welsh(staff: StaffPageClient) -> None:
    trails(staff)
    await staff.sign_in(StaffRole.ADMIN, lang="cy")
    page = await staff.get("/staff/settings/audit")
    assert page.lang == "cy" and page.h1 == "Trywydd archwilio"


async def test_the_webs_own_changes_are_on_the_trail_filtered_like_the_rest(staff: StaffPageClient) -> None:
    trails(staff, consultation={"entries": [entry(30, "publish", "consultation", consultation_id="c-1")]})
    own = staff.staff.audit_log
    for tenant, subject, moment in (("cheshire", "admin-2", 20), ("cheshire", "admin-3", 40), ("dyfed", "admin-9", 50)):
        await own.record(AuditEntry(tenant=tenant, subject=subject, roles=("admin",), method="POST",
                                    route="/staff/settings/roles", action="roles", resource_ids={"tenant": tenant},
                                    status=303, at=START + timedelta(minutes=moment)))
    await staff.sign_in(StaffRole.ADMIN)
    page = await staff.get("/staff/settings/audit")
    shown = rows(page)
    assert [row.split(" (")[0].split()[-1] for row in shown] == ["roles", "publish", "roles"]
    assert "Staff pages" in shown[0] and "POST /staff/settings/roles" in shown[0] and "admin-9" not in page.text()
    filtered = await staff.get("/staff/settings/audit", params={"actor": "admin-2"})
    assert [row.split()[-1] for row in rows(filtered) if "admin-2" in row] and "admin-3" not in filtered.text()
