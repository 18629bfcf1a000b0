"""``peel/`` maps every package folder onto its ``peel.*`` name with one relative link."""

from __future__ import annotations

import importlib

from peel.common.settings import REPO_ROOT

PEEL = REPO_ROOT / "peel"


def package_folders() -> dict[str, str]:
    """``peel.<name>`` -> its folder, for every package under libs/ and services/."""
    return {folder.name: f"../{folder.parent.name}/{folder.name}"
            for parent in ("libs", "services") for folder in sorted((REPO_ROOT / parent).iterdir())
            if (folder / "__init__.py").is_file()}


def test_every_package_folder_has_its_relative_link_and_nothing_else_is_there():
    links = {entry.name: str(entry.readlink()) for entry in PEEL.iterdir() if entry.is_symlink()}
    assert links == package_folders()
    assert sorted(entry.name for entry in PEEL.iterdir()) == sorted(links)


def test_a_peel_name_is_imported_from_its_link():
    for name in package_folders():
        module = importlib.import_module(f"peel.{name}")
        assert module.__file__ == str(PEEL / name / "__init__.py")
