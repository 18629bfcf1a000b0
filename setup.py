"""Maps the product's folders (libs/*, services/*) onto the ``peel.*`` namespace."""

from setuptools import find_packages, setup

ROOTS = {
    "peel.common": "libs/common",
    "peel.cli": "libs/cli",
    "peel.sortition": "libs/sortition",
    "peel.consultation": "services/consultation",
    "peel.scheduling": "services/scheduling",
    "peel.notifications": "services/notifications",
    "peel.reporting": "services/reporting",
}


def _packages() -> list[str]:
    found = []
    for name, root in ROOTS.items():
        found.append(name)
        found.extend(f"{name}.{sub}" for sub in find_packages(root))
    return found


setup(
    packages=_packages(),
    package_dir=ROOTS,
    package_data={name: ["migrations/*.sql", "*.json"] for name in ROOTS},
)
