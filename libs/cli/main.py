"""``peel``: operators' commands. ``peel --help`` lists them."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from peel.cli import assembly, demo, relay, reporting, schemas, serve, tokens


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="peel", description="Peel operators' commands")
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (serve, relay, tokens, schemas, demo, reporting, assembly):
        module.register(commands)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    return arguments.run(arguments) or 0


if __name__ == "__main__":
    sys.exit(main())
