"""The rebuild's rules that need no broker: missing history, the progress bar, the command line, and
that every Panel question event is replayed into columns of its own."""

import argparse
import io

import pytest
from aiokafka import TopicPartition

from peel.cli import reporting
from peel.cli.reporting import ProgressBar
from peel.common.contracts import registry
from peel.common.errors import Conflict
from peel.reporting.adapters.schema import NEXT, qualified
from peel.reporting.entrypoints.rebuild import check_history
from peel.reporting.read_models.panel_questions.store import PANEL_STEP, PANEL_STEPS, step_names
from peel.reporting.read_models.registry import handlers


def test_a_rebuild_is_refused_when_retention_has_deleted_events():
    check_history({TopicPartition("consultation.events", 0): 0})
    with pytest.raises(Conflict, match=r"consultation.events\[2\]"):
        check_history({TopicPartition("consultation.events", 0): 0, TopicPartition("consultation.events", 2): 40})


def test_the_progress_bar_shows_events_replayed_of_the_total_and_ends_the_line():
    stream = io.StringIO()
    bar = ProgressBar(stream, width=10)
    bar(0, 2000)
    bar(1000, 2000)  # within a tenth of a second of the last: not drawn
    bar(2000, 2000)
    assert stream.getvalue() == ("\rreplaying [----------] 0/2,000 events"
                                 "\rreplaying [##########] 2,000/2,000 events\n")


def test_nothing_to_replay_shows_a_full_bar():
    stream = io.StringIO()
    ProgressBar(stream, width=4)(0, 0)
    assert stream.getvalue() == "\rreplaying [####] 0/0 events\n"


def test_peel_reporting_rebuild_parses():
    root = argparse.ArgumentParser(prog="peel")
    reporting.register(root.add_subparsers(dest="command", required=True))
    arguments = root.parse_args(["reporting", "rebuild", "--batch-size", "100"])
    assert (arguments.action, arguments.batch_size, arguments.keep_missing_history) == ("rebuild", 100, False)
    assert arguments.run is reporting.run_rebuild



def test_read_models_to_rebuild_are_named_one_per_option_or_in_comma_lists():
    root = argparse.ArgumentParser(prog="peel")
    reporting.register(root.add_subparsers(dest="command", required=True))
    arguments = root.parse_args(["reporting", "rebuild", "--read-model", "surgeries",
                                 "--read-model", "panel_questions, meetings"])
    assert reporting.read_model_names(arguments.read_models) == ["surgeries", "panel_questions", "meetings"]

def test_every_panel_question_event_is_replayed_and_each_step_fills_its_own_columns():
    panel_events = {model.type_name for model in registry if ".panel_question." in model.type_name}
    assert len(panel_events) == 5 and panel_events <= set(handlers(schema=NEXT, shared_lock=False))
    filled = [{name for name, _ in columns} for columns in PANEL_STEPS.values()]
    shared = {name for i, mine in enumerate(filled) for theirs in filled[i + 1:] for name in mine & theirs}
    assert shared == {"answer_due"}  # the same date, from the acceptance and from the answer
    sql = qualified(PANEL_STEP, NEXT, **step_names("answered"))
    assert "INSERT INTO read_models_next.panel_questions" in sql and "$7::date[]" in sql
    assert "answered_late = EXCLUDED.answered_late" in sql
