"""Results by channel: every channel's responses counted beside the results, one channel's results alone on
request, the CSV naming them, the public's small channel counts withheld, and events' channels projected."""

import uuid
from datetime import UTC, datetime

from peel.common.contracts.consultation import ChoiceAnswer, QuestionSpec
from peel.reporting.domain.consultation_results import Consultation, assemble
from peel.reporting.domain.export import results_table
from peel.reporting.domain.public_results import public_results
from peel.reporting.read_models.consultation_results.projection import new_response
from tests.support.reporting_events import QUESTIONS, choice, submitted

PUBLISHED = datetime(2027, 5, 1, tzinfo=UTC)
CONSULTATION = Consultation(uuid.uuid4(), "cheshire", {"en": "Priorities"}, "survey",
                            tuple(QuestionSpec.model_validate(q) for q in QUESTIONS),
                            closed_at=PUBLISHED, results_published_at=PUBLISHED)
TALLY = {("priority", ""): {None: 12}, ("priority", "asb"): {None: 12}}


def test_every_channel_is_counted_even_with_no_responses():
    results = assemble(CONSULTATION, 52, TALLY, channels={"online": 40, "paper": 12})
    assert results.channels == {"online": 40, "paper": 12, "telephone": 0, "event": 0}
    assert results.channel is None


def test_one_channels_results_say_so_and_still_count_every_channel():
    results = assemble(CONSULTATION, 12, TALLY, channels={"online": 40, "paper": 12}, channel="paper")
    assert (results.responses, results.channel, results.channels["online"]) == (12, "paper", 40)
    rows = [row for row in results_table(results) if row[4] in ("responses", "channel", "channel_responses")]
    assert rows == [("", "", "", "", "responses", 12), ("", "", "", "", "channel", "paper"),
                    ("", "", "", "online", "channel_responses", 40), ("", "", "", "paper", "channel_responses", 12),
                    ("", "", "", "telephone", "channel_responses", 0), ("", "", "", "event", "channel_responses", 0)]


def test_the_public_see_channels_of_ten_or_more_and_never_one_small_channel_alone():
    many = assemble(CONSULTATION, 75, TALLY, channels={"online": 40, "paper": 12, "telephone": 20, "event": 3})
    assert public_results(many).channels == {"online": 40, "paper": None, "telephone": 20, "event": None}
    both_small = assemble(CONSULTATION, 48, TALLY, channels={"online": 40, "paper": 5, "event": 3})
    assert public_results(both_small).channels == {"online": 40, "paper": None, "telephone": None, "event": None}


def test_the_projection_keeps_each_responses_channel_and_older_events_are_online():
    consultation_id = uuid.uuid4()
    online = submitted(consultation_id, [choice("priority", "asb")])
    paper = online.model_copy(update={"data": online.data.model_copy(update={"channel": "paper"})})
    assert new_response("cheshire", online.data).channel == "online"
    assert new_response("cheshire", paper.data).channel == "paper"
    assert isinstance(paper.data.answers[0], ChoiceAnswer)
