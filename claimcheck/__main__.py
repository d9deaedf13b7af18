"""Run claimcheck as `python -m claimcheck`."""

from claimcheck.cli import run

run()
