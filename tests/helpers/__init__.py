"""Modules the tests share that are not fixtures: the corpus's expected-findings format and an HTML page reader."""
