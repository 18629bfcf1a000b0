"""The bulletin pages' pure rules: a bulletin read from the form, its text made safe, what each state allows, the
schedule's time zone, and the directory's forms."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from peel.web.domain.staff import notifications as rules
from peel.web.domain.staff import notifications_directory as directory


def form(**answers) -> rules.BulletinForm:
    single = {"title_en": "News", "category": "subscription", "topics": "bulletin", "from_pending": "yes", **answers}
    return rules.BulletinForm.read(single, {key: answers.get(key, []) for key in ("organisation_kinds", "roles")})


def test_a_bulletin_of_the_waiting_items_needs_some_to_be_waiting() -> None:
    assert rules.check_bulletin(form(), pending=2).body["items"] == ["from-pending"]
    assert rules.check_bulletin(form(), pending=0).errors == {
        "item_title_en": "Write an item, or include the items waiting for the next bulletin"}


def test_topics_and_areas_are_listed_once_each() -> None:
    body = rules.check_bulletin(form(topics="Bulletin, events bulletin", areas="crewe crewe,nantwich"), 1).body
    assert body["audience"]["topics"] == ["bulletin", "events"]
    assert body["audience"]["areas"] == ["crewe", "nantwich"]


def test_a_stakeholder_bulletin_may_name_only_organisations_and_roles() -> None:
    checked = rules.check_bulletin(form(category="stakeholder", topics="", organisation_kinds=["partner"],
                                        roles=["clerk"]), 1)
    assert not checked.errors and checked.body["audience"]["organisation_kinds"] == ["partner"]
    assert "organisation_kinds" in rules.check_bulletin(form(roles=["mayor"]), 1).errors


def test_an_item_needs_its_title_and_text() -> None:
    assert set(rules.check_bulletin(form(item_body_en="Hello"), 1).errors) == {"item_title_en"}
    assert set(rules.check_bulletin(form(item_title_cy="Helo"), 1).errors) == {"item_body_en"}


def test_written_text_becomes_escaped_paragraphs() -> None:
    assert rules.paragraphs("One <i>\nline\r\n\r\n  Two  ") == "<p>One &lt;i&gt;<br>line</p><p>Two</p>"
    assert rules.paragraphs("   ") == ""


@pytest.mark.parametrize(("status", "allowed", "refused"), [
    ("draft", {"approve", "cancel"}, {"send", "pause"}), ("approved", {"send", "schedule"}, {"approve", "resume"}),
    ("sending", {"pause", "cancel"}, {"send", "approve"}), ("paused", {"resume"}, {"pause"}),
    ("cancelled", set(), {"test-send", "cancel"}),
])
def test_each_state_allows_its_actions_only(status, allowed, refused) -> None:
    assert allowed <= set(rules.actions(status)) and not refused & set(rules.actions(status))


def test_only_a_bulletin_being_sent_refreshes() -> None:
    assert rules.refreshes("sending") and not rules.refreshes("sent") and not rules.refreshes("paused")


def test_a_schedule_is_in_uk_time() -> None:
    london = ZoneInfo("Europe/London")
    assert rules.send_at("2027-01-10T09:00", london) == "2027-01-10T09:00:00+00:00"
    assert rules.send_at("2027-07-10T09:00", london) == "2027-07-10T09:00:00+01:00"
    assert rules.send_at("tomorrow", london) is None


def test_test_addresses_must_all_look_like_addresses() -> None:
    assert rules.email_addresses("a@example.org,\nb@example.org") == ["a@example.org", "b@example.org"]
    assert rules.email_addresses("a@example.org, nope") == []


def test_a_suppression_form() -> None:
    assert directory.SuppressionForm("a@example.org", "manual").errors() == {}
    assert set(directory.SuppressionForm("a", "why", "x" * 1001).errors()) == {"address", "reason", "note"}


def test_an_election_period_ends_after_it_starts() -> None:
    period = directory.PeriodForm("pcc", "E05000001, E05000002", "2028-03-27", "2028-05-04")
    assert period.errors() == {} and period.body()["areas"] == ["E05000001", "E05000002"]
    assert set(directory.PeriodForm("mayor", "bad area!", "2028-05-04", "2028-03-01").errors()) == {
        "kind", "areas", "poll_date"}


def test_a_release_says_why_and_which() -> None:
    assert directory.release_body({"reason": "over", "bulletin_id": "b"}) == ({"reason": "over",
                                                                              "bulletin_id": "b"}, {})
    assert directory.release_body({"reason": ""})[1] == {"reason": "Say why the held messages may go now"}
