"""What a page's address says: its language, and whether an office is named in it.

Pages lead with the language and then the office (``/cy/cheshire/privacy``), except those emails link to
(``/{lang}/bookings/...``, ``/{lang}/waitlist/...``, ``/{lang}/assemblies/{a}/registrations/...``), which
learn their office from the service."""

from __future__ import annotations

from peel.web.domain.language import LANGUAGES

LINK_PAGE_WORDS = frozenset({"bookings", "waitlist", "assemblies"})  # never an office's name in a path
# Pages emails link to with the office in their path: /<lang>/<office>/unsubscribe/<token> ...
OFFICE_LINK_PAGE_WORDS = frozenset({"unsubscribe", "preferences", "acknowledge", "council-details"})


def language_of(path: str) -> str | None:
    """The language a page's path leads with (``/en/...``, ``/cy``), if any."""
    first = path.split("/", 2)[1] if path.startswith("/") and len(path) > 1 else ""
    return first if first in LANGUAGES else None


def is_link_page(path: str) -> bool:
    """A page an email links to: no office in its path, or (the notifications' pages) its office already there."""
    rest = path.split("/", 2)[2] if path.count("/") >= 2 else ""
    if rest.startswith(("bookings/", "waitlist/")) or (rest.startswith("assemblies/") and "/registrations/" in rest):
        return True
    parts = rest.split("/")
    return len(parts) > 2 and parts[1] in OFFICE_LINK_PAGE_WORDS


def office_in(path: str) -> str | None:
    """The office a page's path names: its second part, unless that is a word of the pages emails link to."""
    parts = path.split("/")
    return parts[2] if language_of(path) and len(parts) > 2 and parts[2] not in LINK_PAGE_WORDS else None
