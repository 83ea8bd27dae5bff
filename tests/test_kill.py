"""SIGKILL at any moment: only complete, valid bags plus hidden temporaries; the next run cleans.

The test hook ``ARCHIVER_TEST_PAUSE_AT=<stage>`` makes a real ``archiver archive`` process stop
at a named stage of package.py and say so on stderr; we kill it there. Kills at random moments
of a longer run (a 24 MiB input) cover the points between the stages, inside the WARC writer
and the bag writer.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import bagit
import pytest

from archiver.package import STAGES, TEMP_PREFIX, archive, remove_stale_temporaries

ARCHIVER = str(Path(sys.executable).parent / "archiver")
DUMP = (
    "Night trains return to the valley line\n"
    "The regional operator restored the night service on the valley line on Friday.\n"
    "Commuters had campaigned for two years to bring the last train back after midnight.\n"
)


@pytest.fixture(autouse=True)
def reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def start(args: list[str], env: dict[str, str], stdin: bytes | None = None) -> subprocess.Popen:
    process = subprocess.Popen(
        [ARCHIVER, *args],
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **env},
    )
    if stdin is not None:
        assert process.stdin is not None
        process.stdin.write(stdin)
        process.stdin.close()
    return process


def kill_at(stage: str, args: list[str], stdin: bytes | None = None) -> int:
    """Run until ``stage``, SIGKILL there, reap; return the dead process's id."""
    process = start(args, {"ARCHIVER_TEST_PAUSE_AT": stage}, stdin)
    assert process.stderr is not None
    line = process.stderr.readline().decode()
    assert f"paused at {stage}" in line, line
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    return process.pid


def assert_only_valid_bags_and_temporaries(out: Path, dead_pid: int | None = None) -> list[Path]:
    """Every visible entry is a complete, valid bag; every hidden one a run's temporary."""
    bags = []
    for entry in sorted(out.iterdir()):
        if entry.name.startswith("."):
            assert entry.name.startswith(TEMP_PREFIX), entry.name
            if dead_pid is not None:
                assert entry.name.endswith(f".{dead_pid}"), entry.name
            continue
        assert entry.is_dir(), entry
        bagit.Bag(str(entry)).validate()  # bagit-python as the independent judge
        bags.append(entry)
    return bags


def assert_next_run_cleans_up(out: Path, source: Path) -> Path:
    bag = archive(source, out, force=True)
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
    bagit.Bag(str(bag)).validate()
    return bag


@pytest.mark.parametrize("stage", [s for s in STAGES if s != "retired"])
def test_sigkill_at_each_stage(tmp_path: Path, stage: str) -> None:
    source = tmp_path / "night-trains.txt"
    source.write_text(DUMP, encoding="utf-8")
    out = tmp_path / "packages"
    pid = kill_at(stage, ["archive", str(source), "-o", str(out)])
    bags = assert_only_valid_bags_and_temporaries(out, pid)
    # Before the rename nothing is visible; after it the bag is whole.
    assert len(bags) == (1 if stage == "installed" else 0)
    bag = assert_next_run_cleans_up(out, source)
    assert [p for p in out.iterdir()] == [bag]


@pytest.mark.parametrize("stage", ["captured", "temp-created", "synced"])
def test_sigkill_while_archiving_stdin_leaves_only_a_hidden_spool(
    tmp_path: Path, stage: str
) -> None:
    out = tmp_path / "packages"
    pid = kill_at(stage, ["archive", "-", "-o", str(out)], stdin=DUMP.encode())
    hidden = [p.name for p in out.iterdir()]
    assert hidden and all(n.startswith(TEMP_PREFIX) and n.endswith(f".{pid}") for n in hidden)
    assert any(n.startswith(".tmp-stdin-") for n in hidden)  # the spool is a temporary too
    removed = remove_stale_temporaries(out)
    assert sorted(p.name for p in removed) == sorted(hidden)
    assert list(out.iterdir()) == []


def test_sigkill_during_force_replacement_keeps_a_valid_bag(tmp_path: Path) -> None:
    source = tmp_path / "night-trains.txt"
    source.write_text(DUMP, encoding="utf-8")
    out = tmp_path / "packages"
    first = archive(source, out)
    for stage in ("bag-written", "retired", "installed"):
        pid = kill_at(stage, ["archive", str(source), "-o", str(out), "--force"])
        assert_only_valid_bags_and_temporaries(out, pid)
        remove_stale_temporaries(out)
        # Whatever the moment, the bag is back under its name, complete and valid.
        assert [p.name for p in out.iterdir()] == [first.name], stage
        bagit.Bag(str(first)).validate()


def big_input(path: Path) -> None:
    """24 MiB of text (above the 20 MiB extraction limit, so the run is I/O and hashing)."""
    line = os.urandom(2047).hex().encode() + b"\n"
    with open(path, "wb") as handle:
        for _ in range(24 * 2**20 // len(line)):
            handle.write(line)


def test_sigkill_at_random_moments(tmp_path: Path) -> None:
    source = tmp_path / "big.txt"
    big_input(source)
    out = tmp_path / "packages"
    started = time.monotonic()
    reference = subprocess.run(
        [ARCHIVER, "archive", str(source), "-o", str(out)], capture_output=True, timeout=120
    )
    duration = time.monotonic() - started
    assert reference.returncode == 0, reference.stderr
    bag = Path(reference.stdout.decode().strip())
    expected = {p.relative_to(bag): p.read_bytes() for p in bag.rglob("*") if p.is_file()}
    chooser = random.Random(20231114)  # the same moments on every run of the suite
    caught_mid_build = 0
    for attempt in range(8):
        delay = chooser.uniform(0.05, duration)
        process = start(["archive", str(source), "-o", str(out), "--force"], {})
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert_only_valid_bags_and_temporaries(out, process.pid)
        caught_mid_build += bool(remove_stale_temporaries(out))
        visible = [p for p in out.iterdir()]
        assert visible == [bag], (attempt, delay, visible)
        # Reproducible: a replaced bag holds the very same bytes as the first one.
        assert {
            p.relative_to(bag): p.read_bytes() for p in bag.rglob("*") if p.is_file()
        } == expected
    assert caught_mid_build >= 2, "the kills all missed the build: the test proves nothing"
