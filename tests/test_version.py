"""One version, in claimcheck/__init__.py: what the package, `--version` and the docs' pins say."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from importlib.metadata import version

from conftest import ROOT

from claimcheck import __version__
from claimcheck.cli import main

# The pins and the release notes live in docs/ci.md; the README may show pins too.
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
PAGES = README + CI


def test_version_is_semantic():
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def test_the_installed_package_reads_its_version_from_init():
    # hatch reads claimcheck/__init__.py at build time ([tool.hatch.version]).
    assert version("claimcheck") == __version__


def test_version_option_prints_the_version():
    result = subprocess.run([sys.executable, "-m", "claimcheck", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert (result.returncode, result.stdout, result.stderr) == (0, f"claimcheck {__version__}\n", "")
    out = io.StringIO()
    assert main(["--version"], stdout=out, stderr=io.StringIO()) == 0
    assert out.getvalue() == f"claimcheck {__version__}\n"


def test_readme_pins_name_the_tag_of_this_version():
    # The pins of the YAML examples (lines of their own), not the release notes that name vX.Y.Z.
    pins = re.findall(r"(?m)^ +rev: (\S+)$", PAGES) + re.findall(r"(?m)^ +- uses: YOUR-ORG/claimcheck@(\S+)$", PAGES)
    # pre-commit once, the action in the pull-request workflow and in the code-scanning one.
    assert len(pins) >= 3
    assert set(pins) == {f"v{__version__}"}


def test_the_docs_say_how_a_release_is_tagged():
    assert "## Releasing" in CI
    assert "tag that commit `vX.Y.Z`" in CI
    assert f"its tag is `v{__version__}`" in CI
