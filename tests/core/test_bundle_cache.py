"""Issue 16: the checked content kept between processes (diagnose.bundle_cache). A kept bundle
diagnoses exactly as a built one; any change to the content is a miss and is checked in full, its
examples too; a folder or file someone else could write is never read; a damaged file, a folder
that cannot be written or `off` only mean building as before."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from diagnose import bundle_cache
from diagnose.bundle import ContentFiles, _kept_or_built, build_bundle, discover
from diagnose.cli.content import read_response_file
from diagnose.diagnosis import diagnose
from diagnose.problems import ValidationFailed
from diagnose.render import to_json
from tests.core.content_copy import replace_in

MINI = Path(__file__).parent / "mini"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "den_bosch.json"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("NETSCAN_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def mini(tmp_path: Path) -> ContentFiles:
    shutil.copytree(MINI, tmp_path / "mini")
    return discover([tmp_path / "mini"])


def kept_file(cache: Path) -> Path:
    (path,) = cache.glob("bundle-*.pickle")
    return path


def test_a_kept_bundle_diagnoses_as_a_built_one(cache: Path) -> None:
    files = discover()
    built = _kept_or_built(files)
    assert kept_file(cache).stat().st_mode & 0o777 == 0o600
    assert cache.stat().st_mode & 0o777 == 0o700
    assert bundle_cache.read(files) is not None
    kept = _kept_or_built(files)
    assert kept is not built
    assert kept.rules == built.rules and kept.versions == built.versions and kept.settings == built.settings
    assert kept.engine is built.engine  # the same rules: registered once in this process
    response_file, _ = read_response_file(EXAMPLE)
    results = []
    for bundle in (built, kept):
        q = bundle.questionnaire(response_file.questionnaire.id, response_file.questionnaire.version)
        result = diagnose(bundle, q, response_file.round, response_file.history, response_file.network)
        results.append(json.dumps(to_json(result, bundle, "nl"), sort_keys=True))
    assert results[0] == results[1]
    assert '"findings"' in results[0]


def test_a_fresh_process_reads_the_kept_bundle(cache: Path) -> None:
    code = (
        "import sys\n"
        "import diagnose.bundle as b\n"
        "built = []\n"
        "real = b.build_bundle\n"
        "b.build_bundle = lambda *a, **k: built.append(1) or real(*a, **k)\n"
        "bundle = b.load_bundle()\n"
        "print(len(built), len(bundle.rules), bundle.engine.evaluate({}) == [])\n"
    )
    env = {**os.environ, "NETSCAN_CACHE_DIR": str(cache)}
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
        for _ in range(2)
    ]
    first, second = (run.stdout.split() for run in runs)
    assert first[0] == "1" and second[0] == "0"  # built once, then read
    assert first[1:] == second[1:] and int(first[1]) > 50


def test_a_changed_content_file_is_read_and_checked_again(cache: Path, mini: ContentFiles) -> None:
    first = _kept_or_built(mini)
    assert first.rule_by_id["low_trust"].title.nl == "Weinig vertrouwen"
    rules = mini.rules[0]
    replace_in(rules, "title: {nl: Weinig vertrouwen,", "title: {nl: Te weinig vertrouwen,")
    assert bundle_cache.read(mini) is None
    assert _kept_or_built(mini).rule_by_id["low_trust"].title.nl == "Te weinig vertrouwen"
    # a rule whose example no longer holds is refused, kept bundle or not
    replace_in(
        rules,
        "{given: {score.lnc4_trust: 2.5}, fires: true}",
        "{given: {score.lnc4_trust: 3.5}, fires: true}",
    )
    with pytest.raises(ValidationFailed) as caught:
        _kept_or_built(mini)
    assert [p.code for p in caught.value.problems] == ["example-fails"]
    assert bundle_cache.read(mini) is None


def test_a_file_or_folder_others_could_write_is_not_read(cache: Path, mini: ContentFiles) -> None:
    _kept_or_built(mini)
    assert bundle_cache.read(mini) is not None
    path = kept_file(cache)
    path.chmod(0o620)
    assert bundle_cache.read(mini) is None
    path.chmod(0o600)
    cache.chmod(0o777)
    assert bundle_cache.read(mini) is None
    _kept_or_built(mini)  # nor written into
    assert path.stat().st_mode & 0o777 == 0o600 and len(list(cache.iterdir())) == 1
    cache.chmod(0o700)
    moved = cache / "elders.pickle"
    path.rename(moved)
    path.symlink_to(moved)
    assert bundle_cache.read(mini) is None


def test_a_damaged_file_is_built_again(cache: Path, mini: ContentFiles) -> None:
    _kept_or_built(mini)
    path = kept_file(cache)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert bundle_cache.read(mini) is None
    bundle = _kept_or_built(mini)
    assert len(bundle.rules) == 7
    assert bundle_cache.read(mini) is not None
    assert [p.name for p in cache.iterdir()] == [path.name]  # no temporary file left behind


def test_off_or_unwritable_means_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mini: ContentFiles
) -> None:
    monkeypatch.setenv("NETSCAN_CACHE_DIR", "off")
    assert bundle_cache.cache_dir() is None
    assert len(_kept_or_built(mini).rules) == 7
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("NETSCAN_CACHE_DIR", str(blocked / "cache"))
    assert len(_kept_or_built(mini).rules) == 7
    assert bundle_cache.read(mini) is None
    monkeypatch.delenv("NETSCAN_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert bundle_cache.cache_dir() == tmp_path / "xdg" / "netwerkscan"


def test_the_key_covers_content_core_and_libraries(mini: ContentFiles, tmp_path: Path) -> None:
    name, digest = bundle_cache.key(mini)
    assert bundle_cache.key(mini) == (name, digest)
    other = tmp_path / "other"
    shutil.copytree(MINI, other)
    other_name, other_digest = bundle_cache.key(discover([other]))
    assert other_name != name  # one file per content folder
    assert other_digest != digest  # the paths are part of what was checked (they are in messages)
    assert build_bundle(mini).rules  # the mini content itself is valid
