"""The staff overview: counts joined to the office's consultations, and Panel answers due or overdue by the
Panel's own rule."""

import uuid
from datetime import UTC, date, datetime, timedelta

from peel.consultation.domain.overview import AnswerOwed, ConsultationCounts, panel_overview
from peel.consultation.domain.questions import Text
from peel.consultation.service_layer.overview import staff_overview

NOW = datetime(2027, 6, 10, 23, 30, tzinfo=UTC)  # 11 June in the UK (British Summer Time)
TODAY = date(2027, 6, 11)
MEETING = uuid.uuid4()


def owed(due: date) -> AnswerOwed:
    return AnswerOwed(uuid.uuid4(), MEETING, Text("June Panel"), "accepted", due)


def counts(title: str) -> ConsultationCounts:
    return ConsultationCounts(uuid.uuid4(), Text(title), "survey", "open", None, NOW + timedelta(days=3))


class FakeQueries:
    def __init__(self, listed: list[ConsultationCounts], responses: dict, awaiting: dict, owed: list) -> None:
        self.listed, self._responses, self._awaiting, self._owed = listed, responses, awaiting, owed
        self.asked: list[tuple] = []

    async def consultations(self, tenant: str, limit: int) -> list[ConsultationCounts]:
        self.asked.append(("consultations", tenant))
        return self.listed

    async def responses(self, consultation_ids):
        self.asked.append(("responses", tuple(consultation_ids)))
        return self._responses

    async def awaiting_moderation(self, consultation_ids):
        self.asked.append(("awaiting_moderation", tuple(consultation_ids)))
        return self._awaiting

    async def panel_awaiting_decision(self, tenant: str) -> int:
        self.asked.append(("awaiting_decision", tenant))
        return 4

    async def answers_owed(self, tenant: str) -> list[AnswerOwed]:
        self.asked.append(("owed", tenant))
        return self._owed


def test_an_answer_is_due_to_the_end_of_its_due_day_and_overdue_from_the_next():
    late, today, tomorrow = owed(TODAY - timedelta(days=1)), owed(TODAY), owed(TODAY + timedelta(days=1))
    panel = panel_overview(2, [tomorrow, late, today], TODAY)
    assert (panel.awaiting_decision, panel.due, panel.overdue) == (2, (today, tomorrow), (late,))


async def test_the_overview_counts_each_listed_consultation_and_reads_the_panel_by_the_uk_day():
    busy, quiet = counts("Busy"), counts("Quiet")
    late, due = owed(TODAY - timedelta(days=1)), owed(TODAY)
    queries = FakeQueries([busy, quiet], {busy.id: 100_000}, {busy.id: 12}, [late, due])
    overview = await staff_overview("cheshire", queries, lambda: NOW)
    assert [(c.title.en, c.responses, c.awaiting_moderation) for c in overview.consultations] == [
        ("Busy", 100_000, 12), ("Quiet", 0, 0)]
    assert (overview.panel.awaiting_decision, overview.panel.due, overview.panel.overdue) == (4, (due,), (late,))
    assert ("responses", (busy.id, quiet.id)) in queries.asked
    assert {tenant for part, tenant in queries.asked if part in ("consultations", "awaiting_decision", "owed")} == {
        "cheshire"}
