"""The command line: thin commands, one-line errors, honest exit statuses."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ARCHIVER = str(Path(sys.executable).parent / "archiver")

POST = """Town library digitises a century of council minutes
Volunteers at the town library have scanned every page of the council's minutes since 1921 and put them online, the library said on Thursday.
The project took three years and was paid for by a heritage grant. Each page was scanned twice and checked by hand before it was published.
This entry was posted in Local History by Jan Olsen.
"""


@pytest.fixture
def post(tmp_path: Path) -> Path:
    path = tmp_path / "minutes.txt"
    path.write_text(POST, encoding="utf-8")
    return path


def test_sigterm_stops_archiving_like_ctrl_c(post: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    process = subprocess.Popen(
        [ARCHIVER, "archive", str(post), "-o", str(out)],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env={**os.environ, "ARCHIVER_TEST_PAUSE_AT": "warc-written"},
    )
    assert process.stderr is not None
    assert "paused at warc-written" in process.stderr.readline().decode()
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert stderr.decode().strip() == f"archiver: {post}: interrupted"
    assert list(out.iterdir()) == []  # the half-built bag is gone, not left hidden


def test_max_extract_size_archives_whole_without_extraction(post: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [ARCHIVER, "archive", str(post), "-o", str(tmp_path / "out"), "--max-extract-size", "10"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    bag = Path(result.stdout.strip())
    document = json.loads((bag / "data" / "metadata.json").read_text())
    assert document["title"] is None
    assert any("extraction" in warning for warning in document["provenance"]["warnings"])
    assert "warning" in result.stderr


def test_usage_errors_exit_2(post: Path) -> None:
    result = subprocess.run([ARCHIVER, "archive"], capture_output=True, text=True)
    assert result.returncode == 2
    result = subprocess.run([ARCHIVER, "verify", str(post)], capture_output=True, text=True)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_version_and_help_name_the_tool() -> None:
    from archiver import __version__

    result = subprocess.run([ARCHIVER, "--version"], capture_output=True, text=True)
    assert result.stdout.strip() == f"archiver, version {__version__}"
    help_text = subprocess.run([ARCHIVER, "--help"], capture_output=True, text=True).stdout
    for command in ("archive", "batch", "demo", "extract", "verify"):
        assert command in help_text


# The `archiver` command ends with os._exit after main (no interpreter teardown): what a
# normal exit guarantees must still hold.
QUICK_EXIT = """
import atexit, sys, threading, time
from pathlib import Path
marker = Path(sys.argv[1])
atexit.register(lambda: marker.with_suffix(".atexit").write_text("ran"))
if sys.argv[2] == "thread":
    def late() -> None:
        time.sleep(0.3)
        marker.with_suffix(".thread").write_text("finished")
    threading.Thread(target=late).start()
sys.argv = ["archiver", *sys.argv[3:]]
from archiver.cli import run
run()
"""


def _quick_exit(marker: Path, mode: str, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", QUICK_EXIT, str(marker), mode, *args]
    return subprocess.run(command, capture_output=True, text=True)


def test_quick_exit_keeps_output_status_and_exit_handlers(post: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    paragraph = "The council met on Tuesday and agreed the harbour budget after a long debate. "
    big.write_text("Harbour budget\n\n" + "\n\n".join(paragraph * 3 for _ in range(3000)))
    marker = tmp_path / "marker"
    result = _quick_exit(marker, "-", "extract", str(big))
    assert result.returncode == 0, result.stderr
    assert len(result.stdout) > 600_000  # all of it through the pipe, nothing lost in a buffer
    assert result.stdout.rstrip("\n").endswith(paragraph.strip())
    assert marker.with_suffix(".atexit").read_text() == "ran"
    missing = tmp_path / "missing.html"
    result = _quick_exit(marker, "-", "archive", str(missing))
    assert result.returncode != 0
    assert result.stderr.strip().startswith(f"archiver: {missing}:")


def test_quick_exit_waits_for_a_running_thread(post: Path, tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    result = _quick_exit(marker, "thread", "extract", str(post))
    assert result.returncode == 0, result.stderr
    assert marker.with_suffix(".thread").read_text() == "finished"
