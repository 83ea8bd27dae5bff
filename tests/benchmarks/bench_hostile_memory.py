"""Peak memory of `archive()` against input size: 500 MiB must archive under 200 MiB RSS.

Baseline in the same run: a 10 MiB input. Prints each peak RSS, the time, and the ratio of
the 500 MiB peak to the 10 MiB peak (1.0 = memory independent of input size).

    .venv/bin/python tests/benchmarks/bench_hostile_memory.py [MiB ...]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROBE = """
import resource, sys
def peak_mib():
    # VmHWM belongs to this program's memory map, which exec() replaced; ru_maxrss would
    # include the parent's memory inherited across fork.
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
from archiver.package import archive
archive(sys.argv[1], sys.argv[2])
print(peak_mib())
"""


def make_input(path: Path, mib: int) -> None:
    line = os.urandom(2047).hex().encode() + b"\n"
    block = b"".join(os.urandom(2047).hex().encode() + b"\n" for _ in range(64)) or line
    with open(path, "wb") as handle:
        for _ in range(mib * 2**20 // len(block)):
            handle.write(block)


def measure(mib: int, folder: Path) -> tuple[int, float]:
    source = folder / f"input-{mib}.txt"
    make_input(source, mib)
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(source), str(folder / f"out-{mib}")],
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed = time.monotonic() - started
    source.unlink()
    return int(result.stdout.split()[-1]), elapsed


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [10, 500]
    with tempfile.TemporaryDirectory(prefix="bench-hostile-", dir=".") as scratch:
        results = {mib: measure(mib, Path(scratch)) for mib in sizes}
    base_rss = results[sizes[0]][0]
    for mib, (rss, elapsed) in results.items():
        print(
            f"{mib:5d} MiB input: peak RSS {rss:4d} MiB, {elapsed:6.1f} s, "
            f"RSS ratio to {sizes[0]} MiB baseline {rss / base_rss:.2f}"
        )
    worst = max(rss for rss, _ in results.values())
    print(f"target: peak RSS < 200 MiB at any size -> {'PASS' if worst < 200 else 'FAIL'}")


if __name__ == "__main__":
    main()
