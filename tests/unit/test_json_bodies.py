"""A body read straight into its model answers as FastAPI's own would: 422 under ``body``, never a 500."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI, Request
from pydantic import BaseModel, Field

from peel.common.http.bodies import documented_body, json_body


class Inner(BaseModel):
    flag: bool


class Thing(BaseModel):
    name: str = Field(min_length=1)
    inner: Inner


def app() -> FastAPI:
    made = FastAPI()

    @made.post("/native")
    async def native(body: Thing) -> dict:
        return body.model_dump()

    @made.post("/direct", openapi_extra=documented_body(Thing))
    async def direct(request: Request) -> dict:
        return (await json_body(request, Thing)).model_dump()

    return made


async def post(path: str, content: bytes) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app()), base_url="http://test") as client:
        return await client.post(path, content=content, headers={"content-type": "application/json"})


async def test_a_good_body_and_a_bad_one_answer_as_fastapis_own():
    good = b'{"name": "x", "inner": {"flag": true}}'
    assert (await post("/direct", good)).json() == (await post("/native", good)).json() == {
        "name": "x", "inner": {"flag": True}}
    bad = b'{"name": "", "inner": {"flag": "perhaps"}, "extra": 1}'
    direct, native = await post("/direct", bad), await post("/native", bad)
    assert direct.status_code == native.status_code == 422
    locations = [error["loc"] for error in direct.json()["detail"]]
    assert locations == [error["loc"] for error in native.json()["detail"]] == [["body", "name"],
                                                                               ["body", "inner", "flag"]]


async def test_what_is_not_json_is_a_422_under_body():
    for content in (b"", b"{not json", b"[1, 2]"):
        answer = await post("/direct", content)
        assert answer.status_code == 422 and answer.json()["detail"][0]["loc"][0] == "body"


def test_the_body_is_documented_with_references_to_shared_models():
    schema = app().openapi()["paths"]["/direct"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert schema["properties"]["inner"] == {"$ref": "#/components/schemas/Inner"} and "$defs" not in schema


@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "text/plain", "application/jsonx",
                                          "application/merge-patch+json", "application/json; charset=utf-8", None])
@pytest.mark.parametrize("content", [b'{"name": "x", "inner": {"flag": true}}', b""])
async def test_a_body_answers_as_fastapis_own_whatever_its_content_type(content_type: str | None, content: bytes):
    headers = {"content-type": content_type} if content_type else {}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app()), base_url="http://test") as client:
        direct, native = [await client.post(path, content=content, headers=headers) for path in ("/direct", "/native")]
    assert direct.status_code == native.status_code
    assert compared(direct) == compared(native)


def compared(response: httpx.Response) -> object:
    """A response's body, or for a refusal each error's type, location and message (FastAPI adds the input)."""
    if response.is_success:
        return response.json()
    return [(error["type"], error["loc"], error["msg"]) for error in response.json()["detail"]]
