"""Batch throughput: `archiver batch --jobs 2` and `make -j2 archive` against a naive baseline.

Generates N varied items (HTML pages in two layouts and plain-text dumps; sizes from a few
paragraphs to a long read; UTF-8, cp1252, EUC-KR and Shift_JIS, declared or not), then times
in the same run, each from a fresh output folder and including process start-up:

  baseline   one Python process doing the naive composition per item:
             trafilatura.extract + a warcio WARC (resource + conversion) + bagit.make_bag
  batch      archiver batch ITEMS --jobs 2
  make       make -j2 archive INBOX=ITEMS PACKAGES=...
  per-item   one `archiver batch ITEM` process per item, two at a time (what a make pattern
             rule per input would cost), on a subset

Targets (issue 5): batch >= 1.5 x baseline, make -j2 archive >= 1.0 x baseline.

Baseline, batch and make run in interleaved rounds (--rounds, default 5). The targets are
judged on items per second over all the rounds (each command's items over its total time);
each command's best round, every round's times and ratios and the median of the rounds'
ratios are printed too (the best round of a single process on a shared machine varies most). Before each timed run the file
system is flushed (``settle``), so that no run pays for an earlier run's write-back, and
earlier rounds' outputs are kept until the end, because on ext4 creating files right after
deleting thousands is slow (the inode allocator skips recently freed inodes) and the run
after a removal paid for it. archiver is byte-compiled and its regex table written first (see
README "Start-up"), like the baseline's libraries' bytecode. The share of the machine's CPU
time the hypervisor gave other guests during each run ("steal" in /proc/stat) is printed per
round: a neighbour's load that takes one CPU halves the two-process batch's capacity while the
one-process baseline moves to the other CPU, so rounds with steal favour the baseline.

    .venv/bin/python tests/benchmarks/bench_batch.py [--items 500] [--rounds 3] [--keep DIR]
        [--pages DIR]   (real pages instead of generated items)
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TEMPLATES = Path(__file__).with_name("batch_templates")

WORDS = {
    "en": (
        "the council harbour budget minister said on Tuesday that reporters residents "
        "election court ruling police statement inquiry workers union strike prices "
        "inflation export ferry storm coast village school hospital report according "
        "officials former senior government agency press conference week month year"
    ),
    "cp1252": (
        "café naïve résumé “quoted” ‘statement’ — déjà façade coöperation señor "
        "Zürich Ångström the minister said officials reported €40 million"
    ),
    "ko": (
        "정부는 화요일 발표에서 지역 주민들이 항구 예산 기자 회견 경찰 조사 "
        "노동자 파업 물가 수출 학교 병원 보고서 관계자 전 장관 선거 법원 판결"
    ),
    "ja": (
        "政府は 火曜日 発表した 住民 港湾 予算 記者 会見 警察 調査 労働者 "
        "物価 輸出 学校 病院 報告書 関係者 元大臣 選挙 裁判所 判決 によると"
    ),
}
VOCABULARY = {language: text.split() for language, text in WORDS.items()}
# (language words, encoding used for the bytes, how the charset is made known)
VARIANTS = [
    ("en", "utf-8", "meta"),
    ("cp1252", "cp1252", "meta"),
    ("ko", "euc-kr", "meta"),
    ("ja", "shift_jis", "meta"),
    ("en", "utf-8", "none"),
    ("ko", "utf-8", "none"),
    ("cp1252", "cp1252", "none"),
]


def sentence(rng: random.Random, language: str) -> str:
    words = [rng.choice(VOCABULARY[language]) for _ in range(rng.randint(8, 20))]
    joiner = "" if language == "ja" else " "
    text = joiner.join(words)
    return text[0].upper() + text[1:] + ("。" if language == "ja" else ".")


def generate(folder: Path, count: int, seed: int = 5) -> None:
    """Write ``count`` varied items into ``folder`` (deterministic for a seed)."""
    rng = random.Random(seed)
    templates = {p.stem: p.read_text(encoding="utf-8") for p in TEMPLATES.glob("*.tmpl")}
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        language, encoding, declared = VARIANTS[n % len(VARIANTS)]
        size = rng.choice([3, 5, 8, 12, 20, 40, 80])  # paragraphs: a brief to a long read
        title = f"{sentence(rng, language)[:60]} ({n})"
        paragraphs = [
            " ".join(sentence(rng, language) for _ in range(rng.randint(2, 6))) for _ in range(size)
        ]
        kind = ("wordpress", "newssite", "dump")[n % 3]
        values = {
            "title": title,
            "charset": f'<meta charset="{encoding}">' if declared == "meta" else "",
            "author": rng.choice(["Ada Reporter", "Kim Min-jun", "Sato Yui", "Luis Ortega"]),
            "date": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "category": rng.choice(["Politics", "Economy", "Local News", "World"]),
            "n": str(n),
        }
        if kind == "dump":
            body = "\n".join(paragraphs)
            path = folder / f"item-{n:04d}.txt"
        else:
            body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
            path = folder / f"item-{n:04d}.html"
        text = templates[kind].replace("{body}", body)
        for key, value in values.items():
            text = text.replace("{" + key + "}", value)
        path.write_bytes(text.encode(encoding, errors="replace"))


# The baseline's work for one item (also run item by item by bench_item_cpu.py).
BASELINE_ITEM = r"""
import hashlib, io, sys, time
from pathlib import Path
import bagit, trafilatura
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

def package(path, out):
    data = path.read_bytes()
    text = trafilatura.extract(data) or ""
    bag = out / path.stem
    bag.mkdir()
    with open(bag / "item.warc.gz", "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        uri = "urn:sha256:" + hashlib.sha256(data).hexdigest()
        kind = "text/html" if path.suffix == ".html" else "text/plain"
        headers = StatusAndHeaders("", [("Content-Type", kind)], protocol="")
        record = writer.create_warc_record(uri, "resource", payload=io.BytesIO(data),
                                           warc_content_type=kind)
        writer.write_record(record)
        record = writer.create_warc_record("urn:text:" + uri, "conversion",
                                           payload=io.BytesIO(text.encode()),
                                           warc_content_type="text/plain; charset=utf-8")
        writer.write_record(record)
    (bag / "article.txt").write_text(text, encoding="utf-8")
    bagit.make_bag(str(bag), {"External-Identifier": uri}, checksums=["sha256"])
"""
BASELINE = (
    BASELINE_ITEM
    + r"""
items, out = Path(sys.argv[1]), Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
for path in sorted(items.iterdir()):
    package(path, out)
"""
)


# Diagnostic only: the same batch with durability switched off (no fsync, no syncfs).
NO_SYNC = (
    "import os; import archiver.package as p; os.fsync = lambda fd: None; "
    "p._syncfs = lambda root: True; from archiver.cli import main; main()"
)


def take_pages(source: Path, folder: Path, count: int) -> None:
    """Copy the first ``count`` files of ``source`` (sorted by name), as .html unless .txt."""
    folder.mkdir(parents=True)
    pages = sorted(p for p in source.iterdir() if p.is_file())[:count]
    for number, page in enumerate(pages):
        suffix = ".txt" if page.suffix == ".txt" else ".html"
        shutil.copyfile(page, folder / f"page-{number:04d}{suffix}")


def settle() -> None:
    """Write back every dirty page and finish pending deletions before a timed run.

    Without this, whoever runs next pays for the previous run's leftovers: the baseline
    never flushes its bags, so the next run's syncfs wrote them out, and the removal of a
    round's 1,500 bags (journal commits, discards) slowed the run after it.
    """
    os.sync()
    time.sleep(0.5)


def file_creation_ms(folder: Path, folders: int = 30, files: int = 9) -> float:
    """Wall milliseconds to create one small file in ``folder``, the way bags are made (a new
    folder holding a few files). Both sides pay it for every file of every bag, archiver a
    few more files than the baseline, and on this machine it has ranged from 0.02 to 0.6 ms
    with the state of the volume (ext4 slows down where many files were created and deleted):
    printed so that a run on a slow volume can be told apart."""
    settle()
    start = time.perf_counter()
    for n in range(folders):
        sub = folder / f"{n}"
        sub.mkdir(parents=True)
        for m in range(files):
            (sub / f"{m}.txt").write_bytes(b"x" * 2000)
    return 1000 * (time.perf_counter() - start) / (folders * files)


def stolen_seconds() -> float | None:
    """CPU seconds the hypervisor has given other guests while this machine's CPUs wanted
    to run ("steal" in /proc/stat, all CPUs together), or None where it is not reported."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()
        return int(fields[8]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def timed(
    command: list[str],
    cpu: list[tuple[float, float]] | None = None,
    steal: list[float | None] | None = None,
    **kwargs: object,
) -> float:
    """Wall seconds of ``command``; its processes' (user, system) CPU seconds go to ``cpu``,
    the share of the machine's CPU time stolen by the hypervisor meanwhile to ``steal``."""
    settle()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    stolen_before = stolen_seconds()
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    elapsed = time.perf_counter() - start
    stolen_after = stolen_seconds()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append((after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime))
    if steal is not None:
        steal.append(
            None
            if stolen_before is None or stolen_after is None
            else (stolen_after - stolen_before) / (elapsed * (os.cpu_count() or 1))
        )
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--per-item-subset", type=int, default=40)
    parser.add_argument(
        "--rounds",
        type=int,
        default=5,
        help="Rounds of baseline, batch and make, interleaved; the targets are judged on "
        "items per second over all of them, and each command's best round is shown too.",
    )
    parser.add_argument("--keep", type=Path, help="Work in this folder and keep it.")
    parser.add_argument(
        "--pages",
        type=Path,
        help="Use the first --items files of this folder (real saved pages, e.g. the "
        "evaluation set's eval/ folder) instead of generated items.",
    )
    args = parser.parse_args()

    # The baseline's libraries come compiled from pip; archiver, installed editable, is
    # compiled here so that neither side compiles source at start-up (this environment sets
    # PYTHONDONTWRITEBYTECODE, which would make every archiver start compile it again).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "archiver")], check=True)
    subprocess.run([sys.executable, "-m", "archiver.regex_cache"], check=True, cwd=REPO)
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-batch-"))
    if work.exists():
        shutil.rmtree(work)
    items = work / "items"
    if args.pages:
        take_pages(args.pages, items, args.items)
    else:
        generate(items, args.items)
    args.items = len(list(items.iterdir()))
    size = sum(p.stat().st_size for p in items.iterdir())
    print(f"{args.items} items, {size / 2**20:.1f} MiB, in {items}; cpus: {os.cpu_count()}")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    env = dict(os.environ, PYTHONHASHSEED="0")
    archiver = [str(BIN / "archiver")]

    def make_archive(packages: Path) -> list[str]:
        return [
            "make",
            "-s",
            "-C",
            str(REPO),
            "-j2",
            "archive",
            f"INBOX={items}",
            f"PACKAGES={packages}",
            f"ARCHIVER={BIN / 'archiver'}",
        ]

    creation_before = file_creation_ms(work / "probe-before")
    times: dict[str, list[float]] = {"baseline": [], "batch": [], "make": []}
    # System time is mostly the file system's: creating the bags' files and folders. On ext4
    # it grows when many inodes were freed in the last minutes (the allocator skips them).
    cpu: dict[str, list[tuple[float, float]]] = {"baseline": [], "batch": [], "make": []}
    # Stolen CPU time per run (see the module's docstring).
    steal: dict[str, list[float | None]] = {"baseline": [], "batch": [], "make": []}
    for round_number in range(args.rounds):
        # Every run starts from a fresh output folder (nothing to skip).
        # The order alternates, so that neither side always runs first after a pause or
        # right after the other's burst of writes.
        order = (
            ("baseline", "batch", "make")
            if round_number % 2 == 0
            else ("make", "batch", "baseline")
        )
        for name in order:
            out = work / f"{name}-{round_number}"
            if name == "baseline":
                command = [sys.executable, "-c", BASELINE, str(items), str(out)]
            elif name == "batch":
                command = [*archiver, "batch", str(items), "-o", str(out), "--jobs", "2"]
            else:
                command = make_archive(out)
            times[name].append(timed(command, cpu[name], steal[name], env=env))
        # Earlier rounds' bags stay until the end: on ext4, creating files soon after
        # deleting many is slow (the inode allocator skips inodes freed in the last minutes:
        # `recently_deleted` in perf), and the run after a removal paid for it.
    baseline, batch, make = (min(times[name]) for name in ("baseline", "batch", "make"))
    nothing = timed(make_archive(work / f"make-{args.rounds - 1}"), env=env)

    no_sync = timed(
        [
            sys.executable,
            "-c",
            NO_SYNC,
            "batch",
            str(items),
            "-o",
            str(work / "nosync"),
            "--jobs",
            "2",
        ],
        env=env,
    )
    subset = sorted(items.iterdir())[: args.per_item_subset]
    per_item_out = work / "per-item"
    xargs = [
        "xargs",
        "-0",
        "-P2",
        "-n1",
        str(BIN / "archiver"),
        "batch",
        "-q",
        "-o",
        str(per_item_out),
    ]
    start = time.perf_counter()
    finished = subprocess.run(
        xargs,
        input=b"\0".join(str(p).encode() for p in subset),
        capture_output=True,
        env=env,
    )
    per_item = time.perf_counter() - start
    if finished.returncode != 0:
        print(f"warning: per-item run failed:\n{finished.stderr.decode(errors='replace')[-2000:]}")

    def rate(seconds: float, count: int = args.items) -> float:
        return count / seconds

    base_rate = rate(baseline)
    rows = [
        ("baseline (trafilatura + warcio + bagit, 1 process)", baseline, base_rate),
        ("archiver batch --jobs 2", batch, rate(batch)),
        ("make -j2 archive", make, rate(make)),
        ("diagnostic: archiver batch --jobs 2, no fsync/syncfs", no_sync, rate(no_sync)),
        (
            f"one process per item, 2 at a time ({len(subset)} items)",
            per_item,
            rate(per_item, len(subset)),
        ),
    ]
    print(f"best of {args.rounds} interleaved rounds (all times, s):")
    for name, values in times.items():
        print(f"  {name:9} {' '.join(f'{v:6.2f}' for v in values)}")
    print(f"{'run':58} {'seconds':>8} {'items/s':>8} {'x baseline':>10}")
    for name, seconds, items_per_s in rows:
        print(f"{name:58} {seconds:8.2f} {items_per_s:8.1f} {items_per_s / base_rate:10.2f}")
    pairs = list(zip(times["baseline"], times["batch"], times["make"], strict=True))
    print(
        "ratio per round (batch, make): "
        + ", ".join(f"{b / t:.2f} {b / m:.2f}" for b, t, m in pairs)
    )
    batch_ratios = sorted(b / t for b, t, _m in pairs)
    make_ratios = sorted(b / m for b, _t, m in pairs)
    print(
        f"median ratio of the rounds: batch {statistics.median(batch_ratios):.2f},"
        f" make {statistics.median(make_ratios):.2f}"
    )
    if all(share is not None for shares in steal.values() for share in shares):
        print(
            "CPU time stolen by the hypervisor per round, % of the machine's: "
            + ", ".join(
                f"{name} " + " ".join(f"{100 * (share or 0):.1f}" for share in shares)
                for name, shares in steal.items()
            )
        )
    for name, usage in cpu.items():
        user = statistics.median(u for u, _ in usage)
        system = statistics.median(k for _, k in usage)
        print(
            f"CPU per run, median of the rounds: {name:9} user {user:5.2f} s,"
            f" system {system:5.2f} s ({1000 * (user + system) / args.items:.1f} ms per item)"
        )
    print(f"make -j2 archive again with nothing new: {nothing:.2f} s")
    creation_after = file_creation_ms(work / "probe-after")
    print(
        f"creating a small file in {work}: {creation_before:.3f} ms before the rounds, "
        f"{creation_after:.3f} ms after (a bag is 9 files and 2 folders; the baseline's 6 and 2)"
    )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    # Items per second over all the rounds: each command's items over its total time.
    overall = {name: sum(values) for name, values in times.items()}
    overall_batch = overall["baseline"] / overall["batch"]
    overall_make = overall["baseline"] / overall["make"]
    print(
        f"items/s over all {args.rounds} rounds, x baseline: batch {overall_batch:.2f},"
        f" make {overall_make:.2f}"
    )

    def verdict(met: bool) -> str:
        return "met" if met else "NOT met"

    print(
        f"targets, items/s over all rounds: batch >= 1.5 x baseline"
        f" ({verdict(overall_batch >= 1.5)}), make -j2 archive >= 1.0 x baseline"
        f" ({verdict(overall_make >= 1.0)})"
    )
    print(
        f"targets, best round of each: batch ({verdict(rate(batch) >= 1.5 * base_rate)}),"
        f" make ({verdict(rate(make) >= base_rate)})"
    )
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
