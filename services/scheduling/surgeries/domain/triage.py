"""Questions a resident answers before booking, and where the answers send them.

An emergency cannot wait for a surgery and is refused with the advice to call 999. A complaint
about an officer goes to the force's professional standards route, and a victim of crime is
pointed to the victim services the Commissioner commissions; both may still book.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from peel.common.errors import FieldError, InvalidInput

EMERGENCY_ADVICE = (
    "This sounds like an emergency: call 999 now. A surgery cannot help in an emergency. "
    "If you are deaf or cannot speak, text 999 once registered with emergencySMS, or call 999 and press 55 "
    "when asked. For a non-emergency police matter call 101."
)


class Route(StrEnum):
    PROFESSIONAL_STANDARDS = "professional_standards"
    VICTIM_SERVICES = "victim_services"


class Wording(NamedTuple):
    """A text residents read, in English and in Welsh."""

    en: str
    cy: str


GUIDANCE = {
    Route.PROFESSIONAL_STANDARDS: Wording(
        "A complaint about a police officer or member of police staff is handled by the force's Professional "
        "Standards Department: you can make it to the force directly or through the Independent Office for Police "
        "Conduct (www.policeconduct.gov.uk). The Commissioner's office can review how a complaint was handled. "
        "You may still book a surgery.",
        "Adran Safonau Proffesiynol yr heddlu sy'n ymdrin â chwyn am swyddog heddlu neu aelod o staff yr heddlu: "
        "gallwch ei gwneud yn uniongyrchol i'r heddlu neu drwy Swyddfa Annibynnol Ymddygiad yr Heddlu "
        "(www.policeconduct.gov.uk). Gall swyddfa'r Comisiynydd adolygu sut yr ymdriniwyd â chwyn. "
        "Gallwch drefnu cymhorthfa o hyd.",
    ),
    Route.VICTIM_SERVICES: Wording(
        "As a victim of crime you can get free, confidential support from the victim services the Commissioner "
        "commissions, whether or not you reported the crime to the police: ask the Commissioner's office, or call "
        "Victim Support's free Supportline on 08 08 16 89 111.",
        "Fel dioddefwr trosedd gallwch gael cymorth am ddim a chyfrinachol gan y gwasanaethau i ddioddefwyr y mae'r "
        "Comisiynydd yn eu comisiynu, p'un a wnaethoch roi gwybod i'r heddlu am y drosedd ai peidio: gofynnwch i "
        "swyddfa'r Comisiynydd, neu ffoniwch Linell Gymorth am ddim Cymorth i Ddioddefwyr ar 08 08 16 89 111.",
    ),
}


@dataclass(frozen=True, slots=True)
class Triage:
    emergency: bool
    complaint_about_officer: bool
    victim_of_crime: bool

    def routes(self) -> tuple[Route, ...]:
        """The routes the answers lead to; an emergency is refused with the advice to call 999."""
        if self.emergency:
            raise InvalidInput([FieldError(("triage", "emergency"), EMERGENCY_ADVICE, "emergency_call_999")])
        wanted = ((Route.PROFESSIONAL_STANDARDS, self.complaint_about_officer),
                  (Route.VICTIM_SERVICES, self.victim_of_crime))
        return tuple(route for route, applies in wanted if applies)
