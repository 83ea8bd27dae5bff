"""Benchmark: archiver's metadata against trafilatura's on a gold set, side by side.

Usage::

    .venv/bin/python tests/benchmarks/bench_metadata.py --dataset ../shared/eval/trafilatura-evaldata
    ARCHIVER_EVAL_DATA=../shared/eval/trafilatura-evaldata .venv/bin/python tests/benchmarks/bench_metadata.py

The dataset folder holds ``evaldata.json`` ({url: {"file", "title", "author", "date",
"categories", "tags", ...}}) and the pages in ``eval/`` or ``cache/`` (trafilatura's
evaluation set). Scoring follows ``score_metadata.py``: casefolded, whitespace-collapsed
exact match for title/author/sitename (a value where the gold is "" is a false positive),
first ten characters for dates, micro set P/R/F1 for categories and tags. Exits 0 with a
message when the data is absent (CI has none).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Same normalisation as the side-by-side extraction benchmark (one definition of the scoring).
from bench_extract import as_set, norm  # noqa: E402

FIELDS = ("title", "author", "date", "sitename", "categories", "tags")
Extractor = Callable[[bytes, str], dict[str, Any]]


def archiver_extractor(html: bytes, url: str) -> dict[str, Any]:
    from archiver.metadata import extract_meta_for_scoring

    return extract_meta_for_scoring(html, url)


def trafilatura_extractor(html: bytes, url: str) -> dict[str, Any]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url or None, with_metadata=True)
    if doc is None:
        return {}
    values = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return {field: values.get(field) for field in FIELDS}


def load(dataset: Path, limit: int | None) -> list[tuple[str, Path, dict[str, Any]]]:
    gold = json.loads((dataset / "evaldata.json").read_text(encoding="utf-8"))
    items = []
    for url in sorted(gold):
        entry = gold[url]
        path = next(
            (
                dataset / d / entry["file"]
                for d in ("eval", "cache")
                if (dataset / d / entry["file"]).is_file()
            ),
            None,
        )
        if path is not None:
            items.append((url, path, entry))
    return items[:limit] if limit else items


def score(items: list[tuple[str, Path, dict[str, Any]]], extract: Extractor) -> dict[str, Any]:
    stats = {
        f: {"n": 0, "exact": 0, "fp": 0, "empty": 0, "tp": 0, "np": 0, "ng": 0} for f in FIELDS
    }
    seconds = 0.0
    for url, path, gold in items:
        html = path.read_bytes()
        started = time.perf_counter()
        try:
            predicted = extract(html, url) or {}
        except Exception as error:  # one page's failure must not end the run
            print(f"  {path.name}: {type(error).__name__}: {error}", file=sys.stderr)
            predicted = {}
        seconds += time.perf_counter() - started
        for field in FIELDS:
            if field not in gold:
                continue
            entry = stats[field]
            if field in ("categories", "tags"):
                want, got = as_set(gold[field]), as_set(predicted.get(field))
                entry["n"] += 1
                entry["tp"] += len(want & got)
                entry["np"] += len(got)
                entry["ng"] += len(want)
                continue
            want_s, got_s = norm(gold[field]), norm(predicted.get(field))
            if field == "date":
                want_s, got_s = want_s[:10], got_s[:10]
            if not want_s:
                entry["empty"] += 1
                entry["fp"] += bool(got_s)
                continue
            entry["n"] += 1
            entry["exact"] += want_s == got_s
    return {"fields": stats, "seconds": seconds / max(1, len(items))}


def figure(entry: dict[str, int], field: str) -> str:
    if field in ("categories", "tags"):
        precision = entry["tp"] / entry["np"] if entry["np"] else 0.0
        recall = entry["tp"] / entry["ng"] if entry["ng"] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return f"F1 {f1:.3f}"
    text = f"{entry['exact'] / max(1, entry['n']):.3f}"
    if entry["empty"]:
        text += f" ({entry['fp']}/{entry['empty']} FP)"
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=os.environ.get("ARCHIVER_EVAL_DATA"))
    parser.add_argument("--limit", type=int, help="score only the first N pages")
    parser.add_argument("--no-baseline", action="store_true", help="skip trafilatura")
    args = parser.parse_args(argv)
    if not args.dataset or not (Path(args.dataset) / "evaldata.json").is_file():
        print("bench_metadata: no dataset (give --dataset DIR or ARCHIVER_EVAL_DATA); skipped")
        return 0
    warnings.simplefilter("ignore")
    items = load(Path(args.dataset), args.limit)
    print(f"{len(items)} pages from {args.dataset}")
    runs = {"archiver": score(items, archiver_extractor)}
    if not args.no_baseline:
        runs["trafilatura"] = score(items, trafilatura_extractor)
    names = list(runs)
    print(f"{'field':<12}" + "".join(f"{n:>24}" for n in names))
    for field in FIELDS:
        print(
            f"{field:<12}"
            + "".join(f"{figure(runs[n]['fields'][field], field):>24}" for n in names)
        )
    print(f"{'s/page':<12}" + "".join(f"{runs[n]['seconds']:>24.4f}" for n in names))
    if "trafilatura" in runs and runs["trafilatura"]["seconds"]:
        ratio = runs["archiver"]["seconds"] / runs["trafilatura"]["seconds"]
        print(
            f"speed: archiver takes {ratio:.2f}x trafilatura's time per page (2 shared cores: noisy)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
