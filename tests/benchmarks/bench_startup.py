"""Start-up: what a batch spends before its first item, against the baseline's imports.

Runs, in alternating rounds (the order flips every round), each as a fresh process:

  baseline      python -c "import bagit, trafilatura; from warcio.warcwriter import WARCWriter"
                (what the naive composition of bench_batch.py imports before its first item)
  batch         archiver batch TWO_ITEMS --jobs 2 -q: imports and warm-up in the parent, two
                forked workers, one item each (an HTML page and the bundled text dump)
  batch, no regex cache
                the same with ARCHIVER_REGEX_CACHE=0 (every regex compiled again)
  help          archiver --help

and prints each one's best and median wall time and the ratios to the baseline.

    .venv/bin/python tests/benchmarks/bench_startup.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DUMP = REPO / "archiver" / "samples" / "demo-post.txt"
PARAGRAPH = "<p>The council said on Tuesday that the harbour budget would be reviewed again.</p>"
PAGE = (
    "<!doctype html><html><head><meta charset=utf-8><title>Harbour budget</title></head>"
    "<body><article><h1>Harbour budget</h1>" + PARAGRAPH * 12 + "</article></body></html>"
)
BASELINE_IMPORTS = "import bagit, trafilatura; from warcio.warcwriter import WARCWriter"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    items = work / "items"
    items.mkdir()
    shutil.copy(DUMP, items / DUMP.name)
    (items / "page.html").write_text(PAGE, encoding="utf-8")
    # Byte-compiled and with its regex table, as `make install` leaves it.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "archiver")], check=True)
    subprocess.run([sys.executable, "-m", "archiver.regex_cache"], check=True, cwd=REPO)
    env = {k: v for k, v in os.environ.items() if k != "ARCHIVER_REGEX_CACHE"}

    def batch(out: Path) -> list[str]:
        return [str(BIN / "archiver"), "batch", str(items), "-o", str(out), "--jobs", "2", "-q"]

    runs = {
        "baseline imports (bagit, trafilatura, warcio)": lambda n: (
            [sys.executable, "-c", BASELINE_IMPORTS],
            env,
        ),
        "archiver batch, two items, --jobs 2": lambda n: (batch(work / f"on-{n}"), env),
        "the same, ARCHIVER_REGEX_CACHE=0": lambda n: (
            batch(work / f"off-{n}"),
            {**env, "ARCHIVER_REGEX_CACHE": "0"},
        ),
        "archiver --help": lambda n: ([str(BIN / "archiver"), "--help"], env),
    }
    times: dict[str, list[float]] = {name: [] for name in runs}
    try:
        for n in range(args.rounds):
            names = list(runs) if n % 2 == 0 else list(reversed(runs))
            for name in names:
                command, run_env = runs[name](n)
                start = time.perf_counter()
                subprocess.run(command, env=run_env, check=True, capture_output=True)
                times[name].append(time.perf_counter() - start)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    baseline = times[next(iter(runs))]
    print(f"{args.rounds} alternating rounds, each a fresh process; seconds")
    print(f"{'run':<52} {'best':>6} {'median':>7} {'x baseline (median)':>20}")
    for name, values in times.items():
        ratio = statistics.median(values) / statistics.median(baseline)
        print(f"{name:<52} {min(values):6.3f} {statistics.median(values):7.3f} {ratio:20.2f}")


if __name__ == "__main__":
    main()
