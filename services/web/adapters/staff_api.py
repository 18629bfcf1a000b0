"""A service's API as a member of staff calls it: the same kept-alive connections as the resident pages, each call
carrying the user's own token."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from peel.web.adapters.service_api import HttpServiceApi
from peel.web.service_layer.ports import Json


class HttpStaffApi:
    def __init__(self, api: HttpServiceApi) -> None:
        self._api = api

    async def get(self, path: str, *, token: str, source: str, params: Mapping[str, Any] | None = None) -> Any:
        return (await self._api.request("GET", path, resident=source, headers=_bearer(token), params=params)).json()

    async def get_bytes(self, path: str, *, token: str, source: str,
                        params: Mapping[str, Any] | None = None) -> bytes:
        answer = await self._api.request("GET", path, resident=source, headers=_bearer(token), params=params)
        return answer.content

    async def send(self, method: str, path: str, *, token: str, source: str, json: Any = None) -> Json:
        answer = await self._api.request(method, path, resident=source, headers=_bearer(token), json=json)
        return answer.json() if answer.content else {}


    async def send_text(self, method: str, path: str, *, token: str, source: str, text: str,
                        content_type: str) -> Json:
        headers = {**_bearer(token), "Content-Type": content_type}
        answer = await self._api.request(method, path, resident=source, headers=headers, text=text)
        return answer.json() if answer.content else {}


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
