"""The areas and population figures loaded from CSV files: the file read (UTF-8, with or without a byte order mark)
and sent whole as the service's text body; a file that cannot be sent refused naming the field ``file`` with nothing
sent; the service's mistakes listed by line and column; and only admins may upload or download the examples."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from peel.web.domain.staff.identity import StaffRole
from peel.web.service_layer.ports import InvalidAnswers
from tests.support.staff_pages import StaffPageClient
from tests.support.web_pages import Html

S = "/staff/settings"
COVERS = {("POST", f"{S}/areas"), ("POST", f"{S}/populations"), ("GET", f"{S}/areas/example.csv"),
          ("GET", f"{S}/populations/example.csv")}
AREAS = "postcode_district,area_key,area_name\nCW1,crewe,Crewe\nCW2,crewe,Crewe\n"
FIGURES = "area,dimension,category,count\ncrewe,sex,female,41000\n"


@pytest.fixture
def apis(staff: StaffPageClient) -> StaffPageClient:
    staff.staff.consultation.on("GET", "/v1/areas", [{"postcode_district": "CW1", "area_key": "crewe",
                                                      "area_name": "Crewe"}])
    staff.staff.consultation.on("PUT", "/v1/areas", {"postcode_districts": 2})
    staff.staff.reporting.on("GET", "/v1/populations", [])
    staff.staff.reporting.on("PUT", "/v1/populations", {"figures": 1})
    return staff


def csv_file(content: bytes | str, name: str = "upload.csv") -> dict[str, tuple[str, bytes, str]]:
    return {"file": (name, content.encode() if isinstance(content, str) else content, "text/csv")}


async def test_the_pages_show_the_columns_an_example_and_a_file_upload_form(apis) -> None:
    await apis.sign_in(StaffRole.ADMIN)
    page = await apis.get(f"{S}/populations")
    form = page.soup.find("form", {"enctype": "multipart/form-data"})
    assert form["action"] == f"{S}/populations" and form.find("input", {"type": "file", "name": "file"})
    assert form.find("input", {"name": "csrf_token"})
    assert [code.text for code in page.soup.select("main li code")] == ["area", "dimension", "category", "count"]
    example = await apis.get(f"{S}/populations/example.csv")
    assert example.status == 200 and example.response.headers["content-type"].startswith("text/csv")
    assert example.response.text.startswith("area,dimension,category,count\n")
    assert (await apis.get(f"{S}/areas/example.csv")).response.text.startswith("postcode_district,area_key,")


async def test_an_areas_file_is_sent_whole_and_the_page_says_so(apis) -> None:
    await apis.sign_in(StaffRole.ADMIN)
    page = await apis.post(f"{S}/areas", files=csv_file(AREAS))
    assert page.status == 303 and page.response.headers["location"] == f"{S}/areas?done=areas"
    assert apis.staff.consultation.sent("PUT", "/v1/areas") == [AREAS]
    shown = await apis.get(f"{S}/areas?done=areas")
    assert "The areas are loaded" in shown.text() and "Crewe" in shown.text()
    assert "The areas are loaded" not in (await apis.get(f"{S}/areas?done=populations")).text()


async def test_a_byte_order_mark_is_dropped_from_the_population_figures(apis) -> None:
    await apis.sign_in(StaffRole.ADMIN)
    page = await apis.post(f"{S}/populations", files=csv_file(b"\xef\xbb\xbf" + FIGURES.encode()))
    assert page.response.headers["location"] == f"{S}/populations?done=populations"
    assert apis.staff.reporting.sent("PUT", "/v1/populations") == [FIGURES]
    assert "The population figures are loaded" in (await apis.get(f"{S}/populations?done=populations")).text()


@pytest.mark.parametrize(("files", "message"), [
    (None, "Select a CSV file"),
    (csv_file(b"", name=""), "Select a CSV file"),
    (csv_file(b""), "The selected file is empty"),
    (csv_file("\n \n"), "The selected file is empty"),
    (csv_file("area,dimension\n".encode("utf-16")), "must be saved as UTF-8"),
    (csv_file("area,caf\xe9\n".encode("latin-1")), "must be saved as UTF-8"),
    (csv_file("a" * 1_000_001), "smaller than 1 MB"),
])
async def test_a_file_that_cannot_be_sent_is_refused_naming_the_field(apis, files, message) -> None:
    await apis.sign_in(StaffRole.ADMIN)
    page = await apis.post(f"{S}/populations", {"other": "x"}, files=files) if files is None else \
        await apis.post(f"{S}/populations", files=files)
    assert page.status_and_links() == (422, ["#file"])
    assert message in page.text() and page.soup.find("input", {"type": "file"})
    assert not apis.staff.reporting.sent("PUT", "/v1/populations")


async def test_a_request_too_large_for_a_small_enough_file_is_refused_unread(apis) -> None:
    await apis.sign_in(StaffRole.ADMIN)
    page = await apis.post(f"{S}/areas", files=csv_file(AREAS * 40_000))
    assert page.status_and_links() == (422, ["#file"]) and "smaller than 1 MB" in page.text()
    assert not apis.staff.consultation.sent("PUT", "/v1/areas")


@pytest.mark.parametrize("content", [AREAS, AREAS * 40_000])
async def test_an_upload_from_another_site_is_refused_whatever_its_size(apis, content) -> None:
    await apis.sign_in(StaffRole.ADMIN)
    page = await apis.post(f"{S}/areas", files=csv_file(content), headers={"origin": "https://evil.example"})
    assert page.status == 403 and "There is a problem" not in page.text()
    assert not apis.staff.consultation.sent("PUT", "/v1/areas")


async def test_the_service_refusing_the_file_lists_each_mistake_by_line_and_column(apis) -> None:
    refused = InvalidAnswers({"area_key": "'Crewe': use lower-case letters, digits and _"})
    refused.detail = [{"loc": ["body", "csv", 3, "area_key"], "msg": "'Crewe': use lower-case letters, digits and _"},
                      {"loc": ["body", "csv", 4], "msg": "expected 3 columns, found 2"}]
    apis.staff.consultation.on("PUT", "/v1/areas", refused)
    await apis.sign_in(StaffRole.ADMIN)
    page = await apis.post(f"{S}/areas", files=csv_file(AREAS))
    assert page.status_and_links() == (422, ["#file"])
    rows = [[cell.text.strip() for cell in row.select("td")] for row in page.soup.select("#file-problems tbody tr")]
    assert rows == [["3", "area_key", "'Crewe': use lower-case letters, digits and _"],
                    ["4", "", "expected 3 columns, found 2"]]
    assert "Crewe" in page.soup.select_one("main table").text  # the table as it stands: nothing was replaced


async def test_a_refusal_without_lines_still_names_the_column_or_the_whole_file(apis) -> None:
    apis.staff.reporting.on("PUT", "/v1/populations", InvalidAnswers({"csv": "has no figures", "count": "bad"}))
    await apis.sign_in(StaffRole.ADMIN, lang="cy")
    page = await apis.post(f"{S}/populations", files=csv_file(FIGURES))
    rows = [[cell.text.strip() for cell in row.select("td")] for row in page.soup.select("#file-problems tbody tr")]
    assert page.status == 422 and rows == [["Y ffeil gyfan", "", "has no figures"], ["", "count", "bad"]]


async def test_many_mistakes_are_listed_fifty_at_most(apis) -> None:
    refused = InvalidAnswers({})
    refused.detail = [{"loc": ["body", "csv", line, "count"], "msg": "is not a whole number"}
                      for line in range(2, 62)]
    apis.staff.reporting.on("PUT", "/v1/populations", refused)
    await apis.sign_in(StaffRole.ADMIN)
    page = await apis.post(f"{S}/populations", files=csv_file(FIGURES))
    assert len(page.soup.select("#file-problems tbody tr")) == 50 and "And 10 more mistakes." in page.text()


@pytest.mark.parametrize("role", [StaffRole.ENGAGEMENT_OFFICER, StaffRole.ANALYST, StaffRole.VIEWER])
async def test_only_admins_may_upload_or_download_the_examples(apis, role) -> None:
    await apis.sign_in(role)
    for path in ("/areas", "/populations"):
        assert (await apis.post(f"{S}{path}", files=csv_file(AREAS))).status == 403
        assert (await apis.get(f"{S}{path}/example.csv")).status == 403
    assert not apis.staff.consultation.sent("PUT", "/v1/areas")
    assert not apis.staff.reporting.sent("PUT", "/v1/populations")


async def test_signed_out_an_upload_leads_to_sign_in(apis) -> None:
    page = await apis.post(f"{S}/areas", files=csv_file(AREAS), csrf=False)
    assert page.status == 303 and page.response.headers["location"].startswith("/staff/sign-in")
    assert not apis.staff.consultation.sent("PUT", "/v1/areas")


async def chunked(apis: StaffPageClient, path: str, content: str, pulled: list[int] | None = None) -> Html:
    """An upload sent in pieces with no Content-Length (``Transfer-Encoding: chunked``), as a stream is; ``pulled``
    gets the size of each piece the web read."""
    await apis.get(path)
    built = httpx.Request("POST", "http://peel.test", data={"csrf_token": apis.last_form_token},
                          files=csv_file(content))
    body = built.read()

    async def pieces() -> AsyncIterator[bytes]:
        for start in range(0, len(body), 65_536):
            (pulled if pulled is not None else []).append(len(body[start:start + 65_536]))
            yield body[start:start + 65_536]

    return await apis.post(path, csrf=False, content=pieces(), headers={"content-type": built.headers["content-type"]})


async def test_an_upload_without_a_length_is_read_and_sent(apis) -> None:
    await apis.sign_in(StaffRole.ADMIN)
    answer = await chunked(apis, f"{S}/areas", AREAS)
    assert answer.status == 303 and apis.staff.consultation.sent("PUT", "/v1/areas") == [AREAS]


async def test_an_upload_without_a_length_is_refused_once_too_much_is_read(apis) -> None:
    await apis.sign_in(StaffRole.ADMIN)
    pulled: list[int] = []
    answer = await chunked(apis, f"{S}/areas", AREAS * 100_000, pulled)
    assert answer.status_and_links() == (422, ["#file"]) and "smaller than 1 MB" in answer.text()
    assert sum(pulled) <= 1_200_000  # the rest of the 5 MB was never read
    assert not apis.staff.consultation.sent("PUT", "/v1/areas")
