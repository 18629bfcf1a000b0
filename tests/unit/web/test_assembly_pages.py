"""Citizens' assemblies: the assembly's page, registering from an invitation letter, the published selection and
recommendations, and the pages registrants' links open (withdraw, take or decline a place)."""

from __future__ import annotations

import pytest

from peel.scheduling.assemblies.domain.registration import REGISTRATION_PAGES
from peel.web.domain.tenants import TenantDisplay
from peel.web.service_layer.ports import InvalidAnswers, NotFoundThere, Refused, WebPorts
from tests.support.web_pages import IN_BOTH_LANGUAGES, PageClient, headed

ASSEMBLY_ID = "3f2c7a10-5b1d-4e8f-9a6b-0c1d2e3f4a5b"
REGISTRANT_ID = "9e8d7c6b-5a49-4382-b1a0-f1e2d3c4b5a6"
TOKEN = "signed-token-for-this-registrant-123"
BASE = "/{lang}/{tenant}/assemblies/{assembly_id}"
LINK = "/{lang}/assemblies/{assembly_id}/registrations/{registrant_id}/{action}"
COVERS = {
    ("GET", BASE), ("GET", BASE + "/register/{step}"), ("POST", BASE + "/register/{step}"),
    ("GET", BASE + "/register/check"), ("POST", BASE + "/register/check"), ("GET", BASE + "/register/done"),
    ("GET", BASE + "/selection"), ("GET", BASE + "/recommendations"), ("GET", BASE + "/registration/{outcome}"),
    ("GET", LINK), ("POST", LINK),
}
API = f"/v1/public/assemblies/{ASSEMBLY_ID}"
REGISTER = API + "/registrations"
QUESTIONS = {"Age": ["16-39", "40+"], "Sex": ["Female", "Male"]}
ANSWERS = {"code": "abcd 2345", "feature-1": "40+", "feature-2": "Female", "address_line": "1 High Street",
           "postcode": "cw1 2ab", "name": "Ada Jones", "email": "ada@example.org", "phone": ""}


def form(**changes: object) -> dict:
    return {"assembly_id": ASSEMBLY_ID, "tenant": "cheshire",
            "title": {"en": "Cheshire Assembly on Safer Streets", "cy": "Cynulliad Swydd Gaer ar Strydoedd Diogelach"},
            "remit": {"en": "How should we make streets safer at night?", "cy": None},
            "registration_closes_at": "2027-03-01T17:00:00Z", "registration_open": True, "questions": QUESTIONS,
            "form_token": "1765100000.abc.signed", **changes}


def assembly_api(ports: WebPorts, **changes: object) -> None:
    ports.scheduling.on("GET", API + "/registration-form", form(**changes))


async def register_all(pages: PageClient, lang: str, answers: dict | None = None) -> None:
    answers = {**ANSWERS, **(answers or {})}
    base = f"/{lang}/cheshire/assemblies/{ASSEMBLY_ID}/register"
    await pages.get(base + "/code")
    for step, names in [("code", ["code"]), ("questions", ["feature-1", "feature-2"]),
                        ("address", ["address_line", "postcode"]), ("contact", ["name", "email", "phone"])]:
        await pages.post(f"{base}/{step}", {name: answers[name] for name in names})


@headed("Cheshire Assembly on Safer Streets", "Cynulliad Swydd Gaer ar Strydoedd Diogelach")
async def test_the_assemblys_page_invites_registration(pages: PageClient, ports: WebPorts, lang: str,
                                                       heading: str) -> None:
    assembly_api(ports)
    page = await pages.get(f"/{lang}/cheshire/assemblies/{ASSEMBLY_ID}")
    assert (page.status, page.lang, page.h1) == (200, lang, heading)
    assert page.soup.find("a", href=f"/{lang}/cheshire/assemblies/{ASSEMBLY_ID}/register/code")
    remit = page.soup.find(string="How should we make streets safer at night?")
    assert remit.parent.get("lang") == ("en" if lang == "cy" else None)


@pytest.mark.parametrize("path", ["", "/register/code", "/register/check", "/register/done", "/selection",
                                  "/recommendations", "/registration/withdrawn"])
async def test_another_offices_assembly_is_not_found(pages: PageClient, ports: WebPorts, path: str) -> None:
    assembly_api(ports, tenant="gwent")
    ports.scheduling.on("GET", API + "/selection", {"selected": []})
    ports.scheduling.on("GET", API + "/recommendations", [])
    page = await pages.get(f"/en/cheshire/assemblies/{ASSEMBLY_ID}{path}")
    assert page.status == 404


@pytest.mark.parametrize(("lang", "step", "heading"), [
    ("en", "code", "What is your invitation code?"), ("cy", "code", "Beth yw eich cod gwahoddiad?"),
    ("en", "questions", "About you"), ("cy", "questions", "Amdanoch chi"),
    ("en", "address", "What is your home address?"), ("cy", "address", "Beth yw eich cyfeiriad cartref?"),
    ("en", "contact", "How can we contact you?"), ("cy", "contact", "Sut gallwn ni gysylltu â chi?"),
])
async def test_each_registration_page_and_its_errors(pages: PageClient, ports: WebPorts, lang: str, step: str,
                                                     heading: str) -> None:
    assembly_api(ports)
    path = f"/{lang}/cheshire/assemblies/{ASSEMBLY_ID}/register/{step}"
    page = await pages.get(path)
    assert (page.status, page.lang, page.h1) == (200, lang, heading)
    assert page.csrf()
    wrong = await pages.post(path, {})
    assert wrong.status == 422
    assert wrong.title.startswith("Error: " if lang == "en" else "Gwall: ")
    expected = {"code": ["#code"], "questions": ["#feature-1", "#feature-2"], "address": ["#address_line", "#postcode"],
                "contact": ["#name", "#email"]}[step]
    assert list(wrong.error_links()) == expected
    for href in expected:
        assert wrong.soup.find(id=href[1:]), href
    assert wrong.field_messages() == list(wrong.error_links().values())


async def test_an_unknown_registration_step_is_not_found(pages: PageClient, ports: WebPorts) -> None:
    assembly_api(ports)
    assert (await pages.get(f"/en/cheshire/assemblies/{ASSEMBLY_ID}/register/favourite-colour")).status == 404


async def test_the_quota_answers_are_the_offices_own_words(pages: PageClient, ports: WebPorts) -> None:
    assembly_api(ports)
    page = await pages.get(f"/cy/cheshire/assemblies/{ASSEMBLY_ID}/register/questions")
    assert [radio["value"] for radio in page.soup.find_all("input", {"name": "feature-1"})] == ["16-39", "40+"]
    assert page.soup.find(string="Female").parent.get("lang") == "en"


@IN_BOTH_LANGUAGES
async def test_register_check_change_and_done(pages: PageClient, ports: WebPorts, lang: str) -> None:
    assembly_api(ports)
    ports.scheduling.on("POST", REGISTER, {"registrant_id": REGISTRANT_ID, "status": "registered",
                                           "withdrawal_token": TOKEN})
    await register_all(pages, lang)
    base = f"/{lang}/cheshire/assemblies/{ASSEMBLY_ID}/register"
    check = await pages.get(base + "/check")
    assert (check.status, check.lang) == (200, lang)
    assert check.h1 == ("Check your answers before registering" if lang == "en" else
                        "Gwiriwch eich atebion cyn cofrestru")
    assert "CW1 2AB" in check.text() and "ABCD2345" in check.text()
    changes = {link["href"] for link in check.soup.select(".govuk-summary-list__actions a")}
    assert changes == {f"{base}/{step}" for step in ("code", "questions", "address", "contact")}
    assert check.soup.select_one("#answers br")
    changed = await pages.post(base + "/address", {"address_line": "2 High Street", "postcode": "CW1 2AB"},
                               follow_redirects=False)
    assert changed.response.headers["location"] == base + "/check"
    sent = await pages.post(base + "/check", {}, follow_redirects=False)
    assert sent.response.headers["location"] == base + "/done"
    done = await pages.get(base + "/done")
    assert ports.scheduling.posted(REGISTER) == [{
        "invitation_code": "ABCD2345", "name": "Ada Jones", "email": "ada@example.org", "phone": None,
        "address_line": "2 High Street", "postcode": "CW1 2AB", "features": {"Age": "40+", "Sex": "Female"},
        "form_token": "1765100000.abc.signed", "website": ""}]
    assert (done.status, done.lang) == (200, lang)
    assert done.h1 == ("You have registered" if lang == "en" else "Rydych wedi cofrestru")
    withdraw = f"/{lang}/assemblies/{ASSEMBLY_ID}/registrations/{REGISTRANT_ID}/withdraw?token={TOKEN}"
    assert done.soup.find("a", href=withdraw)
    twice = await pages.post(base + "/check", {}, follow_redirects=False)
    assert twice.response.headers["location"] == base + "/done" and len(ports.scheduling.posted(REGISTER)) == 1


async def test_the_honeypot_is_passed_on_for_the_service_to_judge(pages: PageClient, ports: WebPorts) -> None:
    assembly_api(ports)
    ports.scheduling.on("POST", REGISTER, InvalidAnswers({"website": "must be left empty"}))
    await register_all(pages, "en")
    await pages.post(f"/en/cheshire/assemblies/{ASSEMBLY_ID}/register/contact",
                     {"name": "Bot", "email": "bot@example.org", "website": "http://spam.example"})
    page = await pages.post(f"/en/cheshire/assemblies/{ASSEMBLY_ID}/register/check", {})
    assert ports.scheduling.posted(REGISTER)[0]["website"] == "http://spam.example"
    assert page.status_and_links() == (422, ["#answers"])


async def test_a_refused_form_token_is_replaced_so_sending_again_can_succeed(pages: PageClient,
                                                                            ports: WebPorts) -> None:
    assembly_api(ports)
    ports.scheduling.on("POST", REGISTER, InvalidAnswers({"form_token": "the form has expired; please reload it"}))
    await register_all(pages, "en")
    assembly_api(ports, form_token="1765200000.def.signed")
    refused = await pages.post(f"/en/cheshire/assemblies/{ASSEMBLY_ID}/register/check", {})
    assert refused.status == 422
    await pages.post(f"/en/cheshire/assemblies/{ASSEMBLY_ID}/register/check", {})
    assert [body["form_token"] for body in ports.scheduling.posted(REGISTER)] == [
        "1765100000.abc.signed", "1765200000.def.signed"]


async def test_an_unknown_invitation_code_leads_back_to_the_code_page(pages: PageClient, ports: WebPorts) -> None:
    assembly_api(ports)
    ports.scheduling.on("POST", REGISTER, InvalidAnswers({"invitation_code": "is not a code from an invitation"}))
    await register_all(pages, "cy")
    page = await pages.post(f"/cy/cheshire/assemblies/{ASSEMBLY_ID}/register/check", {})
    assert page.status_and_links() == (422, [f"/cy/cheshire/assemblies/{ASSEMBLY_ID}/register/code"])


async def test_one_registration_per_person(pages: PageClient, ports: WebPorts) -> None:
    assembly_api(ports)
    ports.scheduling.on("POST", REGISTER, Refused(409, "already registered"))
    await register_all(pages, "en")
    page = await pages.post(f"/en/cheshire/assemblies/{ASSEMBLY_ID}/register/check", {})
    assert page.status_and_links() == (409, [f"/en/cheshire/assemblies/{ASSEMBLY_ID}/register/contact"])


async def test_registration_closed_on_the_way(pages: PageClient, ports: WebPorts) -> None:
    assembly_api(ports)
    await register_all(pages, "en")

    def closes(_body: object, _headers: object) -> Refused:
        assembly_api(ports, registration_open=False)
        return Refused(409, "registration for this assembly is closed")

    ports.scheduling.on("POST", REGISTER, closes)
    page = await pages.post(f"/en/cheshire/assemblies/{ASSEMBLY_ID}/register/check", {})
    assert (page.status, page.h1) == (409, "Registration has closed")
    assert (await pages.get(f"/en/cheshire/assemblies/{ASSEMBLY_ID}/register/code")).status == 409


async def test_the_check_and_done_pages_wait_for_the_answers(pages: PageClient, ports: WebPorts) -> None:
    assembly_api(ports)
    base = f"/en/cheshire/assemblies/{ASSEMBLY_ID}"
    check = await pages.get(base + "/register/check", follow_redirects=False)
    assert check.response.headers["location"] == base + "/register/code"
    done = await pages.get(base + "/register/done", follow_redirects=False)
    assert done.response.headers["location"] == base


@headed("How the members were chosen", "Sut y dewiswyd yr aelodau")
async def test_the_published_selection(pages: PageClient, ports: WebPorts, lang: str, heading: str) -> None:
    assembly_api(ports)
    ports.scheduling.on("GET", API + "/selection", {
        "tenant": "cheshire", "algorithm": "leximin", "seed": 7, "kind": "selection",
        "summary": {"pool_size": 36, "min": 0.12, "max": 0.31}, "selected": ["a", "b", "c"], "distribution": {}})
    page = await pages.get(f"/{lang}/cheshire/assemblies/{ASSEMBLY_ID}/selection")
    assert (page.status, page.lang, page.h1) == (200, lang, heading)
    assert "leximin" in page.text() and "12%" in page.text() and "31%" in page.text()


async def test_before_the_selection_the_page_says_so(pages: PageClient, ports: WebPorts) -> None:
    assembly_api(ports)
    ports.scheduling.on("GET", API + "/selection", NotFoundThere("no selection has been made yet"))
    page = await pages.get(f"/en/cheshire/assemblies/{ASSEMBLY_ID}/selection")
    assert page.status == 200 and "have not been chosen yet" in page.text()


@pytest.mark.parametrize(("lang", "heading", "state"), [("en", "Recommendations and responses", "Accepted in part"),
                                                        ("cy", "Argymhellion ac ymatebion", "Derbyniwyd yn rhannol")])
async def test_the_recommendations_and_the_offices_responses(pages: PageClient, ports: WebPorts, lang: str,
                                                             heading: str, state: str) -> None:
    assembly_api(ports)
    ports.scheduling.on("GET", API + "/recommendations", [{
        "id": "r1", "number": 1, "text_en": "Light the underpasses", "text_cy": "Goleuo'r tanffyrdd",
        "support_share": 0.85, "made_at": "2027-05-01T12:00:00Z", "state": "accepted_in_part",
        "decision": "accepted_in_part", "reasons": "Two of the three underpasses", "due": "2027-12-31",
        "responded_at": "2027-06-01T12:00:00Z", "progress": [{"at": "2027-08-01T12:00:00Z", "note": "One lit",
                                                             "done": False}]}])
    page = await pages.get(f"/{lang}/cheshire/assemblies/{ASSEMBLY_ID}/recommendations")
    assert (page.status, page.lang, page.h1) == (200, lang, heading)
    assert state in page.text() and "85%" in page.text() and "Two of the three underpasses" in page.text()
    assert ("Light the underpasses" if lang == "en" else "Goleuo'r tanffyrdd") in page.text()


@pytest.mark.parametrize(("lang", "outcome", "heading"), [
    ("en", "withdrawn", "You have withdrawn"), ("cy", "withdrawn", "Rydych wedi tynnu'n ôl"),
    ("en", "place-taken", "You have taken your place"), ("cy", "place-declined", "Rydych wedi gwrthod eich lle"),
])
async def test_after_following_a_link(pages: PageClient, ports: WebPorts, lang: str, outcome: str,
                                      heading: str) -> None:
    assembly_api(ports)
    page = await pages.get(f"/{lang}/cheshire/assemblies/{ASSEMBLY_ID}/registration/{outcome}")
    assert (page.status, page.lang, page.h1) == (200, lang, heading)
    assert (await pages.get(f"/{lang}/cheshire/assemblies/{ASSEMBLY_ID}/registration/elected")).status == 404


@pytest.mark.parametrize(("lang", "action", "heading", "posted", "outcome"), [
    ("en", "withdraw", "Withdraw your registration", ("withdraw", {"token": TOKEN}), "withdrawn"),
    ("cy", "withdraw", "Tynnu eich cofrestriad yn ôl", ("withdraw", {"token": TOKEN}), "withdrawn"),
    ("en", "take-place", "Take your place on the assembly", ("reply", {"token": TOKEN, "confirmed": True}),
     "place-taken"),
    ("cy", "take-place", "Cymryd eich lle ar y cynulliad", ("reply", {"token": TOKEN, "confirmed": True}),
     "place-taken"),
    ("en", "decline-place", "Decline your place on the assembly", ("reply", {"token": TOKEN, "confirmed": False}),
     "place-declined"),
    ("cy", "decline-place", "Gwrthod eich lle ar y cynulliad", ("reply", {"token": TOKEN, "confirmed": False}),
     "place-declined"),
])
async def test_the_pages_registrants_links_open(pages: PageClient, ports: WebPorts, lang: str, action: str,
                                                heading: str, posted: tuple, outcome: str) -> None:
    ports.tenants.displays["cheshire"] = TenantDisplay(name={"en": "Cheshire PCC", "cy": "CHTh Swydd Gaer"},
                                                       head_title={"en": "Commissioner", "cy": "Comisiynydd"})
    assembly_api(ports)
    api_path = f"{API}/registrations/{REGISTRANT_ID}/{posted[0]}"
    ports.scheduling.on("POST", api_path, {})
    path = f"/{lang}/assemblies/{ASSEMBLY_ID}/registrations/{REGISTRANT_ID}/{action}"
    page = await pages.get(f"{path}?token={TOKEN}")
    assert (page.status, page.lang, page.h1) == (200, lang, heading)
    assert page.csrf() and page.soup.find("input", {"name": "token"})["value"] == TOKEN
    assert ("Cheshire PCC" if lang == "en" else "CHTh Swydd Gaer") in page.title
    done = await pages.post(path, {"token": TOKEN}, follow_redirects=False)
    assert done.response.headers["location"] == f"/{lang}/cheshire/assemblies/{ASSEMBLY_ID}/registration/{outcome}"
    assert ports.scheduling.posted(api_path) == [posted[1]]


async def test_a_links_page_keeps_its_token_in_the_other_language(pages: PageClient, ports: WebPorts) -> None:
    assembly_api(ports)
    path = f"/{{}}/assemblies/{ASSEMBLY_ID}/registrations/{REGISTRANT_ID}/withdraw"
    await pages.get(path.format("en") + f"?token={TOKEN}")
    welsh = await pages.get(path.format("cy"))
    assert welsh.status == 200 and welsh.soup.find("input", {"name": "token"})["value"] == TOKEN


async def test_a_link_without_its_token_or_with_a_wrong_one_is_not_found(pages: PageClient, ports: WebPorts) -> None:
    assembly_api(ports)
    path = f"/cy/assemblies/{ASSEMBLY_ID}/registrations/{REGISTRANT_ID}/withdraw"
    assert (await pages.get(path)).status == 404
    ports.scheduling.on("POST", f"{API}/registrations/{REGISTRANT_ID}/withdraw", NotFoundThere("no registration"))
    await pages.get(f"{path}?token={TOKEN}")
    wrong = await pages.post(path, {"token": "not-the-token-at-all-000"})
    assert (wrong.status, wrong.lang) == (404, "cy")
    assert (await pages.get(f"/en/assemblies/{ASSEMBLY_ID}/registrations/{REGISTRANT_ID}/elect")).status == 404


async def test_a_reply_the_service_refuses_is_explained(pages: PageClient, ports: WebPorts) -> None:
    assembly_api(ports)
    ports.scheduling.on("POST", f"{API}/registrations/{REGISTRANT_ID}/reply", Refused(409, "already replied"))
    path = f"/en/assemblies/{ASSEMBLY_ID}/registrations/{REGISTRANT_ID}/take-place"
    await pages.get(f"{path}?token={TOKEN}")
    page = await pages.post(path, {"token": TOKEN})
    assert (page.status, page.h1) == (409, "This cannot be done")
    assert "You may already have replied" in page.text()


@pytest.mark.parametrize("name", sorted(REGISTRATION_PAGES))
async def test_every_page_the_assembly_emails_link_to_is_a_page_here(pages: PageClient, ports: WebPorts,
                                                                     name: str) -> None:
    assembly_api(ports)
    path = REGISTRATION_PAGES[name].format(lang="cy", assembly_id=ASSEMBLY_ID, registrant_id=REGISTRANT_ID)
    page = await pages.get(f"{path}?token={TOKEN}")
    assert (page.status, page.lang) == (200, "cy") and page.soup.find("input", {"name": "token"})


async def test_a_link_to_no_assembly_is_not_found_in_the_default_offices_colours(pages: PageClient) -> None:
    page = await pages.get(f"/cy/assemblies/{ASSEMBLY_ID}/registrations/{REGISTRANT_ID}/withdraw?token={TOKEN}")
    assert (page.status, page.lang, page.h1) == (404, "cy", "Heb ddod o hyd i'r dudalen")
    assert "Cheshire" in page.title
