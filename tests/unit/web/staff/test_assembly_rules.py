"""The staff assembly pages' pure rules: forms read into the scheduling service's bodies, and a run's chances
gathered into groups."""

from __future__ import annotations

from peel.web.domain.staff import assemblies, assembly_work
from tests.unit.web.staff.assembly_fixtures import PEOPLE, QUOTAS, REGISTRANTS, SET_UP


def test_a_set_up_form_becomes_the_services_body() -> None:
    read = assemblies.read_set_up(SET_UP)
    assert read.errors == {}
    assert read.body["title"] == {"en": "Safer nights", "cy": "Nosweithiau mwy diogel"}
    assert read.body["remit"]["cy"] is None and read.body["areas"] == ["crewe", "chester"]
    assert read.body["quotas"] == [{"feature": "Sex", "value": "Female", "min": 3, "max": 4},
                                   {"feature": "Sex", "value": "Male", "min": 3, "max": 4}]
    assert read.body["registration_closes_at"] == "2027-03-01T23:59:00+00:00"
    assert read.body["honorarium_per_meeting_pence"] == 5000


def test_registration_closes_at_the_end_of_the_day_in_uk_summer_time() -> None:
    read = assemblies.read_set_up(SET_UP | {"registration_closes_on": "2027-07-01", "honorarium": ""})
    assert read.body["registration_closes_at"] == "2027-07-01T23:59:00+01:00"
    assert read.body["honorarium_per_meeting_pence"] == 0


def test_each_unreadable_set_up_field_is_named() -> None:
    read = assemblies.read_set_up({"quotas": "Sex, Female, 4, 3", "areas": "Crewe Town", "honorarium": "£5.999"})
    assert set(read.errors) == {"title_en", "remit_en", "areas", "panel_size", "quotas", "registration_closes_on",
                                "replacement_deadline", "honorarium"}


def test_a_quota_needs_four_parts_and_its_minimum_at_most_its_maximum() -> None:
    assert "quotas" in assemblies.read_set_up(SET_UP | {"quotas": "Sex, Female, 3"}).errors
    assert "quotas" in assemblies.read_set_up(SET_UP | {"quotas": ""}).errors
    assert "quotas" not in assemblies.read_set_up(SET_UP | {"quotas": "\nAge, 40+, 0, 5\n\n"}).errors


def test_counts_and_seeds_the_service_takes() -> None:
    assert [assemblies.read_count(text) for text in ("1", "20000", "0", "20001", "x", "")] == [
        1, 20000, None, None, None, None]
    assert assemblies.read_seed("") == (None, True) and assemblies.read_seed("42") == (42, True)
    assert assemblies.read_seed("-1") == (None, False) and assemblies.read_seed(str(2**31)) == (None, False)


def test_chances_are_grouped_by_answers_when_the_registrants_are_known() -> None:
    chances = dict(zip(PEOPLE, (0.75, 0.5, 0.25, 0.5), strict=True))
    groups = assemblies.chance_groups(chances, REGISTRANTS)
    assert [(g.label, g.people, g.chance) for g in groups] == [("Age: 16-39, Sex: Female", 2, 0.5),
                                                              ("Age: 40+, Sex: Male", 2, 0.5)]


def test_without_the_registrants_chances_are_grouped_by_the_chance_alone() -> None:
    groups = assemblies.chance_groups(dict(zip(PEOPLE, (0.75, 0.5, 0.75, 0.5), strict=True)))
    assert [(g.label, g.people) for g in groups] == [("75.0%", 2), ("50.0%", 2)]
    assert assemblies.chance_groups({}) == []


def test_the_panel_is_counted_against_the_quotas_from_the_members_answers() -> None:
    rows = assemblies.panel_against_quotas(QUOTAS, REGISTRANTS[:3], None)
    assert [(row["value"], row["panel"]) for row in rows] == [("Female", 2), ("Male", 1)]
    assert [row["panel"] for row in assemblies.panel_against_quotas(QUOTAS, None, None)] == [None, None]


def test_only_runs_queued_or_running_are_under_way() -> None:
    assert [assemblies.under_way({"status": s}) for s in ("queued", "running", "done", "failed")] == [
        True, True, False, False]


def test_a_meeting_is_read_in_uk_time_with_its_end_after_its_start() -> None:
    read = assembly_work.read_meeting({"title": "Workshop", "format": "online", "day": "2027-01-10",
                                       "starts": "9:00", "ends": "12:30", "venue_id": "v"}, ["v"])
    assert read.body["starts_at"] == "2027-01-10T09:00:00+00:00" and read.body["ends_at"].startswith("2027-01-10T12:30")
    assert "venue_id" not in read.body  # a meeting online is at no venue
    wrong = assembly_work.read_meeting({"title": "W", "format": "hybrid", "day": "2027-01-10", "starts": "25:00",
                                        "ends": "09:00"}, [])
    assert set(wrong.errors) == {"format", "starts"}
    backwards = assembly_work.read_meeting({"title": "W", "format": "online", "day": "2027-01-10", "starts": "10.00",
                                            "ends": "09:59", "venue_id": "elsewhere"}, ["v"])
    assert set(backwards.errors) == {"ends"}
    in_person = {"title": "W", "format": "in_person", "day": "2027-01-10", "starts": "10:00", "ends": "11:00"}
    assert set(assembly_work.read_meeting(in_person | {"venue_id": "elsewhere"}, ["v"]).errors) == {"venue_id"}
    assert assembly_work.read_meeting(in_person | {"venue_id": "v"}, ["v"]).body["venue_id"] == "v"


def test_an_expense_needs_a_member_a_meeting_a_kind_and_an_amount_up_to_a_thousand_pounds() -> None:
    good = assembly_work.read_expense({"member_id": "m", "meeting_id": "g", "category": "care", "amount": "£12.5"},
                                      ["m"], ["g"])
    assert good.errors == {} and good.body["amount_pence"] == 1250
    assert set(assembly_work.read_expense({"amount": "1000.01"}, [], []).errors) == {
        "member_id", "meeting_id", "category", "amount"}


def test_a_response_to_accept_needs_a_date_and_one_not_accepted_does_not() -> None:
    assert "due" in assembly_work.read_response({"decision": "accepted_in_part", "reasons": "r"}).errors
    refused = assembly_work.read_response({"decision": "not_accepted", "reasons": "too costly"})
    assert refused.errors == {} and refused.body["due"] is None


def test_a_recommendations_support_is_a_percentage() -> None:
    assert assembly_work.read_recommendation({"text_en": "t", "support": "65%"}).body["support_share"] == 0.65
    assert "support" in assembly_work.read_recommendation({"text_en": "t", "support": "0.65"}).errors


def test_attendance_is_only_of_the_panel() -> None:
    assert assembly_work.attended_ids(["a", "a", "b"], ["a", "b"]) == ["a", "b"]
    assert assembly_work.attended_ids(["c"], ["a", "b"]) is None


def test_access_needs_are_only_those_listed() -> None:
    assert assembly_work.read_access_needs(["travel", "travel"], "").body == {"needs": ["travel"], "details": ""}
    assert "needs" in assembly_work.read_access_needs(["jetpack"], "").errors
    assert "details" in assembly_work.read_access_needs([], "x" * 2001).errors
