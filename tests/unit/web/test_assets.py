"""The web service's front-end assets: npm's GOV.UK Frontend matches the Jinja macros, the npm packages are pinned,
and the built stylesheet is Peel's (Arial, no GDS Transport)."""

from __future__ import annotations

import json
import os
from importlib.metadata import version
from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parents[3] / "services/web"
DIST = WEB / "static/dist"
BUILT = ["peel.css", "govuk-frontend.min.js", "init.mjs", "assets/manifest.json", "assets/images/favicon.svg"]

# govuk-frontend-jinja's compatibility table (its README): "v4.x.x <-> GOV.UK Frontend v6.x.x". A new major of
# either needs a new row here, after checking the macros against the new GOV.UK Frontend.
GOVUK_FRONTEND_MAJOR_FOR_JINJA_MAJOR = {4: 6}


def npm_govuk_frontend_version() -> str:
    """The installed package's version, or (before `npm ci`) the locked one."""
    installed = WEB / "node_modules/govuk-frontend/package.json"
    if installed.exists():
        return json.loads(installed.read_text())["version"]
    return json.loads((WEB / "package-lock.json").read_text())["packages"]["node_modules/govuk-frontend"]["version"]


def major(version_text: str) -> int:
    return int(version_text.split(".")[0])


def built(name: str) -> Path:
    path = DIST / name
    if not path.exists() and not os.environ.get("CI"):
        pytest.skip(f"{path} is not built yet: run `make setup` (deploy/local/web-assets.sh build)")
    return path


def test_npm_gov_uk_frontend_is_the_major_version_the_jinja_macros_support() -> None:
    jinja = version("govuk-frontend-jinja")
    assert major(jinja) in GOVUK_FRONTEND_MAJOR_FOR_JINJA_MAJOR, f"govuk-frontend-jinja {jinja}: add its row"

    assert major(npm_govuk_frontend_version()) == GOVUK_FRONTEND_MAJOR_FOR_JINJA_MAJOR[major(jinja)]


def test_the_npm_packages_are_pinned_and_locked() -> None:
    package = json.loads((WEB / "package.json").read_text())
    locked = json.loads((WEB / "package-lock.json").read_text())["packages"]
    wanted = package["dependencies"] | package["devDependencies"]

    assert all(pin[0].isdigit() for pin in wanted.values()), f"pin exact versions: {wanted}"
    assert {name: locked[f"node_modules/{name}"]["version"] for name in wanted} == wanted


def test_the_stylesheet_uses_arial_and_ships_no_gds_transport() -> None:
    css = built("peel.css").read_text()

    assert "GDS Transport" not in css
    assert "@font-face" not in css
    assert "font-family:arial,sans-serif" in css


@pytest.mark.parametrize("name", BUILT)
def test_the_built_assets_are_there(name: str) -> None:
    assert built(name).stat().st_size > 0


def test_no_fonts_are_shipped() -> None:
    built("peel.css")

    assert not (DIST / "assets/fonts").exists()
