"""`tutor check`: not built yet (work in progress)."""

from __future__ import annotations

import argparse

from ..cli import UsageError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rest", nargs="*", help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    raise UsageError("this command is being built")
