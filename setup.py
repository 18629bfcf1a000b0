"""Installs the ``peel.*`` packages from ``peel/``, whose entries link to the product's folders (libs/*, services/*)."""

from setuptools import find_packages, setup

PACKAGES = ["peel", *(f"peel.{name}" for name in find_packages("peel"))]
ROOTS = [name for name in PACKAGES if name.count(".") == 1]

setup(
    packages=PACKAGES,
    package_dir={"": "."},
    package_data={name: ["migrations/*.sql", "*.json"] for name in ROOTS} | {
        # The web pages' templates, Welsh catalogues and built front-end assets (make setup builds them).
        "peel.web": ["migrations/*.sql", "templates/**/*.html", "translations/*/*.po", "static/dist/**/*"],
    },
)
