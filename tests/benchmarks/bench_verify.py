"""Benchmark: `archiver verify` against bagit-python 1.9.0 and hashlib, in the same run.

    .venv/bin/python tests/benchmarks/bench_verify.py [--quick] [--keep DIR]
    .venv/bin/python tests/benchmarks/bench_verify.py --huge-manifest 300000

Builds three bags in a temporary folder (warm page cache, as in issue 4):
  (a) 20,000 files of 4 KiB, sha256+sha512 manifests: our CLI vs `python -m bagit --validate
      --processes 2` (both as subprocesses, start-up included); target ratio <= 0.3;
  (b) one large file (768 MiB; --quick: 128 MiB), sha256+sha512: ours vs the slower of
      hashlib sha256/sha512 alone; target <= 1.2 x that + 0.25 s; bagit-python for reference;
  (c) 100,000 small files (--quick: 20,000): peak RSS of a process verifying it; target
      < 100 MiB.
Each timing is the best of several runs (the machine is shared; numbers are noisy).

--huge-manifest N runs only a hostile case instead: a one-file bag whose sha256 and sha512
manifests also list N files that are not there (58-character paths); it prints the time and
peak RSS of `verify()` and of bagit-python 1.9.0's `Bag(...).validate(processes=2)`, each in
a fresh interpreter, and how many problems each kept.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from archiver.bag import finish_bag  # noqa: E402

PYTHON = sys.executable
# `archiver verify` without Click (the lead's CLI adds Click's import, about 30 ms).
OUR_CLI = "import sys; from archiver.verify import main; sys.exit(main(sys.argv[1:]))"
MIB = 1 << 20


def best_of(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def make_small_bag(root: Path, count: int, size: int) -> Path:
    payload = root / "data"
    per_dir = 1000
    block = os.urandom(size + count)
    for index in range(count):
        folder = payload / f"d{index // per_dir:03d}"
        if index % per_dir == 0:
            folder.mkdir(parents=True, exist_ok=True)
        (folder / f"f{index:06d}.bin").write_bytes(block[index : index + size])
    finish_bag(root, [("Bagging-Date", "2024-05-01")])
    return root


def make_large_bag(root: Path, size: int) -> Path:
    (root / "data").mkdir(parents=True)
    with open(root / "data" / "large.bin", "wb") as handle:
        chunk = os.urandom(64 * MIB)
        written = 0
        while written < size:
            part = chunk[: min(len(chunk), size - written)]
            handle.write(part)
            written += len(part)
    finish_bag(root, [("Bagging-Date", "2024-05-01")])
    return root


def run_ours(bag: Path) -> None:
    result = subprocess.run(
        [PYTHON, "-c", OUR_CLI, "--quiet", str(bag)], capture_output=True, cwd=ROOT
    )
    if result.returncode != 0:
        raise SystemExit(f"archiver verify failed on {bag}: {result.stdout!r} {result.stderr!r}")


def run_bagit_cli(bag: Path) -> None:
    result = subprocess.run(
        [PYTHON, "-m", "bagit", "--validate", "--processes", "2", "--quiet", str(bag)],
        capture_output=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"bagit-python failed on {bag}: {result.stderr[-500:]!r}")


def hash_alone(path: Path, algorithm: str) -> None:
    hasher = hashlib.new(algorithm)
    fd = os.open(path, os.O_RDONLY)
    try:
        while block := os.read(fd, MIB):
            hasher.update(block)
    finally:
        os.close(fd)


def peak_rss_mib(code: str) -> float:
    """Peak resident memory of a fresh interpreter running ``code``.

    Read from /proc/self/status VmHWM, which starts afresh at exec (ru_maxrss does not on
    Linux: a child would inherit this benchmark's own high-water mark).
    """
    wrapper = (
        code + "\nfor line in open('/proc/self/status'):\n"
        "    if line.startswith('VmHWM:'):\n        print(line.split()[1])\n"
    )
    result = subprocess.run([PYTHON, "-c", wrapper], capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    return int(result.stdout.strip().splitlines()[-1]) / 1024


MEASURE = """
import sys, time
start = time.perf_counter()
{body}
elapsed = time.perf_counter() - start
for line in open('/proc/self/status'):
    if line.startswith('VmHWM:'):
        print(elapsed, int(line.split()[1]) / 1024, kept)
"""
OURS_HUGE = """from archiver.verify import verify
report = verify(sys.argv[1])
assert report.error_count >= {count}, report.error_count
kept = len(report.errors)"""
THEIRS_HUGE = """import bagit
try:
    bagit.Bag(sys.argv[1]).validate(processes=2)
    kept = 0
except bagit.BagValidationError as exc:
    kept = len(exc.details)"""


def make_huge_manifest_bag(root: Path, count: int) -> Path:
    (root / "data").mkdir(parents=True)
    (root / "data" / "present.txt").write_bytes(b"the only file that is there\n")
    finish_bag(root, [("Bagging-Date", "2024-05-01")])
    for algorithm, width in (("sha256", 64), ("sha512", 128)):
        with open(root / f"manifest-{algorithm}.txt", "ab") as handle:
            for index in range(count):
                handle.write(b"%0*x  data/missing/%09d-%s.txt\n" % (width, index, index, b"x" * 40))
    for tag_manifest in root.glob("tagmanifest-*.txt"):
        tag_manifest.unlink()  # they would only repeat that the manifests changed
    return root


def measure(body: str, bag: Path) -> tuple[float, float, int]:
    """(seconds, peak RSS in MiB, problems kept) of ``body`` run in a fresh interpreter."""
    code = MEASURE.format(body=body)
    result = subprocess.run(
        [PYTHON, "-c", code, str(bag)], capture_output=True, text=True, cwd=ROOT
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    seconds, peak, kept = result.stdout.split()
    return float(seconds), float(peak), int(kept)


def huge_manifest(work: Path, count: int) -> None:
    bag = make_huge_manifest_bag(work / "huge", count)
    size = sum(path.stat().st_size for path in bag.glob("manifest-*.txt")) / MIB
    print(f"huge manifest: {count} absent entries in sha256+sha512 manifests ({size:.0f} MiB)")
    baseline = peak_rss_mib("import archiver.verify")
    ours = min((measure(OURS_HUGE.format(count=count), bag) for _ in range(2)), key=lambda r: r[0])
    theirs = measure(THEIRS_HUGE, bag)
    print(
        f"  archiver verify(): {ours[0]:.2f} s, peak RSS {ours[1]:.1f} MiB (interpreter + modules "
        f"{baseline:.1f} MiB), {ours[2]} problems kept (the rest counted)"
    )
    print(
        f"  bagit-python validate(processes=2): {theirs[0]:.2f} s, peak RSS {theirs[1]:.1f} MiB, "
        f"{theirs[2]} problems kept"
    )
    print(f"  ratios: time {ours[0] / theirs[0]:.2f}, peak RSS {ours[1] / theirs[1]:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs, fewer runs")
    parser.add_argument("--keep", type=Path, help="build the bags here and keep them")
    parser.add_argument(
        "--huge-manifest",
        type=int,
        metavar="N",
        help="only the hostile case: manifests listing N absent files",
    )
    args = parser.parse_args()
    runs = 2 if args.quick else 3
    small_count = 20_000
    large_size = (128 if args.quick else 768) * MIB
    many_count = 20_000 if args.quick else 100_000

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-verify-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"bench-verify: {os.cpu_count()} CPUs, work folder {work}")
    if args.huge_manifest:
        try:
            huge_manifest(work, args.huge_manifest)
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
        return 0
    try:
        # (a) many small files
        small = make_small_bag(work / "small", small_count, 4096)
        run_ours(small)  # warm the page cache
        ours = best_of(runs, lambda: run_ours(small))
        theirs = best_of(runs, lambda: run_bagit_cli(small))
        ratio_a = ours / theirs
        print(
            f"(a) {small_count} x 4 KiB, sha256+sha512: archiver {ours:.2f} s, "
            f"bagit-python --processes 2 {theirs:.2f} s, ratio {ratio_a:.2f} (target <= 0.30)"
        )

        # (b) one large file
        large = make_large_bag(work / "large", large_size)
        big = large / "data" / "large.bin"
        hash_alone(big, "sha512")  # warm
        sha256 = best_of(runs, lambda: hash_alone(big, "sha256"))
        sha512 = best_of(runs, lambda: hash_alone(big, "sha512"))
        slower = max(sha256, sha512)
        ours_b = best_of(runs, lambda: run_ours(large))
        import bagit

        theirs_b = best_of(1, lambda: bagit.Bag(str(large)).validate(processes=2))
        limit = 1.2 * slower + 0.25
        print(
            f"(b) 1 x {large_size // MIB} MiB, sha256+sha512: archiver {ours_b:.2f} s; hashlib "
            f"alone sha256 {sha256:.2f} s, sha512 {sha512:.2f} s; limit 1.2 x {slower:.2f} + 0.25"
            f" = {limit:.2f} s -> {ours_b / limit:.2f} of the limit "
            f"({ours_b / slower:.2f} x slower algorithm); bagit-python {theirs_b:.2f} s, "
            f"ratio {ours_b / theirs_b:.2f}"
        )
        shutil.rmtree(large)

        # (c) memory for many files
        many = make_small_bag(work / "many", many_count, 64)
        rss = peak_rss_mib(f"from archiver.verify import verify\nverify({str(many)!r})")
        baseline = peak_rss_mib("import archiver.verify")
        theirs_rss = peak_rss_mib(f"import bagit\nbagit.Bag({str(many)!r}).validate(processes=2)")
        print(
            f"(c) {many_count} files: archiver peak RSS {rss:.1f} MiB (interpreter + modules "
            f"{baseline:.1f} MiB; target < 100), bagit-python parent process {theirs_rss:.1f} MiB"
        )
        ok = ratio_a <= 0.3 and ours_b <= limit and rss < 100
        print("targets met" if ok else "some targets NOT met (noisy shared machine? re-run)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
