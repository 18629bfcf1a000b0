"""Fields the scheduling API's bodies share: lines of text, policing areas, local times, phone numbers."""

from __future__ import annotations

from datetime import time
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Area = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\+?[0-9][0-9 ()-]{8,18}[0-9]$")]


def _without_offset(moment: time) -> time:
    if moment.tzinfo is not None:
        raise ValueError("give the local time in England and Wales, without an offset")
    return moment


LocalTime = Annotated[time, AfterValidator(_without_offset)]
