"""Text PostgreSQL cannot store (NUL, unpaired surrogates) is refused with a 422 naming the field, wherever the
request carries it; everything else passes through untouched."""

from __future__ import annotations

import json

import httpx
import pytest
from fastapi import FastAPI, Request
from pydantic import BaseModel

from peel.common import unstorable_text
from peel.common.http.bodies import json_body
from peel.common.http.storable_text import RefuseUnstorableText
from peel.common.unstorable_text import in_body, in_csv, in_json, in_query, suspicious_body
from peel.consultation.bootstrap import create_app as consultation_app
from peel.consultation.settings import ConsultationSettings
from peel.notifications.bootstrap import create_app as notifications_app
from peel.reporting.bootstrap import create_app as reporting_app
from peel.scheduling.bootstrap import create_app as scheduling_app

MOST_BYTES = 4096
TOO_LARGE = {"detail": f"the request body is larger than {MOST_BYTES} bytes, the most this service accepts"}


class Answer(BaseModel):
    text: str


class Submission(BaseModel):
    answers: list[Answer]


def app() -> FastAPI:
    made = FastAPI()
    made.add_middleware(RefuseUnstorableText, max_request_bytes=MOST_BYTES)

    @made.post("/v1/things/{name}/answers")
    async def native(name: str, body: Submission, area: str = "") -> dict:
        return {"name": name, "area": area, **body.model_dump()}

    @made.post("/direct")
    async def direct(request: Request) -> dict:
        return (await json_body(request, Submission)).model_dump()

    @made.put("/csv")
    async def upload(request: Request) -> dict:
        return {"bytes": len(await request.body())}

    return made


async def send(method: str, path: str, content: bytes, content_type: str = "application/json",
               **headers: str) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app()), base_url="http://test") as client:
        return await client.request(method, path, content=content,
                                    headers={"content-type": content_type, **headers})


def locations(response: httpx.Response) -> list[list]:
    assert response.status_code == 422, response.text
    assert {error["type"] for error in response.json()["detail"]} == {"string_unstorable"}
    return [error["loc"] for error in response.json()["detail"]]


@pytest.mark.parametrize("escape", ["\\u0000", "\\ud800", "\\uDBFF", "\\udc00", "\\uDFFF", "\\ude00\\ud83d"])
async def test_a_nul_or_a_lone_surrogate_in_a_json_body_is_a_422_naming_the_field(escape: str):
    body = f'{{"answers": [{{"text": "fine"}}, {{"text": "bad {escape} text"}}]}}'.encode()
    for path in ("/v1/things/x/answers", "/direct"):
        assert locations(await send("POST", path, body)) == [["body", "answers", 1, "text"]]


@pytest.mark.parametrize("text", ["\\ud83d\\ude00", "\\uD83D\\uDE00", "\\\\u0000", "\\\\ud800", "caf\\u00e9",
                                  "\\ud7ff", "\\ue000", "%00"])
async def test_a_surrogate_pair_an_escaped_backslash_and_other_escapes_are_accepted(text: str):
    body = f'{{"answers": [{{"text": "{text}"}}]}}'.encode()
    for path in ("/v1/things/x/answers", "/direct"):
        answer = await send("POST", path, body)
        assert answer.status_code == 200, answer.text
        assert answer.json()["answers"] == json.loads(body)["answers"]


def test_nested_lists_and_objects_give_each_location_in_document_order():
    body = json.dumps({"title": {"en": "ok", "cy": "a\x00"}, "questions": [
        {"key": "q", "options": [{"text": {"en": "x"}}, {"text": {"en": "\ud800"}}]}],
        "tags": ["\x00", "fine", ["deep\udfff"]], "n": 3, "none": None}).encode()
    assert in_json(body) == [("body", "title", "cy"), ("body", "questions", 0, "options", 1, "text", "en"),
                             ("body", "tags", 0), ("body", "tags", 2, 0)]


def test_an_unstorable_key_is_named_with_its_bad_characters_shown_as_replacements():
    body = json.dumps({"answers": {"good": "x", "bad\x00key": "y", "\ud800": {"a": "\x00"}}}).encode()
    assert in_json(body) == [("body", "answers", "bad\ufffdkey"), ("body", "answers", "\ufffd")]


async def test_a_key_is_named_in_a_response_that_can_be_encoded():
    answer = await send("POST", "/v1/things/x/answers", b'{"answers": [{"text\\ud800": "x"}]}')
    assert locations(answer) == [["body", "answers", 0, "text\ufffd"]]


async def test_a_query_parameter_a_path_parameter_and_a_header_are_named():
    body = b'{"answers": []}'
    assert locations(await send("POST", "/v1/things/x/answers?area=north%00", body)) == [["query", "area"]]
    assert locations(await send("POST", "/v1/things/x%00y/answers", body)) == [["path", "name"]]
    fine = await send("POST", "/v1/things/x/answers?area=%2500", body)
    assert fine.status_code == 200 and fine.json()["area"] == "%00"
    sent = await raw_request([(b"idempotency-key", b"k\x00")])
    assert sent[0]["status"] == 422
    assert [error["loc"] for error in json.loads(sent[1]["body"])["detail"]] == [["header", "idempotency-key"]]


async def whole_body() -> dict:
    return {"type": "http.request", "body": b'{"answers": []}', "more_body": False}


async def raw_request(headers: list[tuple[bytes, bytes]], receive=whole_body) -> list[dict]:
    """A request straight through ASGI (a NUL in a header cannot go through an HTTP client): the messages sent."""
    sent: list[dict] = []

    async def send_message(message: dict) -> None:
        sent.append(message)

    application = app()
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/v1/things/x/answers", "raw_path": b"/v1/things/x/answers", "query_string": b"",
             "root_path": "", "headers": [(b"content-type", b"application/json"), *headers],
             "client": ("127.0.0.1", 1), "server": ("test", 80)}
    await application(scope, receive, send_message)
    return sent


async def test_a_form_and_a_csv_upload_name_the_field_and_the_cell():
    assert locations(await send("PUT", "/csv", b"name=ok&venue=Town%00Hall",
                                "application/x-www-form-urlencoded")) == [["body", "venue"]]
    csv_body = b"postcode_district,area_key,area_name\nCW1,cheshire_east,Cheshire\x00 East\nCW2,x\x00,y,z\x00\n"
    assert locations(await send("PUT", "/csv", csv_body, "text/csv; charset=utf-8")) == [
        ["body", "csv", 2, "area_name"], ["body", "csv", 3, "area_key"], ["body", "csv", 3]]
    assert in_csv(b"area\x00,count\n") == [("body", "csv", 1)]


async def test_a_body_of_another_kind_holding_a_nul_is_refused_as_a_whole():
    assert locations(await send("PUT", "/csv", b"\x00\x01binary", "application/octet-stream")) == [["body"]]
    assert (await send("PUT", "/csv", b"plain text", "text/plain")).status_code == 200


async def test_a_body_read_in_several_parts_reaches_the_route_whole():
    async def chunks():
        for part in (b'{"answers": [{"text": "one ', b'two"}]}'):
            yield part

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app()), base_url="http://test") as client:
        answer = await client.post("/direct", content=chunks(), headers={"content-type": "application/json"})
    assert answer.json() == {"answers": [{"text": "one two"}]}


@pytest.mark.parametrize("raw", [b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xed\xb0\x80\xed\xa0\xbd",
                                 b"\xed\xa0\xbd\xed\xb8\x80"])  # the last: a pair, each half encoded alone
async def test_a_lone_surrogate_sent_as_raw_utf8_bytes_is_a_422_naming_the_field(raw: bytes):
    body = b'{"answers": [{"text": "fine"}, {"text": "a' + raw + b'b"}]}'
    assert suspicious_body(body)
    for path in ("/v1/things/x/answers", "/direct"):
        assert locations(await send("POST", path, body)) == [["body", "answers", 1, "text"]]


@pytest.mark.parametrize("text", ["\ud7ff", "\ue000", "\U0001f600", "caf\u00e9 \u0175", "\ud55c\uad6d\uc5b4"])
async def test_text_in_raw_utf8_is_accepted_without_a_closer_look(text: str):
    body = json.dumps({"answers": [{"text": text}]}, ensure_ascii=False).encode()
    assert not suspicious_body(body)
    for path in ("/v1/things/x/answers", "/direct"):
        answer = await send("POST", path, body)
        assert answer.status_code == 200 and answer.json()["answers"] == [{"text": text}]


@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "text/csv", "text/plain",
                                          "application/octet-stream"])
async def test_json_sent_under_another_content_type_is_still_checked_as_json(content_type: str):
    body = b'{"answers": [{"text": "Ann\\u0000"}]}'
    assert locations(await send("PUT", "/csv", body, content_type)) == [["body", "answers", 0, "text"]]
    assert in_body(body, content_type) == [("body", "answers", 0, "text")]


def test_a_form_is_checked_both_as_a_form_and_as_json_when_it_parses_as_json():
    assert in_body(b'{"a": "\\u0000%00"}', "application/x-www-form-urlencoded") == [
        ("body", '{"a": "\\u0000\ufffd"}'), ("body", "a")]


def test_a_csv_the_csv_module_cannot_read_is_named_as_a_whole_when_it_holds_a_nul():
    assert in_csv(b"area,count\nhal\x00\rton,1\n") == [("body", "csv", 2, "area")]
    too_long = b'area\n"' + b"x" * 200_000 + b'"\n'
    assert in_csv(too_long + b"a\x00\n") == [("body", "csv")] and in_csv(too_long + b"%00\n") == []


async def test_a_csv_upload_the_csv_module_cannot_read_is_refused_not_failed():
    assert locations(await send("PUT", "/csv", b"area,count\nhal\x00\rton,1\n", "text/csv")) == [
        ["body", "csv", 2, "area"]]


async def test_a_body_up_to_the_limit_is_read_whole():
    answer = await send("PUT", "/csv", b"x" * MOST_BYTES, "application/octet-stream")
    assert answer.status_code == 200 and answer.json() == {"bytes": MOST_BYTES}


async def test_a_body_past_the_limit_is_a_413_and_the_rest_is_not_read():
    pulled = 0

    async def chunks():
        nonlocal pulled
        for _ in range(100):
            pulled += 1
            yield b"x" * 1024

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app()), base_url="http://test") as client:
        answer = await client.put("/csv", content=chunks(), headers={"content-type": "application/octet-stream"})
    assert answer.status_code == 413 and answer.json() == TOO_LARGE
    assert pulled == MOST_BYTES // 1024 + 1


async def test_a_declared_length_past_the_limit_is_a_413_before_anything_is_read():
    async def nothing_to_read() -> dict:
        raise AssertionError("the body was read")

    sent = await raw_request([(b"content-length", str(MOST_BYTES + 1).encode())], nothing_to_read)
    assert sent[0]["status"] == 413 and json.loads(sent[1]["body"]) == TOO_LARGE
    assert (await send("PUT", "/csv", b"x" * (MOST_BYTES + 1))).json() == TOO_LARGE


def test_the_limit_is_a_setting_of_every_service(monkeypatch):
    monkeypatch.delenv("PEEL_MAX_REQUEST_BYTES", raising=False)
    assert ConsultationSettings().max_request_bytes == 10 * 2**20
    monkeypatch.setenv("PEEL_MAX_REQUEST_BYTES", "2048")
    for create_app in (consultation_app, scheduling_app, notifications_app, reporting_app):
        assert [middleware.kwargs for middleware in create_app().user_middleware
                if middleware.cls is RefuseUnstorableText] == [{"max_request_bytes": 2048}]


def test_a_clean_body_costs_only_bytes_scans():
    assert not suspicious_body(b'{"answers": {"priority": "asb", "comments": "More patrols \\u00e9"}}')
    assert suspicious_body(b'{"a": "\\u0000"}') and suspicious_body(b'{"a": "\\uD800"}')
    assert suspicious_body(b"a=%00") and suspicious_body(b"a\x00")
    assert in_query(b"area=north&topic=") == [] and in_body(b"{not json", "application/json") == []


def test_the_checks_agree_on_what_postgresql_refuses():
    assert unstorable_text.unstorable("a\x00") and unstorable_text.unstorable("\udc80")
    assert not unstorable_text.unstorable("\U0001f600 café ŵ")


@pytest.mark.parametrize("create_app", [consultation_app, scheduling_app, notifications_app, reporting_app])
def test_every_service_refuses_unstorable_text(create_app):
    assert RefuseUnstorableText in [middleware.cls for middleware in create_app().user_middleware]
