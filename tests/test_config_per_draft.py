"""Each draft is linted under the nearest `.claimcheck.yaml` from its own folder upwards; --config overrides for all."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import write

CURE = "# Acupuncture\n\nAcupuncture cures MS. Talk with your doctor. See a licensed acupuncturist.\n"
JARGON = "# Walking\n\nWalking may ease spasticity for some people with MS. Talk with your doctor before you start.\n"


def findings(result) -> dict[str, list[str]]:
    data = json.loads(result.out)
    return {file["path"]: sorted(f["rule"] for f in file["findings"]) for file in data["files"]}


def site(tmp_path):
    """Two folders of drafts under different configs: news lints claims only; blog turns claims.cure off."""
    write(tmp_path, "news/.claimcheck.yaml", "packs: [claims]\n")
    write(tmp_path, "blog/.claimcheck.yaml", "rules:\n  claims.cure: off\nfail-on: warning\n")
    for folder in ("news", "blog"):
        write(tmp_path, f"{folder}/cure.md", CURE)
        write(tmp_path, f"{folder}/deep/jargon.md", JARGON)


def test_each_folder_is_linted_with_its_own_config(tmp_path, cli):
    site(tmp_path)
    result = cli("check", "--format", "json", "news", "blog")
    by_path = findings(result)
    news_cure, blog_cure = os.path.join("news", "cure.md"), os.path.join("blog", "cure.md")
    news_jargon, blog_jargon = os.path.join("news", "deep", "jargon.md"), os.path.join("blog", "deep", "jargon.md")
    # Output in the order the paths were named and walked, whatever the grouping by config.
    assert list(by_path) == [news_cure, news_jargon, blog_cure, blog_jargon]
    assert by_path[news_cure] == ["claims.cure"]
    assert by_path[news_jargon] == []  # plain-language is not in news' packs
    assert "claims.cure" not in by_path[blog_cure]
    assert by_path[blog_jargon] == ["plain-language.medical"]  # nearest config is blog's, from a subfolder


def test_files_named_one_by_one_interleaved_keep_their_order_and_configs(tmp_path, cli):
    site(tmp_path)
    paths = ["blog/deep/jargon.md", "news/cure.md", "blog/cure.md", "news/deep/jargon.md"]
    by_path = findings(cli("check", "--format", "json", *paths))
    assert list(by_path) == paths
    assert by_path["news/cure.md"] == ["claims.cure"] and "claims.cure" not in by_path["blog/cure.md"]


def test_each_draft_fails_at_its_own_configs_level(tmp_path, cli):
    site(tmp_path)
    # news fails on errors only: its jargon is not even checked; blog fails on warnings.
    assert cli("check", "news/deep/jargon.md").code == 0
    assert cli("check", "blog/deep/jargon.md").code == 1
    assert cli("check", "--fail-on", "error", "blog/deep/jargon.md").code == 0


def test_config_overrides_the_nearest_config_for_every_draft(tmp_path, cli):
    site(tmp_path)
    write(tmp_path, "strict.yaml", "packs: [plain-language]\n")
    by_path = findings(cli("check", "--format", "json", "--config", "strict.yaml", "news", "blog"))
    assert all(rules == [] or set(rules) == {"plain-language.medical"} for rules in by_path.values())
    assert sum(1 for rules in by_path.values() if rules) == 2


def test_fix_and_baseline_use_each_drafts_config(tmp_path, cli):
    site(tmp_path)
    baseline = json.loads(cli("baseline", "news", "blog").out)
    assert sorted({(entry["path"].split(os.sep)[0], entry["rule"]) for entry in baseline["findings"]}) == [
        ("blog", "plain-language.medical"), ("news", "claims.cure")]
    cli("check", "--fix", "news", "blog")
    assert "spasticity" in (tmp_path / "news" / "deep" / "jargon.md").read_text(encoding="utf-8")  # no plain-language in news
    assert "muscle stiffness" in (tmp_path / "blog" / "deep" / "jargon.md").read_text(encoding="utf-8")


def test_a_bad_config_of_one_folder_stops_the_run_before_any_output(tmp_path, cli):
    site(tmp_path)
    write(tmp_path, "blog/.claimcheck.yaml", "packz: [claims]\n")
    result = cli("check", "news", "blog")
    assert result.code == 2 and result.out == ""
    assert result.err.count("\n") == 1 and "blog" in result.err and "unknown key 'packz'" in result.err


def test_the_installed_command_from_the_top_folder(tmp_path):
    site(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    run = subprocess.run([sys.executable, "-m", "claimcheck", "check", "--jobs", "2", "news", "blog"], cwd=tmp_path, env=env,
                         capture_output=True, text=True)
    assert run.returncode == 1, run.stderr  # blog's jargon warning fails under blog's fail-on: warning
    assert "news/cure.md:3:13  error    overclaim" in run.stdout
    assert "blog/cure.md:3:13" not in run.stdout
    assert "blog/deep/jargon.md:3:18  warning  plain-language" in run.stdout
    assert "news/deep/jargon.md:3:18" not in run.stdout
