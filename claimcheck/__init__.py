"""claimcheck: a linter for the claims and readability of health articles."""

__version__ = "0.2.0"
