"""Many items: find the inputs, package them in worker processes, skip what is already packaged.

``run_batch(sources, out_dir)`` expands folders and list files into items, then packages each
item with the same steps as ``archiver.package.archive``. Work runs in long-lived worker
processes that import and warm up the extraction stack once; the parent only hands out items,
draws progress, writes the JSON Lines report and (for ``make archive``) stamp files.

Incremental: an item is hashed first and its package id (sha256 mixed with the shaping options,
see ``package.package_id``) looked up among the finished bags of the output folder, whose
names end in ``-<id>``. The bag folders are the truth: there is no index file to drift out of
step with them. A changed input gets a new id and so a new bag; old bags are never touched.
URLs are always fetched (only the bytes tell whether they changed); when the fetched bytes
match an existing bag the item is reported as skipped and nothing is written.

Interruption: SIGINT (Ctrl-C) or SIGTERM stops the workers, whose half-built bags live in
hidden ``.tmp-*`` folders that are removed on the way out; SIGKILL leaves only complete bags
and hidden temporaries, which the next run removes. Workers notice a parent that died and stop.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .model import ArchiverError, BagExistsError, InputError, OutputError

LIST_SUFFIXES = (".list", ".lst", ".urls")
# date-slug-id as written by package.bag_name; the slug is never empty ("item" at least).
BAG_NAME = re.compile(r"\d{4}-\d{2}-\d{2}-.+-(?P<id>[0-9a-f]{12})")
STATUSES = ("packaged", "skipped", "failed", "interrupted")
EXIT_FAILED = 1
EXIT_INTERRUPTED = 130
PLAIN_INTERVAL = 10.0  # seconds between progress lines when stderr is not a terminal
TTY_INTERVAL = 0.2
_WORKER_GRACE = 10.0  # seconds a terminated worker gets to remove its temporary bag


@dataclass(frozen=True)
class Item:
    """One input of a batch: a file path or URL, or a problem found while listing inputs."""

    source: str
    error: str | None = None  # set when the item cannot even be listed (unreadable list file)


@dataclass
class ItemResult:
    """What happened to one item; one line of the JSON Lines report."""

    source: str
    status: str  # one of STATUSES
    bag: str | None = None
    error: str | None = None
    package_id: str | None = None
    input_mtime_ns: int | None = None  # of a local file, read before hashing (for stamps)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "status": self.status,
            "bag": self.bag,
            "error": self.error,
            "package_id": self.package_id,
        }


@dataclass
class BatchSummary:
    """Counts and per-item results of a batch run."""

    results: list[ItemResult] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False

    def count(self, status: str) -> int:
        return sum(1 for result in self.results if result.status == status)

    @property
    def packaged(self) -> int:
        return self.count("packaged")

    @property
    def skipped(self) -> int:
        return self.count("skipped")

    @property
    def failed(self) -> int:
        return self.count("failed")

    @property
    def exit_code(self) -> int:
        """0 only when every item was packaged or already packaged."""
        if self.interrupted:
            return EXIT_INTERRUPTED
        return EXIT_FAILED if self.failed else 0

    def line(self) -> str:
        """One human summary line."""
        done = self.packaged + self.skipped + self.failed
        rate = done / self.seconds if self.seconds > 0 else 0.0
        text = (
            f"{self.packaged} packaged, {self.skipped} skipped (already packaged), "
            f"{self.failed} failed in {self.seconds:.1f} s ({rate:.1f} items/s)"
        )
        if self.interrupted:
            left = self.count("interrupted")
            text += f"; interrupted with {left} not done (run again to complete them)"
        return text


# --- listing the inputs -------------------------------------------------------------------


def is_list_file(argument: str) -> bool:
    """True when a command-line SOURCE names a list file rather than one input file."""
    return argument.startswith("@") or argument.lower().endswith(LIST_SUFFIXES)


def discover(sources: Iterable[str | Path], *, exclude: Path | None = None) -> list[Item]:
    """Expand SOURCES into items, in order, each path or URL once.

    A folder gives every non-hidden file below it (sorted; hidden files and folders, and
    ``exclude`` (the output folder), are left out). ``@FILE`` or a file named ``*.list``,
    ``*.lst`` or ``*.urls`` is a list: one path or URL per line, blank lines and lines
    starting with ``#`` ignored, relative paths resolved against the list file's folder.
    Anything else is one item (a file path or an http(s) URL).
    """
    from .sources import is_url

    excluded = exclude.resolve() if exclude is not None else None
    items: list[Item] = []
    seen: set[str] = set()

    def add(item: Item) -> None:
        key = item.source if is_url(item.source) else os.path.abspath(item.source)
        if key not in seen:
            seen.add(key)
            items.append(item)

    for argument in map(str, sources):
        if is_url(argument):
            add(Item(argument))
        elif os.path.isdir(argument):
            for path in _walk(Path(argument), excluded):
                add(Item(str(path)))
        elif is_list_file(argument):
            name = argument[1:] if argument.startswith("@") else argument
            for item in _read_list(Path(name), excluded):
                add(item)
        else:
            add(Item(argument))
    return items


def _walk(folder: Path, excluded: Path | None) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        # Hidden folders hold temporaries and stamps; never descend into the output folder.
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and (excluded is None or (here / d).resolve() != excluded)
        )
        for name in sorted(files):
            if not name.startswith("."):
                yield here / name


def _read_list(path: Path, excluded: Path | None) -> Iterator[Item]:
    from .sources import is_url

    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        yield Item(str(path), "no such list file")
        return
    except UnicodeDecodeError:
        yield Item(str(path), "list file is not UTF-8 text")
        return
    except OSError as error:
        yield Item(str(path), error.strerror or str(error))
        return
    base = path.parent
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if is_url(line):
            yield Item(line)
            continue
        target = Path(os.path.expanduser(line))
        if not target.is_absolute():
            target = base / target
        if target.is_dir():
            yield from (Item(str(p)) for p in _walk(target, excluded))
        else:
            yield Item(str(target))


def existing_bags(out_dir: Path) -> dict[str, str]:
    """Map package id -> bag folder name for the finished bags in ``out_dir``.

    A finished bag is a non-hidden folder named ``<date>-<slug>-<id>`` holding ``bagit.txt``
    (bags appear under such a name only by an atomic rename once complete).
    """
    found: dict[str, str] = {}
    try:
        entries = list(os.scandir(out_dir))
    except OSError:
        return found
    for entry in sorted(entries, key=lambda e: e.name):
        match = BAG_NAME.fullmatch(entry.name)
        if match and entry.is_dir() and os.path.isfile(os.path.join(entry.path, "bagit.txt")):
            found.setdefault(match["id"], entry.name)
    return found


# --- one item (runs in a worker) ----------------------------------------------------------


def process_item(
    source: str,
    out_dir: Path,
    options: Any,
    known: Mapping[str, str],
    pending: list[Any] | None = None,
) -> ItemResult:
    """Package one item unless a bag with its package id exists; never raises ArchiverError.

    ``known`` maps package ids to bag names found when the batch started. With ``pending``
    (a list), a new bag is left in its temporary and added there (see
    ``package.archive_capture``): the result says "packaged" only once ``_Group.commit``
    has installed it.
    """
    from .package import archive_capture, package_id
    from .sources import capture_file, is_url, open_source

    mtime: int | None = None
    try:
        if is_url(source):
            capture = open_source(source, workdir=out_dir, fetch_options=options.fetch)
        else:
            with contextlib.suppress(OSError):
                mtime = os.stat(source).st_mtime_ns
            capture = capture_file(Path(source), source)
        try:
            identifier = package_id(capture.sha256, options)
            name = known.get(identifier)
            if name and (out_dir / name).is_dir():
                return ItemResult(source, "skipped", str(out_dir / name), None, identifier, mtime)
            # package.archive() would capture (and hash, or fetch) the source again.
            bag = archive_capture(capture, out_dir, options=options, defer=pending)
        finally:
            capture.discard()
        return ItemResult(source, "packaged", str(bag), None, identifier, mtime)
    except ArchiverError as error:
        existing = _bag_named_by(error)
        if existing is not None:
            # The same bytes were packaged meanwhile (a duplicate input in this batch, or a URL
            # whose bytes match an earlier capture): the bag is there, nothing was overwritten.
            match = BAG_NAME.fullmatch(existing.name)
            identifier = match["id"] if match else None
            return ItemResult(source, "skipped", str(existing), None, identifier, mtime)
        return ItemResult(source, "failed", error=_describe(error, source))
    except OSError as error:
        return ItemResult(source, "failed", error=error.strerror or str(error))
    except Exception as error:  # one broken item must not stop the batch
        if os.environ.get("ARCHIVER_DEBUG"):
            raise
        return ItemResult(
            source, "failed", error=f"internal error: {type(error).__name__}: {error}"
        )


def _bag_named_by(error: ArchiverError) -> Path | None:
    """The finished bag a BagExistsError names.

    The bag's name ends in this item's package id, so the bag holds these very bytes: either
    "already exists" before building, or a lost race at the final rename with another worker.
    """
    if not isinstance(error, BagExistsError):
        return None
    return error.bag if (error.bag / "bagit.txt").is_file() else None


def _describe(error: ArchiverError, source: str) -> str:
    return error.message if error.subject == source else f"{error.subject}: {error.message}"


_WARM = False


def warm_up() -> None:
    """Import the whole per-item stack and run it once, so every later item pays only its work.

    Runs the extractor on an HTML page, a text dump and a page in an undeclared legacy
    encoding (charset detection imports every codec it tries, about 0.1 s, on first use),
    builds every line gate of the residue rules, loads what writing a bag needs (WARC
    writer, libc's syncfs) and packages a page with a byline into a temporary folder,
    thrown away. The batch calls it before forking its workers, so they all start warm, and
    ``make install`` builds the regex table from it (see ``regex_cache``).
    """
    global _WARM
    if _WARM:
        return
    _WARM = True
    try:
        from . import bag, package, sources, warc  # noqa: F401
        from .clean import rules
        from .extract import extract

        # Long enough that trafilatura does not fall back to justext, whose stoplists of
        # every language take 0.2 s to load: a worker loads them only if a page needs them.
        paragraph = (
            b"<p>A paragraph long enough to be kept as the article body, so that the "
            b"extractor runs all of its usual stages once before the first real item.</p>"
        )
        page = (
            b"<html><head><title>Warm up</title><meta charset=utf-8></head><body><article>"
            b"<h1>Warm up</h1>" + paragraph * 4 + b"</article></body></html>"
        )
        extract(page, media_type="text/html")
        dump = b"Warm up\n\nA text dump.\n\nThis entry was posted in News by Jane Roe.\n"
        extract(dump, media_type="text/plain")
        legacy = "<p>Caf\u00e9 d\u00e9j\u00e0 vu \u2014 \u201cna\u00efve\u201d r\u00e9sum\u00e9</p>"
        legacy_page = f"<html><body>{legacy}</body></html>".encode("cp1252")
        extract(legacy_page.replace(b"</p>", b"</p>" + paragraph * 4), media_type="text/html")
        rules.warm_up()
        warc.warm_up()
        package.warm_up()
        _package_one(page.replace(b"<h1>Warm up</h1>", b"<h1>Warm up</h1><p>By Jane Roe</p>"))
    except Exception:  # a broken stack shows up as each item's error, not here
        pass


def _package_one(page: bytes) -> None:
    """Build one bag of ``page`` in a temporary folder and throw it away: the first bag
    compiles what no extraction does (bag naming, tag-file folding, the author-name checks
    of a byline), 20-40 ms that each worker paid on its first items."""
    from .bag import write_file
    from .package import ArchiveOptions, discard_pending

    with tempfile.TemporaryDirectory(prefix="archiver-warm-up-") as folder:
        source = os.path.join(folder, "warm-up.html")
        write_file(source, page)
        pending: list[Any] = []
        try:
            process_item(source, Path(folder), ArchiveOptions(), {}, pending)
        finally:
            discard_pending(pending)


# --- worker processes ---------------------------------------------------------------------


class _Terminated(BaseException):
    """Raised in a worker by SIGTERM so that ``finally`` blocks remove its temporary bag."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise _Terminated()


def _watch_parent(parent: int) -> None:
    """Stop this worker when its parent dies (SIGKILL): no orphan keeps writing bags."""
    while True:
        time.sleep(0.25)
        if os.getppid() != parent:
            os.kill(os.getpid(), signal.SIGTERM)
            return


GROUP_SIZE = 8  # bags installed together with one file-system flush
GROUP_SECONDS = 1.0  # ... unless the oldest has waited this long


class _Group:
    """Bags built but not yet installed, with their results (held back until installed).

    Flushing the file system once per bag costs a worker about a millisecond of waiting per
    item; one flush for a group of bags, then their renames, is as safe (every bag is
    complete on disk before its final name appears) and cheaper.
    """

    def __init__(self) -> None:
        self.pending: list[Any] = []
        self.held: list[ItemResult] = []
        self.since = 0.0

    def add(self, result: ItemResult, before: int) -> bool:
        """Hold ``result`` when its item left a bag to install (True), else False."""
        if len(self.pending) == before:
            return False
        if not self.held:
            self.since = time.monotonic()
        self.held.append(result)
        return True

    def due(self, more_waiting: bool) -> bool:
        return bool(self.held) and (
            not more_waiting
            or len(self.held) >= GROUP_SIZE
            or time.monotonic() - self.since >= GROUP_SECONDS
        )

    def commit(self) -> list[ItemResult]:
        """Install the held bags; return their final results."""
        from .package import install_pending

        pending, held = self.pending, self.held
        self.pending, self.held = [], []
        results = []
        for result, outcome in zip(held, install_pending(pending), strict=True):
            if isinstance(outcome, ArchiverError):
                existing = _bag_named_by(outcome)
                if existing is not None:
                    result = ItemResult(
                        result.source,
                        "skipped",
                        str(existing),
                        None,
                        result.package_id,
                        result.input_mtime_ns,
                    )
                else:
                    result = ItemResult(result.source, "failed", error=outcome.message)
            results.append(result)
        return results

    def discard(self) -> None:
        from .package import discard_pending

        discard_pending(self.pending)
        self.pending, self.held = [], []


class _Committer:
    """Installs a worker's finished groups on a thread, while the worker builds the next bags.

    Installing waits for the file system to flush (syncfs), which is idle time for the CPU;
    on its own thread that wait overlaps the next items' extraction instead of stalling it.
    At most one group is being installed at a time, so results keep their order and a
    worker never holds more than two groups of temporaries.
    """

    def __init__(self, send: Any) -> None:
        self.send = send
        self.thread: threading.Thread | None = None

    def submit(self, group: _Group) -> None:
        self.wait()
        self.thread = threading.Thread(target=self._install, args=(group,))
        self.thread.start()

    def _install(self, group: _Group) -> None:
        held = list(group.held)
        try:
            results = group.commit()
        except Exception as error:  # never leave the parent waiting for these items
            group.discard()
            reason = f"could not install the bag ({type(error).__name__}: {error})"
            results = [ItemResult(r.source, "failed", error=reason) for r in held]
        self.send(results)

    def wait(self) -> None:
        if self.thread is not None:
            self.thread.join()
            self.thread = None


def _worker_main(
    connection: Any,
    out_dir: Path,
    options: Any,
    known: Mapping[str, str],
    parent: int,
    regex_table: Path | None = None,
) -> None:
    # Ctrl-C reaches the whole process group: the parent alone decides what happens.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_sigterm)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    lock = threading.Lock()

    def send(results: list[ItemResult]) -> None:
        with lock:
            connection.send(results)

    committer = _Committer(send)
    group = _Group()
    try:
        if regex_table is not None:
            from . import regex_cache

            regex_cache.install(regex_table)  # no-op in a forked worker: inherited
        warm_up()
        while True:
            try:
                source = connection.recv()
            except (EOFError, OSError):
                return
            if source is None:
                if group.held:
                    committer.submit(group)
                    group = _Group()
                committer.wait()
                return
            before = len(group.pending)
            result = process_item(source, out_dir, options, known, group.pending)
            if not group.add(result, before):
                send([result])
            if group.due(connection.poll()):
                committer.submit(group)
                group = _Group()
    except _Terminated:
        return
    finally:
        group.discard()  # bags of an interrupted group are never installed half-way
        with contextlib.suppress(_Terminated):
            committer.wait()  # a group being installed is finished: each bag is complete


@dataclass
class _Worker:
    process: Any
    connection: Any
    sources: list[str] = field(default_factory=list)  # sent, no result yet


# fork shares the warmed-up stack with every worker; other platforms spawn and warm up.
START_METHOD = "fork" if sys.platform == "linux" else "spawn"


class _Pool:
    """Long-lived worker processes, each with a few items queued ahead.

    A worker installs the bags of the items it has queued together (see ``_Group``); near the
    end of the batch workers get one item at a time, so that none is left with a backlog
    while another is idle. A worker that dies with several items queued cannot say which
    one killed it: they are handed out again one at a time, so that only the culprit fails.
    """

    def __init__(self, jobs: int, out_dir: Path, options: Any, known: Mapping[str, str]):
        import multiprocessing

        self.context = multiprocessing.get_context(START_METHOD)
        # A spawned worker starts from nothing: it loads the regex table itself when the
        # command line uses one (a forked worker shares its parent's).
        from . import regex_cache

        self.args = (out_dir, options, known, os.getpid(), regex_cache.installed_path())
        self.workers = [self._start() for _ in range(jobs)]
        self.deaths = 0
        self.suspects: set[str] = set()

    def _start(self) -> _Worker:
        parent_end, child_end = self.context.Pipe()
        process = self.context.Process(
            target=_worker_main, args=(child_end, *self.args), daemon=True
        )
        process.start()
        child_end.close()
        return _Worker(process, parent_end)

    def run(self, sources: deque[str], timeout: float) -> Iterator[ItemResult | None]:
        """Yield results as they come (None after ``timeout`` seconds without any)."""
        from multiprocessing.connection import wait

        for worker in self.workers:
            self._feed(worker, sources)
        while any(worker.sources for worker in self.workers):
            busy = [w for w in self.workers if w.sources]
            handles = [w.connection for w in busy] + [w.process.sentinel for w in busy]
            ready = wait(handles, timeout)
            if not ready:
                yield None
                continue
            for worker in busy:
                if worker.connection in ready or worker.process.sentinel in ready:
                    yield from self._collect(worker, sources)
            for worker in self.workers:  # including any replacement of a worker that died
                self._feed(worker, sources)

    def _feed(self, worker: _Worker, sources: deque[str]) -> None:
        if not worker.process.is_alive() or any(s in self.suspects for s in worker.sources):
            return
        # Two groups ahead: the worker builds one while its committer installs the other.
        ahead = max(1, min(2 * GROUP_SIZE, len(sources) // (2 * len(self.workers))))
        while sources and len(worker.sources) < ahead:
            if sources[0] in self.suspects and worker.sources:
                return  # a suspect goes to a worker that has nothing else
            source = sources.popleft()
            worker.sources.append(source)
            worker.connection.send(source)
            if source in self.suspects:
                return

    def _collect(self, worker: _Worker, sources: deque[str]) -> Iterator[ItemResult]:
        try:
            while worker.connection.poll():
                results: list[ItemResult] = worker.connection.recv()
                for result in results:
                    if result.source in worker.sources:
                        worker.sources.remove(result.source)
                    yield result
        except (EOFError, OSError):
            pass
        if worker.process.is_alive() or not worker.sources:
            return
        # The worker died mid-item (killed, out of memory, crash): replace it.
        worker.process.join()
        code = worker.process.exitcode
        self.deaths += 1
        index = self.workers.index(worker)
        self.workers[index] = replacement = self._start()
        if self.deaths > 2 * len(self.workers) + 2:
            replacement.process.terminate()  # workers keep dying: stop replacing them
        lost, worker.sources = worker.sources, []
        if len(lost) > 1:
            # Which of them killed it is unknown: each goes again, alone.
            self.suspects.update(lost)
            sources.extendleft(reversed(lost))
            return
        why = f"signal {-code}" if code is not None and code < 0 else f"exit status {code}"
        yield ItemResult(lost[0], "failed", error=f"worker process died ({why})")

    def in_flight(self) -> list[str]:
        return [source for worker in self.workers for source in worker.sources]

    def close(self) -> None:
        for worker in self.workers:
            with contextlib.suppress(OSError, ValueError):
                worker.connection.send(None)
        self._join(_WORKER_GRACE)

    def terminate(self) -> None:
        """SIGTERM every worker (each removes its temporary bag), then SIGKILL stragglers."""
        for worker in self.workers:
            if worker.process.is_alive():
                worker.process.terminate()
        self._join(_WORKER_GRACE)

    def _join(self, grace: float) -> None:
        deadline = time.monotonic() + grace
        for worker in self.workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.connection.close()


# --- progress -----------------------------------------------------------------------------


class Progress:
    """A one-line bar with counts and rate on a terminal; a plain line now and then otherwise."""

    def __init__(self, total: int, stream: TextIO | None, interval: float | None = None):
        self.total = total
        self.stream = stream
        self.tty = bool(stream is not None and stream.isatty())
        self.interval = interval or (TTY_INTERVAL if self.tty else PLAIN_INTERVAL)
        self.start = time.monotonic()
        self.last = self.start
        self.counts = dict.fromkeys(STATUSES, 0)
        self.drawn = False

    def update(self, result: ItemResult | None) -> None:
        if result is not None:
            self.counts[result.status] += 1
            if result.status == "failed":
                self.message(f"archiver: {result.source}: {result.error}")
        now = time.monotonic()
        if now - self.last >= self.interval:
            self.last = now
            self.draw()

    def message(self, text: str) -> None:
        if self.stream is None:
            return
        self.clear()
        print(text, file=self.stream, flush=True)

    def status(self) -> str:
        done = self.counts["packaged"] + self.counts["skipped"] + self.counts["failed"]
        elapsed = max(time.monotonic() - self.start, 1e-9)
        rate = done / elapsed
        eta = (self.total - done) / rate if rate > 0 else 0.0
        return (
            f"{done}/{self.total} items, {rate:.1f} items/s, {self.counts['packaged']} packaged,"
            f" {self.counts['skipped']} skipped, {self.counts['failed']} failed,"
            f" about {_clock(eta)} left"
        )

    def draw(self) -> None:
        if self.stream is None:
            return
        if not self.tty:
            print(f"archiver batch: {self.status()}", file=self.stream, flush=True)
            return
        done = sum(self.counts[s] for s in ("packaged", "skipped", "failed"))
        width = 24
        filled = int(width * done / self.total) if self.total else width
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r\x1b[K[{bar}] {self.status()}")
        self.stream.flush()
        self.drawn = True

    def clear(self) -> None:
        if self.tty and self.drawn and self.stream is not None:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


# --- the batch ------------------------------------------------------------------------------


def run_batch(
    sources: Iterable[str | Path],
    out_dir: str | Path = "packages",
    *,
    jobs: int | None = None,
    report: str | Path | None = None,
    options: Any = None,
    progress: TextIO | None = None,
    stamp_root: str | Path | None = None,
    stamp_dir: str | Path | None = None,
) -> BatchSummary:
    """Package every item of ``sources`` (folders, list files, paths, URLs) into ``out_dir``.

    Runs ``jobs`` worker processes (default: the number of CPUs), carries on past failing
    items, skips items already packaged with the same bytes and options, and writes one JSON
    object per item to ``report`` when given. ``progress`` is the stream for the progress
    display and failure lines (None: silent). With ``stamp_root`` and ``stamp_dir``, each
    local file under ``stamp_root`` that ends packaged or skipped gets
    ``stamp_dir/<its path below stamp_root>.done`` carrying the input's modification time
    (what ``make archive`` compares). Ctrl-C stops cleanly: the summary says so and its
    ``exit_code`` is 130. Raises ``OutputError`` when ``out_dir`` cannot be used.
    """
    from .package import ArchiveOptions, remove_stale_temporaries

    started = time.monotonic()
    options = options or ArchiveOptions()
    out_dir = Path(out_dir)
    _prepare(out_dir)
    remove_stale_temporaries(out_dir)
    items = discover(sources, exclude=out_dir)
    known = existing_bags(out_dir)
    stamps = _Stamps(stamp_root, stamp_dir) if stamp_root and stamp_dir else None
    summary = BatchSummary()
    display = Progress(len(items), progress)
    sink = _Report(report)

    def record(result: ItemResult) -> None:
        summary.results.append(result)
        sink.write(result)
        if stamps is not None and result.status in ("packaged", "skipped"):
            stamps.touch(result)

    todo: deque[str] = deque()
    for item in items:
        if item.error is not None:
            failed = ItemResult(item.source, "failed", error=item.error)
            record(failed)
            display.update(failed)
        else:
            todo.append(item.source)
    jobs = max(1, jobs or os.cpu_count() or 1)
    jobs = min(jobs, len(todo)) or 1
    pool: _Pool | None = None
    unfinished: list[str] = []  # in the works when interrupted
    restore = _sigterm_interrupts()
    try:
        if jobs == 1:
            group = _Group()
            try:
                while todo:
                    before = len(group.pending)
                    result = process_item(todo[0], out_dir, options, known, group.pending)
                    unfinished.append(todo.popleft())
                    done = [] if group.add(result, before) else [result]
                    if group.due(bool(todo)):
                        done.extend(group.commit())
                    for result in done:
                        unfinished.remove(result.source)
                        record(result)
                        display.update(result)
            finally:
                group.discard()
        else:
            if START_METHOD == "fork":
                warm_up()  # before forking, so that every worker starts warm
            pool = _Pool(jobs, out_dir, options, known)
            for pooled in pool.run(todo, display.interval):
                if pooled is not None:
                    record(pooled)
                display.update(pooled)
            pool.close()
            if pool.deaths:
                remove_stale_temporaries(out_dir)  # the dead workers' unfinished bags
            while todo:  # only when workers kept dying and were no longer replaced
                record(ItemResult(todo.popleft(), "failed", error="worker processes keep dying"))
    except KeyboardInterrupt:
        summary.interrupted = True
        display.message("archiver batch: interrupted, stopping workers (no half bag is kept)")
        if pool is not None:
            unfinished = list(pool.in_flight())
        if pool is not None:
            pool.terminate()
        remove_stale_temporaries(out_dir)
        for source in [*unfinished, *todo]:
            if not any(r.source == source for r in summary.results):
                record(ItemResult(source, "interrupted"))
    finally:
        restore()
        sink.close()
        display.clear()
    summary.seconds = time.monotonic() - started
    return summary


def _sigterm_interrupts() -> Any:
    """Make SIGTERM stop the batch like Ctrl-C does; return the function that undoes it."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    return lambda: signal.signal(signal.SIGTERM, previous)


def _prepare(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(str(out_dir), error.strerror or str(error)) from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise OutputError(str(out_dir), "output folder is not writable")


class _Report:
    """JSON Lines written as items finish, so a killed run still tells what it did."""

    def __init__(self, path: str | Path | None):
        self.handle: TextIO | None = None
        if path is None:
            return
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = open(path, "w", encoding="utf-8")  # noqa: SIM115 (open for the run)
        except OSError as error:
            raise OutputError(str(path), error.strerror or str(error)) from None

    def write(self, result: ItemResult) -> None:
        if self.handle is not None:
            self.handle.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            self.handle.flush()

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()


class _Stamps:
    """Stamp files for make: present only for inputs that are packaged, dated like the input."""

    def __init__(self, root: str | Path, folder: str | Path):
        self.root = Path(root).resolve()
        self.folder = Path(folder)

    def touch(self, result: ItemResult) -> None:
        if result.input_mtime_ns is None:
            return
        try:
            relative = Path(result.source).resolve().relative_to(self.root)
        except ValueError:
            return
        stamp = self.folder / f"{relative}.done"
        try:
            stamp.parent.mkdir(parents=True, exist_ok=True)
            stamp.touch()
            # The input's own time, read before hashing: an edit made during the run is newer.
            os.utime(stamp, ns=(result.input_mtime_ns, result.input_mtime_ns))
        except OSError as error:
            raise OutputError(str(stamp), error.strerror or str(error)) from None


__all__ = [
    "BatchSummary",
    "InputError",
    "Item",
    "ItemResult",
    "Progress",
    "discover",
    "existing_bags",
    "is_list_file",
    "process_item",
    "run_batch",
    "warm_up",
]
