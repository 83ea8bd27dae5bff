"""Benchmark: archiver vs trafilatura on trafilatura's evaluation set, side by side.

    .venv/bin/python tests/benchmarks/bench_extract.py [--dataset DIR] [--limit N] [--workers 2]

DIR holds ``evaldata.json`` plus the pages in ``eval/`` and ``cache/`` (trafilatura's tests
layout). Default: $ARCHIVER_EVAL_DATA, else ../shared/eval/trafilatura-evaldata next to the
repository. When the data is absent the benchmark says so and exits 0 (CI has no data).

Scoring is the same as the shared scorers (score_extract.py, score_metadata.py):
- body: "must contain" / "must not contain" snippets, whitespace-normalised substring
  match, TP/FP/FN summed over the corpus, precision, recall, F1;
- title, author, sitename: exact match after casefold and whitespace collapse; author also
  counts predictions on pages whose gold author is "" (false authors);
- date: first 10 characters equal;
- categories, tags: case-insensitive sets, micro precision/recall/F1 over items.
Both extractors run in the same worker processes on the same pages; seconds per page are
measured around each call. The machine may be shared: timings are noisy, ratios less so.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from multiprocessing import Pool
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
DEFAULT_DATASET = REPO.parent / "shared" / "eval" / "trafilatura-evaldata"
FIELDS = ["title", "author", "date", "sitename", "categories", "tags"]
NAMES = ("archiver", "trafilatura")


# ----------------------------------------------------------------- scoring (as the scorers)


def wsnorm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def norm(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(value)
    return re.sub(r"\s+", " ", str(value)).strip().casefold()


def as_set(value: Any) -> set[str]:
    if not value:
        return set()
    if isinstance(value, str):
        value = re.split(r"\s*[,;]\s*", value)
    return {norm(x) for x in value if norm(x)}


def body_counts(text: str, with_: list[str], without: list[str]) -> tuple[int, int, int]:
    out = wsnorm(text or "")
    tp = sum(1 for w in with_ if wsnorm(w) in out)
    fp = sum(1 for w in without if wsnorm(w) in out)
    return tp, fp, len(with_) - tp


# ----------------------------------------------------------------- extractors


def run_archiver(html: bytes, url: str) -> tuple[str, dict[str, Any]]:
    from archiver.extract import extract
    from archiver.model import InputError

    try:
        article = extract(html, url=url or None, media_type="text/html")
    except InputError:
        return "", {}
    m = article.metadata
    meta = {
        "title": m.title,
        "author": ", ".join(m.authors) or None,  # as the scoring adapter (the gold's usual joiner)
        "date": m.published,
        "sitename": m.site_name,
        "categories": m.categories,
        "tags": m.tags,
    }
    return article.text, meta


def run_trafilatura(html: bytes, url: str) -> tuple[str, dict[str, Any]]:
    import trafilatura

    text = trafilatura.extract(html, url=url or None, include_comments=False) or ""
    doc = trafilatura.bare_extraction(html, url=url or None, with_metadata=True)
    if doc is None:
        return text, {}
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return text, {k: d.get(k) for k in FIELDS}


RUNNERS = {"archiver": run_archiver, "trafilatura": run_trafilatura}


def _warm() -> None:
    import warnings

    warnings.simplefilter("ignore")
    page = b"<html><body><article><p>" + b"Warm up text for the parsers. " * 20 + b"</p></article>"
    for runner in RUNNERS.values():
        runner(page + b"</body></html>", "")


def score_page(item: dict[str, Any]) -> dict[str, Any]:
    html = Path(item["path"]).read_bytes()
    result: dict[str, Any] = {}
    for name, runner in RUNNERS.items():
        start = time.perf_counter()
        try:
            text, meta = runner(html, item["url"])
            error = None
        except Exception as exc:  # a crash scores as empty output, and is counted
            text, meta, error = "", {}, f"{type(exc).__name__}: {exc}"
        result[name] = {
            "seconds": time.perf_counter() - start,
            "body": body_counts(text, item["with"], item["without"]),
            "meta": meta,
            "error": error,
        }
    return result


# ----------------------------------------------------------------- aggregation


def aggregate(items: list[dict[str, Any]], results: list[dict[str, Any]], name: str) -> dict:
    tp = sum(r[name]["body"][0] for r in results)
    fp = sum(r[name]["body"][1] for r in results)
    fn = sum(r[name]["body"][2] for r in results)
    p = tp / (tp + fp) if tp + fp else 0.0
    r_ = tp / (tp + fn) if tp + fn else 0.0
    out: dict[str, Any] = {
        "body": {"precision": p, "recall": r_, "f1": 2 * p * r_ / (p + r_) if p + r_ else 0.0},
        "seconds_per_page": sum(r[name]["seconds"] for r in results) / max(1, len(results)),
        "errors": sum(1 for r in results if r[name]["error"]),
    }
    for field in FIELDS:
        n = exact = fp_empty = n_empty = set_tp = set_np = set_ng = 0
        for item, result in zip(items, results, strict=True):
            gold = item["gold"]
            if field not in gold:
                continue
            pred = result[name]["meta"].get(field)
            if field in ("categories", "tags"):
                gs, ps = as_set(gold[field]), as_set(pred)
                set_tp += len(gs & ps)
                set_np += len(ps)
                set_ng += len(gs)
                n += 1
                continue
            gv, pv = norm(gold[field]), norm(pred)
            if field == "date":
                gv, pv = gv[:10], pv[:10]
            if not gv:
                n_empty += 1
                fp_empty += bool(pv)
                continue
            n += 1
            exact += gv == pv
        if field in ("categories", "tags"):
            sp = set_tp / set_np if set_np else 0.0
            sr = set_tp / set_ng if set_ng else 0.0
            out[field] = {"n": n, "f1": 2 * sp * sr / (sp + sr) if sp + sr else 0.0}
        else:
            out[field] = {
                "n": n,
                "exact": exact / max(1, n),
                "false_on_empty": fp_empty,
                "n_empty": n_empty,
            }
    return out


def load(dataset: Path, limit: int | None) -> list[dict[str, Any]]:
    gold = json.loads((dataset / "evaldata.json").read_text(encoding="utf-8"))
    items = []
    for url in sorted(gold):
        entry = gold[url]
        path = next(
            (
                dataset / d / entry["file"]
                for d in ("cache", "eval")
                if (dataset / d / entry["file"]).is_file()
            ),
            None,
        )
        if path is None:
            continue
        items.append(
            {
                "url": url,
                "path": str(path),
                "with": entry.get("with", []),
                "without": entry.get("without", []),
                "gold": {k: entry[k] for k in FIELDS if k in entry},
            }
        )
    return items[:limit] if limit else items


def report(summary: dict[str, dict], pages: int) -> str:
    a, t = summary["archiver"], summary["trafilatura"]
    lines = [
        f"pages: {pages}",
        f"{'measure':<34} {'archiver':>10} {'trafilatura':>12} {'ratio':>7}",
    ]

    def row(label: str, x: float, y: float, fmt: str = "{:.3f}") -> None:
        ratio = f"{x / y:7.2f}" if y else "      -"
        lines.append(f"{label:<34} {fmt.format(x):>10} {fmt.format(y):>12} {ratio}")

    for key in ("precision", "recall", "f1"):
        row(f"body {key}", a["body"][key], t["body"][key])
    for field in ("title", "author", "date", "sitename"):
        row(f"{field} exact (n={a[field]['n']})", a[field]["exact"], t[field]["exact"])
    lines.append(
        f"{'false authors (gold has none, n=' + str(a['author']['n_empty']) + ')':<34} "
        f"{a['author']['false_on_empty']:>10} {t['author']['false_on_empty']:>12}"
    )
    for field in ("categories", "tags"):
        row(f"{field} set F1 (n={a[field]['n']})", a[field]["f1"], t[field]["f1"])
    row("seconds per page", a["seconds_per_page"], t["seconds_per_page"], "{:.4f}")
    lines.append(f"{'errors':<34} {a['errors']:>10} {t['errors']:>12}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, default=None, help="write the summary here")
    args = parser.parse_args(argv)
    dataset = args.dataset or Path(os.environ.get("ARCHIVER_EVAL_DATA") or DEFAULT_DATASET)
    if not (dataset / "evaldata.json").is_file():
        print(f"bench_extract: no evaluation data at {dataset}; skipped")
        return 0
    sys.path.insert(0, str(REPO))
    items = load(dataset, args.limit)
    start = time.perf_counter()
    with Pool(args.workers, initializer=_warm) as pool:
        results = pool.map(score_page, items, chunksize=4)
    summary = {name: aggregate(items, results, name) for name in NAMES}
    print(f"dataset: {dataset}")
    print(report(summary, len(items)))
    print(f"wall time: {time.perf_counter() - start:.1f} s with {args.workers} workers")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
