"""The rebuild's rules that need no broker: missing history, the progress bar, the command line."""

import argparse
import io

import pytest
from aiokafka import TopicPartition

from peel.cli import reporting
from peel.cli.reporting import ProgressBar
from peel.common.errors import Conflict
from peel.reporting.service_layer.rebuild import check_history


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
