"""Verify bags: one report over a bag and the WARCs in it, printed for people or as JSON Lines.

``verify(path)`` checks one bag with archiver.bagcheck (any BagIt bag, 0.93 to 1.0) and, in a
full check, every ``.warc``/``.warc.gz`` in its payload with archiver.warc.check_warc.
``verify_command`` is everything ``archiver verify`` prints. This module imports neither the
extraction stack nor warcio: checking a shelf of bags starts fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from archiver.bag import human_size
from archiver.bagcheck import COMPLETENESS_CODES, DiskFile, check_bag
from archiver.hashing import default_jobs
from archiver.model import InputError, Problem

WARC_SUFFIXES = (".warc", ".warc.gz")
USAGE_EXIT = 2


@dataclass
class Report:
    """The verdict on one bag: valid (no errors), complete, and every problem found."""

    path: Path
    valid: bool
    complete: bool
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    checked: str = "full"
    files: int = 0
    bytes: int = 0
    # Exact numbers of problems found; ``errors`` and ``warnings`` keep at most
    # bagcheck.MAX_PROBLEMS_PER_CODE of each code, plus one ``Omitted`` line per capped code.
    error_count: int | None = None
    warning_count: int | None = None

    def __post_init__(self) -> None:
        if self.error_count is None:
            self.error_count = _count(self.errors)
        if self.warning_count is None:
            self.warning_count = _count(self.warnings)

    @property
    def status(self) -> str:
        """VALID, INCOMPLETE (only completeness errors) or INVALID."""
        if self.valid:
            return "VALID"
        if not self.complete and all(p.code in COMPLETENESS_CODES for p in self.errors):
            return "INCOMPLETE"
        return "INVALID"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form documented in the README (one object per bag)."""
        return {
            "path": str(self.path),
            "valid": self.valid,
            "complete": self.complete,
            "checked": self.checked,
            "files": self.files,
            "bytes": self.bytes,
            "error_count": self.error_count,
            "warning_count": self.warning_count,
            "errors": [problem.to_dict() for problem in self.errors],
            "warnings": [problem.to_dict() for problem in self.warnings],
        }


def verify(
    path: Path | str,
    *,
    fast: bool = False,
    completeness_only: bool = False,
    jobs: int | None = None,
) -> Report:
    """Verify one bag and the WARCs in its payload; return a Report (never raises on bad bags).

    ``fast`` checks the bag's structure and Payload-Oxum only; ``completeness_only`` checks
    that every listed file is present and every present file listed, without checksums.
    ``jobs`` is the number of hashing threads (default: one per CPU, at least two).
    Raises InputError (exit code 2) when ``path`` is not a directory, ValueError when both
    modes are asked for.
    """
    if fast and completeness_only:
        raise ValueError("fast and completeness_only cannot be combined")
    bag = Path(path)
    if not bag.is_dir():
        reason = "no such file or directory" if not bag.exists() else "not a directory"
        raise InputError(str(bag), reason, exit_code=USAGE_EXIT)
    mode = "fast" if fast else "completeness" if completeness_only else "full"
    checked = check_bag(bag, mode=mode, jobs=jobs, keep=WARC_SUFFIXES if mode == "full" else ())
    if checked.payload:
        for problem in _check_warcs(checked.payload, jobs):
            checked.findings.add(problem)  # under the same caps as the bag's own problems
        checked.findings.finish()
    return Report(
        path=bag,
        valid=not checked.errors,
        complete=checked.complete,
        errors=checked.errors,
        warnings=checked.warnings,
        checked=checked.checked,
        files=checked.files,
        bytes=checked.octets,
        error_count=checked.error_count,
        warning_count=checked.warning_count,
    )


def _count(problems: list[Problem]) -> int:
    return sum(getattr(problem, "omitted", 1) for problem in problems)


def _check_warcs(files: list[DiskFile], jobs: int | None) -> list[Problem]:
    """Run archiver.warc.check_warc on each WARC, several at a time (zlib and hashlib
    release the GIL); problems come back in file order."""
    try:
        from archiver.warc import check_warc  # lazy: only bags holding WARCs pay for it
    except ImportError as exc:  # pragma: no cover - only when warc.py is broken
        return [
            Problem("warc-check-unavailable", item.rel, f"WARC not checked: {exc}", "warning")
            for item in files
        ]

    def run(item: DiskFile) -> list[Problem]:
        try:
            return check_warc(Path(item.real), item.rel)
        except Exception as exc:  # a checker bug must not hide the other bags' results
            return [Problem("warc-check-failed", item.rel, f"WARC check failed: {exc!r}")]

    workers = min(len(files), jobs or default_jobs())
    if workers <= 1:
        return [problem for item in files for problem in run(item)]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="warc") as pool:
        return [problem for problems in pool.map(run, files) for problem in problems]


def find_bags(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Expand the paths given on the command line into bags, in order.

    A path holding bagit.txt is a bag. Any other directory is searched breadth first for
    bags (not descending into bags, hidden folders such as in-progress ``.tmp-*`` ones, or
    symlinked folders); the bags found under one path come out sorted. Raises InputError
    (exit code 2) for a missing path, a file, or a directory holding no bag.
    """
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise InputError(str(path), "no such file or directory", exit_code=USAGE_EXIT)
        if not path.is_dir():
            raise InputError(str(path), "not a bag (not a directory)", exit_code=USAGE_EXIT)
        if (path / "bagit.txt").exists():
            yield path
            continue
        found = sorted(_search(path))
        if not found:
            raise InputError(str(path), "not a bag and holds no bag", exit_code=USAGE_EXIT)
        yield from found


def _search(top: Path) -> Iterator[Path]:
    level = [top]
    while level:
        deeper: list[Path] = []
        for directory in level:
            try:
                with os.scandir(directory) as entries:
                    children = sorted(
                        Path(entry.path)
                        for entry in entries
                        if not entry.name.startswith(".") and entry.is_dir(follow_symlinks=False)
                    )
            except OSError:
                continue
            for child in children:
                if (child / "bagit.txt").exists():
                    yield child
                else:
                    deeper.append(child)
        level = deeper


# ---------------------------------------------------------------------------------------------
# Printing


def format_problem(bag: Path, problem: Problem) -> str:
    """One line per problem: ``ERROR <bag>: <path>: <message> [code]``."""
    label = "WARNING" if problem.severity == "warning" else "ERROR"
    text = f"{problem.path}: {problem.message}" if problem.path else problem.message
    return _one_line(f"{label} {bag}: {text} [{problem.code}]")


def format_summary(report: Report) -> str:
    """The per-bag verdict line."""
    warnings = report.warning_count or 0
    if report.status == "VALID":
        extra = f", {warnings} warning{'s' * (warnings != 1)}" if warnings else ""
        return _one_line(
            f"VALID {report.path} ({report.files} file{'s' * (report.files != 1)}, "
            f"{human_size(report.bytes)}, checked: {report.checked}{extra})"
        )
    errors = report.error_count or 0
    return _one_line(
        f"{report.status} {report.path} ({errors} error{'s' * (errors != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)}, checked: {report.checked})"
    )


def _one_line(text: str) -> str:
    # File names may hold line breaks, terminal controls or undecodable bytes (which Python
    # carries as lone surrogates): show them escaped, one problem per line.
    return "".join(ch if ch.isprintable() or ch == "\t" else _escape(ch) for ch in text)


def _escape(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def to_json(report: Report) -> str:
    """One JSON Lines record; names with undecodable bytes are escaped so output stays UTF-8."""
    text = json.dumps(report.to_dict(), ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(report.to_dict(), ensure_ascii=True)
    return text


class _Progress:
    """A one-line progress bar on stderr, drawn only on a terminal."""

    def __init__(self, err: TextIO, total: int) -> None:
        isatty = getattr(err, "isatty", None)
        self.enabled = total > 1 and bool(isatty and isatty())
        self.err = err
        self.total = total
        self.done = 0

    def clear(self) -> None:
        if self.enabled:
            self.err.write("\r\x1b[K")
            self.err.flush()

    def draw(self) -> None:
        if self.enabled:
            width = 30
            filled = width * self.done // self.total
            bar = "#" * filled + "." * (width - filled)
            self.err.write(f"\r[{bar}] {self.done}/{self.total} bags")
            self.err.flush()


def verify_command(
    paths: list[str],
    *,
    fast: bool,
    completeness_only: bool,
    jobs: int | None,
    as_json: bool,
    quiet: bool,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Run ``archiver verify``: print problems and verdicts; return the exit status.

    0 when every bag is valid (warnings allowed), 1 when any is invalid or incomplete,
    2 for a usage error (reported as one line on ``err`` before anything is verified).
    """
    out = out or sys.stdout
    err = err or sys.stderr
    if fast and completeness_only:
        err.write("archiver verify: --fast and --completeness-only cannot be combined\n")
        return USAGE_EXIT
    if not paths:
        err.write("archiver verify: give at least one bag or folder of bags\n")
        return USAGE_EXIT
    try:
        bags = list(find_bags(paths))
    except InputError as exc:
        err.write(_one_line(f"archiver verify: {exc}") + "\n")
        return USAGE_EXIT

    progress = _Progress(err, len(bags))
    counts = {"VALID": 0, "INVALID": 0, "INCOMPLETE": 0}
    progress.draw()
    for bag in bags:
        report = _verify_guarded(bag, fast=fast, completeness_only=completeness_only, jobs=jobs)
        counts[report.status] += 1
        progress.clear()
        if as_json:
            out.write(to_json(report) + "\n")
        else:
            for problem in report.errors + report.warnings:
                out.write(format_problem(bag, problem) + "\n")
            if not quiet:
                out.write(format_summary(report) + "\n")
        out.flush()
        progress.done += 1
        progress.draw()
    progress.clear()
    if not as_json and (len(bags) > 1 or quiet):
        out.write(
            f"{len(bags)} bag{'s' * (len(bags) != 1)}: {counts['VALID']} valid, "
            f"{counts['INVALID']} invalid, {counts['INCOMPLETE']} incomplete\n"
        )
    return 0 if counts["VALID"] == len(bags) else 1


def _verify_guarded(bag: Path, *, fast: bool, completeness_only: bool, jobs: int | None) -> Report:
    """verify(), turning an unexpected failure into an invalid report instead of a traceback."""
    try:
        return verify(bag, fast=fast, completeness_only=completeness_only, jobs=jobs)
    except InputError as exc:
        problem = Problem("not-a-bag", "", exc.message)
    except Exception as exc:  # a bug or an OS failure: report it, go on with the next bag
        problem = Problem("internal-error", "", f"verification failed: {exc!r}")
    return Report(path=bag, valid=False, complete=False, errors=[problem])


def main(argv: list[str] | None = None) -> int:
    """``python -m archiver.verify``: the same as ``archiver verify`` without Click."""
    parser = argparse.ArgumentParser(prog="python -m archiver.verify", description=__doc__)
    parser.add_argument("bags", nargs="+")
    parser.add_argument("--fast", action="store_true")
    parser.add_argument("--completeness-only", action="store_true")
    parser.add_argument("--jobs", "-j", type=int)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--quiet", "-q", action="store_true")
    args = parser.parse_args(argv)
    return verify_command(
        args.bags,
        fast=args.fast,
        completeness_only=args.completeness_only,
        jobs=args.jobs,
        as_json=args.json,
        quiet=args.quiet,
    )


if __name__ == "__main__":
    sys.exit(main())
