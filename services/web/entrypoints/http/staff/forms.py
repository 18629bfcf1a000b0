"""Staff forms are refused when forged: posted from another site, or without a token signed for this sign-in."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from itsdangerous import BadSignature
from starlette.datastructures import FormData

from peel.web.entrypoints.http.csrf import FIELD, MAX_AGE_SECONDS, ForgedForm, refuse_foreign_origin
from peel.web.entrypoints.http.staff.context import session_id_of, signer


async def staff_form(request: Request) -> FormData:
    """The posted form once its origin and token are proven: the dependency of every staff POST (after the page's)."""
    refuse_foreign_origin(request)
    form = await request.form()
    token, session_id = form.get(FIELD), session_id_of(request)
    if not isinstance(token, str) or not session_id:
        raise ForgedForm("the form has no token")
    try:
        signed_for = signer(request).loads(token, max_age=MAX_AGE_SECONDS)
    except BadSignature as error:
        raise ForgedForm("the form's token is not ours or has expired") from error
    if not hmac.compare_digest(str(signed_for), session_id):
        raise ForgedForm("the form's token belongs to another sign-in")
    return form


def fields(form: FormData) -> dict[str, str]:
    """The form's single-valued fields as text (the token left out)."""
    return {key: value.strip() for key, value in form.items() if isinstance(value, str) and key != FIELD}


Form = Annotated[FormData, Depends(staff_form)]
"""A staff POST route's form, proven not forged: declared after the route's ``staff`` page dependency."""
