"""CPU per item in one process: archiver's work against the naive baseline's, item by item.

``make bench-batch`` times whole runs, which a shared machine disturbs by tens of percent
from one run to the next. This benchmark asks the narrower question that decides the
batch's ratio: how much CPU does archiver spend on an item, against the baseline
composition (bench_batch.BASELINE_ITEM: trafilatura.extract + warcio + bagit.make_bag) on
the same item? Both run in this process, alternating item by item (the order flipping every
item and every round), so a burst of load from elsewhere hits both alike; outputs go to a
RAM-backed folder (/dev/shm when present) so that the file system's moods stay out. Start-up
is excluded (both stacks are imported and warmed first). archiver's speed-ups inside
trafilatura (``clean.fallback``, ``clean.selectors``, ``clean.justext_paragraphs``,
``clean.escalation``) patch trafilatura for the whole process: they are switched off while
the baseline runs, so that it costs what it costs in a process of its own (except jusText's
stop words, loaded once per process by whichever side needs them first: 0.1-0.3 s in a run).
Prints CPU per item by kind (HTML pages, text dumps) and the ratio.

    .venv/bin/python tests/benchmarks/bench_item_cpu.py [--items 500] [--rounds 2]
        [--pages DIR]   (real pages instead of generated items)
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_batch import BASELINE_ITEM, generate, take_pages  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--pages", type=Path, help="Real saved pages instead of generated items.")
    args = parser.parse_args()

    from archiver.batch import process_item, warm_up
    from archiver.clean import escalation, fallback, justext_paragraphs, selectors
    from archiver.package import ArchiveOptions

    def patched(enabled: bool) -> None:
        fallback.set_enabled(enabled)
        selectors.set_enabled(enabled)
        justext_paragraphs.set_enabled(enabled)
        escalation.set_enabled(enabled)

    logging.disable(logging.CRITICAL)  # trafilatura and archiver warnings: not measured here
    namespace: dict[str, object] = {}
    exec(BASELINE_ITEM, namespace)  # the very function bench_batch's baseline runs per item
    baseline = namespace["package"]

    ram = Path("/dev/shm") if Path("/dev/shm").is_dir() else None
    work = Path(tempfile.mkdtemp(prefix="bench-item-cpu-", dir=ram))
    try:
        items = work / "items"
        if args.pages:
            take_pages(args.pages, items, args.items)
        else:
            generate(items, args.items)
        paths = sorted(items.iterdir())
        options = ArchiveOptions()
        warm_up()
        (work / "warm").mkdir()
        patched(False)
        baseline(paths[0], work / "warm")  # type: ignore[operator]
        patched(True)
        cpu = {(kind, who): 0.0 for kind in ("html", "txt") for who in ("baseline", "archiver")}
        count = {"html": 0, "txt": 0}
        for round_number in range(args.rounds):
            out = {who: work / f"{who}-{round_number}" for who in ("baseline", "archiver")}
            for folder in out.values():
                folder.mkdir()
            for index, path in enumerate(paths):
                kind = "txt" if path.suffix == ".txt" else "html"
                count[kind] += 1
                order = ("baseline", "archiver")
                for who in order if (index + round_number) % 2 == 0 else order[::-1]:
                    start = time.process_time()
                    if who == "baseline":
                        patched(False)  # trafilatura as the baseline's own process has it
                        baseline(path, out[who])  # type: ignore[operator]
                        patched(True)
                    else:
                        result = process_item(str(path), out[who], options, {})
                        if result.status != "packaged":
                            sys.exit(f"{path}: {result.status}: {result.error}")
                    cpu[kind, who] += time.process_time() - start
            for folder in out.values():
                shutil.rmtree(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"{len(paths)} items x {args.rounds} rounds, interleaved in one process")
    print(f"{'kind':6} {'items':>6} {'baseline ms':>12} {'archiver ms':>12} {'x baseline':>11}")
    total = {"baseline": 0.0, "archiver": 0.0}
    for kind in ("html", "txt"):
        if not count[kind]:
            continue
        base, ours = cpu[kind, "baseline"], cpu[kind, "archiver"]
        total["baseline"] += base
        total["archiver"] += ours
        per = 1000 / count[kind]
        print(f"{kind:6} {count[kind]:6} {base * per:12.2f} {ours * per:12.2f} {ours / base:11.3f}")
    per = 1000 / sum(count.values())
    print(
        f"{'all':6} {sum(count.values()):6} {total['baseline'] * per:12.2f} "
        f"{total['archiver'] * per:12.2f} {total['archiver'] / total['baseline']:11.3f}"
    )


if __name__ == "__main__":
    main()
