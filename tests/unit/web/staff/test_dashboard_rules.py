"""The dashboard's rules: which surgeries are this week's, what each assembly needs, how consultations group."""

from __future__ import annotations

from datetime import UTC, date, datetime

from peel.web.domain.staff import dashboard as rules

THURSDAY = date(2026, 12, 10)


def session(day: str, **extra) -> dict:
    return {"id": day, "day": day, "starts_at": f"{day}T10:00:00+00:00", "status": "scheduled"} | extra


def test_this_week_runs_from_monday_to_sunday_without_cancelled_sessions():
    week = rules.this_week([session("2026-12-13"), session("2026-12-07"), session("2026-12-06"),
                            session("2026-12-14"), session("2026-12-09", cancelled_at="2026-12-01T00:00:00Z")],
                           THURSDAY)
    assert (week.starts, week.ends) == (date(2026, 12, 7), date(2026, 12, 13))
    assert [s["id"] for s in week.sessions] == ["2026-12-07", "2026-12-13"]


def test_the_week_asked_for_runs_from_monday_to_sunday():
    week = rules.week_of(THURSDAY)
    assert (week.starts, week.ends, week.sessions) == (date(2026, 12, 7), date(2026, 12, 13), ())
    assert rules.week_of(date(2026, 12, 13)).starts == rules.week_of(date(2026, 12, 7)).starts


def test_assembly_tasks_put_selection_first_then_offers_then_responses_then_recruiting():
    now = datetime(2026, 12, 10, 12, tzinfo=UTC)
    assemblies = [{"id": "open", "status": "recruiting", "registration_closes_at": "2027-01-01T00:00:00Z"},
                  {"id": "answered", "status": "selected", "offers_awaiting_reply": 0,
                   "recommendations_awaiting_response": 0},
                  {"id": "waiting", "status": "selected", "offers_awaiting_reply": 0,
                   "recommendations_awaiting_response": 2},
                  {"id": "offered", "status": "selected", "offers_awaiting_reply": 4},
                  {"id": "closed", "status": "recruiting", "registration_closes_at": "2026-12-01T00:00:00Z"}]
    tasks = rules.assembly_tasks(assemblies, now)
    assert [(t.assembly["id"], t.kind, t.count) for t in tasks] == [
        ("closed", "select", 0), ("offered", "offers", 4), ("waiting", "respond", 2), ("open", "recruiting", 0)]


def test_consultations_group_by_status_and_moderation_lists_the_busiest_first():
    work = rules.consultation_work({"consultations": [
        {"id": "a", "status": "closed", "responses": 5, "awaiting_moderation": 1},
        {"id": "b", "status": "open", "responses": 7, "awaiting_moderation": 4},
        {"id": "c", "status": "open", "responses": 3, "awaiting_moderation": 0},
        {"id": "d", "status": "archived", "responses": 0, "awaiting_moderation": 0}]})
    assert [(g.status, g.responses) for g in work.groups] == [("open", 10), ("closed", 5), ("other", 0)]
    assert [c["id"] for c in work.to_moderate] == ["b", "a"] and work.awaiting_moderation == 5


def test_drafts_await_approval_the_longest_waiting_first():
    bulletins = [{"id": "new", "status": "draft", "created_at": "2026-12-09"},
                 {"id": "sent", "status": "sent", "created_at": "2026-11-01"},
                 {"id": "old", "status": "draft", "created_at": "2026-12-01"}]
    assert [b["id"] for b in rules.awaiting_approval(bulletins)] == ["old", "new"]
