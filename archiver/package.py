"""archive(source) -> bag path: capture -> extract -> WARC -> bag, written atomically.

A bag is built in a hidden temporary folder beside its final place and renamed at the end, so
a crash or a kill never leaves a half bag under a name that looks finished. Temporaries left
by a killed run are removed by the next run (and a bag being replaced with ``force`` is put
back if the run died between retiring it and installing its successor).

Hostile input is contained here: extraction is skipped above ``max_extract_bytes``, HTML
nested deeper than the parsers handle gets a flat text pass instead, a local file that
changes while it is archived is refused, and every file is flushed to disk before the rename.

Two environment variables exist for tests only: ``ARCHIVER_TEST_PAUSE_AT=<stage>[,<stage>]``
makes a run stop and sleep at a named stage (see ``STAGES``), announcing it on stderr, so a
test can kill it there; ``ARCHIVER_TEST_FAIL_AT=<stage>:<ERRNO>`` raises that OS error there.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import re
import shutil
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__, clock
from .model import (
    NO_TEXT,
    Article,
    BagExistsError,
    Capture,
    InputError,
    Metadata,
    OutputError,
)

SOFTWARE = f"archiver {__version__}"
TEMP_PREFIX = ".tmp-"
WARC_NAME = "item.warc.gz"
TEXT_NAME = "article.txt"
METADATA_NAME = "metadata.json"
DEFAULT_OUTPUT = Path("packages")
# News pages are rarely above 5 MB; the extractors need several times an input's size in
# memory and time that grows with it, so larger inputs are archived without extraction.
DEFAULT_MAX_EXTRACT_BYTES = 20 * 2**20
# libxml2 (under lxml and trafilatura) stops building the tree at 256 levels and silently
# drops the rest of the page; deeper HTML gets the flat text pass below instead.
BAG_INFO_VALUE_LIMIT = 1000
PAUSE_ENV = "ARCHIVER_TEST_PAUSE_AT"
PAUSE_SECONDS_ENV = "ARCHIVER_TEST_PAUSE_SECONDS"
FAIL_ENV = "ARCHIVER_TEST_FAIL_AT"
# Named points of a run, in order, for the test hooks above.
STAGES = (
    "output-ready",
    "captured",
    "extracted",
    "temp-created",
    "warc-written",
    "bag-written",
    "synced",
    "retired",
    "installed",
)
log = logging.getLogger("archiver")
OVERRIDABLE_FIELDS = ("title", "authors", "categories", "tags", "url", "published")


@dataclass
class ArchiveOptions:
    """Everything that shapes a package besides the input bytes.

    ``overrides`` replaces extracted metadata fields; ``organization`` holds bag-info labels
    such as Source-Organization and Contact-Email; ``fetch`` holds options for URL capture.
    """

    overrides: dict[str, Any] = field(default_factory=dict)
    organization: dict[str, str] = field(default_factory=dict)
    fetch: dict[str, Any] = field(default_factory=dict)
    max_extract_bytes: int = DEFAULT_MAX_EXTRACT_BYTES

    def fingerprint(self) -> dict[str, Any]:
        """The options that change a package's contents (part of its identity)."""
        shaping: dict[str, Any] = {}
        overrides = {k: v for k, v in sorted(self.overrides.items()) if v not in (None, [], ())}
        if overrides:
            shaping["overrides"] = overrides
        if self.organization:
            shaping["organization"] = dict(sorted(self.organization.items()))
        return shaping


def package_id(sha256: str, options: ArchiveOptions | None = None) -> str:
    """Short content identifier of a package: the input's sha256, mixed with shaping options."""
    import hashlib

    shaping = (options or ArchiveOptions()).fingerprint()
    if not shaping:
        return sha256[:12]
    mixed = sha256 + json.dumps(shaping, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(mixed.encode("utf-8")).hexdigest()[:12]


def slugify(text: str | None, limit: int = 60) -> str:
    """A readable, filesystem-safe slug: lowercase ASCII words joined by hyphens."""
    if not text:
        return "item"
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or "item"


def bag_name(metadata: Metadata, capture: Capture, identifier: str) -> str:
    """Date + slug + short content hash, e.g. ``2024-05-01-50-thousand-north-koreans-3f2a9c``."""
    date = (metadata.published or "")[:10]
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        date = capture.captured_at.strftime("%Y-%m-%d")
    return f"{date}-{slugify(metadata.title)}-{identifier}"


def archive(
    source: str | Path,
    out_dir: str | Path = DEFAULT_OUTPUT,
    *,
    options: ArchiveOptions | None = None,
    force: bool = False,
) -> Path:
    """Package one news item as a BagIt bag holding a WARC, the cleaned text and metadata.

    ``source`` is a file path, "-" for standard input, or an http(s) URL. Returns the path of
    the finished bag. Raises ``InputError`` for bad input and ``OutputError`` when the bag
    cannot be written (or exists already and ``force`` is false); nothing is left behind.
    """
    from .sources import open_source

    options = options or ArchiveOptions()
    out_dir = Path(out_dir)
    _prepare_output(out_dir)
    _checkpoint("output-ready")
    capture = open_source(str(source), workdir=out_dir, fetch_options=options.fetch)
    try:
        _checkpoint("captured")
        return archive_capture(capture, out_dir, options=options, force=force)
    finally:
        capture.discard()


def archive_capture(
    capture: Capture,
    out_dir: Path,
    *,
    options: ArchiveOptions | None = None,
    force: bool = False,
    defer: list[PendingBag] | None = None,
) -> Path:
    """Package a capture already taken (``archive`` after its input stage).

    Lets a caller that has hashed or fetched the source (``archiver.batch``) avoid doing it
    twice. Raises ``BagExistsError`` when the bag exists and ``force`` is false. The caller
    owns the capture and discards it.

    With ``defer`` (a list, not with ``force``), the finished bag is left in its hidden
    temporary and appended to ``defer`` instead of being flushed and renamed: the caller
    installs several at once with ``install_pending`` (one flush of the file system for the
    group instead of one per bag) and removes the temporaries if it cannot.
    """
    options = options or ArchiveOptions()
    from .sources import file_signature

    # A local file is archived in place: its identity when it was hashed tells a rewrite
    # since (the WARC's resource record takes the capture's digest, not a second pass).
    signature = None if capture.temporary else capture.signature or file_signature(capture.path)
    warnings: list[str] = []
    article = _extract(capture, options, warnings)
    _checkpoint("extracted")
    warnings.extend(article.warnings)
    metadata = article.metadata.merged_with(options.overrides)
    if capture.url and not metadata.url:
        metadata.url = capture.url

    identifier = package_id(capture.sha256, options)
    final = out_dir / bag_name(metadata, capture, identifier)
    if final.exists() and not force:
        raise BagExistsError(final)

    for message in warnings:
        log.warning("archiver: %s: warning: %s", capture.source, message)
    # Two inputs with the same bytes may wait in one group: their temporaries must differ.
    serial = f".{len(defer)}" if defer is not None else ""
    temp = out_dir / f"{TEMP_PREFIX}{final.name}{serial}.{os.getpid()}"
    deferred = False
    try:
        _build_bag(temp, capture, article, metadata, warnings, options, identifier)
        if signature is not None and _signature_or_none(capture.path) != signature:
            raise InputError(
                capture.source,
                "file changed while it was being archived; nothing was written (try again)",
            )
        if defer is not None and not force:
            defer.append(PendingBag(temp, final))
            deferred = True
            return final
        _sync_tree(temp)
        _checkpoint("synced")
        _install(temp, final, force)
    except OSError as error:
        reason = output_reason(error)
        raise OutputError(str(final), f"{reason}; nothing was written") from None
    finally:
        if not deferred and temp.exists():
            shutil.rmtree(temp, ignore_errors=True)
    _checkpoint("installed")
    return final


@dataclass
class PendingBag:
    """A finished bag still in its hidden temporary ``temp``, to be installed as ``final``."""

    temp: Path
    final: Path


def install_pending(pending: list[PendingBag]) -> list[Path | OutputError]:
    """Install bags left by ``archive_capture(defer=...)``: as safe as one by one, cheaper.

    One flush of the file system (syncfs) covers every temporary, then each is renamed into
    place and the folders holding them are flushed once, so a crash leaves each bag either
    complete under its final name or a hidden temporary. Returns, in order, the final path or
    the error of each bag (``BagExistsError`` when another run installed the same bag first:
    it holds the same bytes). Temporaries not installed are removed.
    """
    outcomes: list[Path | OutputError] = []
    if not pending:
        return outcomes
    try:
        try:
            _sync_trees([bag.temp for bag in pending])
        except OSError as error:
            reason = output_reason(error)
            return [OutputError(str(b.final), f"{reason}; nothing was written") for b in pending]
        _checkpoint("synced")
        folders: set[Path] = set()
        for bag in pending:
            try:
                _install(bag.temp, bag.final, False, sync=False)
                folders.add(bag.final.parent)
                outcomes.append(bag.final)
            except OutputError as error:  # BagExistsError: the same bytes are there already
                outcomes.append(error)
            except OSError as error:
                reason = output_reason(error)
                outcomes.append(OutputError(str(bag.final), f"{reason}; nothing was written"))
        for folder in sorted(folders):
            _sync_directory(folder)
        _checkpoint("installed")
        return outcomes
    finally:
        discard_pending(pending)


def discard_pending(pending: list[PendingBag]) -> None:
    """Remove the temporaries of bags that were not installed (an interrupted group)."""
    for bag in pending:
        if bag.temp.exists():
            shutil.rmtree(bag.temp, ignore_errors=True)


def _extract(capture: Capture, options: ArchiveOptions, warnings: list[str]) -> Article:
    """Extract text and metadata, unless the input is above the extraction size limit."""
    from .extract import extract

    if capture.size > options.max_extract_bytes:
        # Never read a huge original into memory: the WARC and the bag stream it instead.
        warnings.append(
            f"input is {capture.size} bytes, above the extraction limit of "
            f"{options.max_extract_bytes} bytes (--max-extract-size): text extraction "
            "skipped; the original is archived in full"
        )
        return Article(text="", metadata=Metadata(url=capture.url), warnings=[NO_TEXT])
    return extract(
        capture.read_bytes(),
        url=capture.url,
        media_type=capture.media_type,
        declared_charset=capture.declared_charset,
        max_extract_bytes=options.max_extract_bytes,
        subject=capture.source,
    )


def metadata_document(
    capture: Capture,
    article: Article,
    metadata: Metadata,
    warnings: list[str],
    identifier: str,
) -> dict[str, Any]:
    """The JSON document stored as data/metadata.json and as the WARC metadata record."""
    provenance: dict[str, Any] = {
        "source": _public_source_name(capture),
        "media_type": capture.media_type,
        "encoding": article.encoding,
        "size": capture.size,
        "sha256": capture.sha256,
        "captured_at": clock.iso(capture.captured_at),
        "package_id": identifier,
        "software": SOFTWARE,
    }
    if capture.exchanges:
        provenance["requests"] = [
            {
                "url": exchange.url,
                "status": exchange.status,
                "date": clock.iso(exchange.date),
                "ip_address": exchange.ip_address,
            }
            for exchange in capture.exchanges
        ]
    for extra in ("redirect_chain", "skipped"):
        value = getattr(capture, extra, None)
        if value:
            provenance[extra] = value
    if warnings:
        provenance["warnings"] = warnings
    return {**metadata.to_dict(), "provenance": provenance}


def _build_bag(
    temp: Path,
    capture: Capture,
    article: Article,
    metadata: Metadata,
    warnings: list[str],
    options: ArchiveOptions,
    identifier: str,
) -> None:
    from .bag import finish_bag, write_file
    from .warc import write_warc

    data_dir = temp / "data"
    temp.mkdir()  # out_dir exists (checked by the caller): two mkdir calls, not a failed third
    data_dir.mkdir()
    _checkpoint("temp-created")
    document = metadata_document(capture, article, metadata, warnings, identifier)
    metadata_bytes = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()
    text = article.text.rstrip("\n") + "\n" if article.text.strip() else ""
    data_folder = os.fspath(data_dir)
    write_file(os.path.join(data_folder, TEXT_NAME), text.encode("utf-8"))
    write_file(os.path.join(data_folder, METADATA_NAME), metadata_bytes)
    write_warc(
        data_dir / WARC_NAME,
        capture,
        text,
        metadata_bytes,
        software=SOFTWARE,
        description=_describe(metadata, capture),
        charset=article.encoding,
    )
    _checkpoint("warc-written")
    finish_bag(temp, _bag_info(capture, metadata, options, identifier))
    _checkpoint("bag-written")


def _bag_info(
    capture: Capture, metadata: Metadata, options: ArchiveOptions, identifier: str
) -> list[tuple[str, str]]:
    info: list[tuple[str, str]] = []
    for label in ("Source-Organization", "Organization-Address", "Contact-Name"):
        if options.organization.get(label):
            info.append((label, options.organization[label]))
    for label in ("Contact-Phone", "Contact-Email"):
        if options.organization.get(label):
            info.append((label, options.organization[label]))
    info.append(("Bagging-Date", capture.captured_at.strftime("%Y-%m-%d")))
    info.append(("External-Identifier", f"urn:sha256:{capture.sha256}"))
    if metadata.title:
        info.append(("External-Description", metadata.title))
    info.append(("Bag-Software-Agent", SOFTWARE))
    info.append(("Bag-Group-Identifier", identifier))
    item_fields: list[tuple[str, str | None]] = [
        ("Title", metadata.title),
        *[("Author", name) for name in metadata.authors],
        *[("Category", name) for name in metadata.categories],
        *[("Tag", name) for name in metadata.tags],
        ("Published", metadata.published),
        ("Site-Name", metadata.site_name),
        ("Source-URL", metadata.url),
        ("Language", metadata.language),
    ]
    if metadata.original_source:
        item_fields.append(("Original-Source-Name", metadata.original_source.get("name")))
        item_fields.append(("Original-Source-URL", metadata.original_source.get("url")))
    info.extend((label, _one_line(value)) for label, value in item_fields if value)
    return [(label, _capped(value)) for label, value in info]


_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _capped(value: str) -> str:
    """Bag-info values stay readable: a runaway "title" (a 50 MB line) is cut with an ellipsis.

    metadata.json keeps the full value; bag-info.txt is a summary for people and tools, so
    control characters (NUL, terminal escapes) become U+FFFD instead of reaching a terminal.
    """
    value = _CONTROL_CHARACTERS.sub("\ufffd", _one_line(value))
    if len(value) <= BAG_INFO_VALUE_LIMIT:
        return value
    return value[: BAG_INFO_VALUE_LIMIT - 1] + "\u2026"


def _install(temp: Path, final: Path, force: bool, *, sync: bool = True) -> None:
    """Rename the finished temporary bag into place; with ``force`` replace an old bag.

    ``sync`` false leaves flushing the folder (which makes the rename durable) to the caller.
    """
    if not final.exists():
        try:
            os.rename(temp, final)
        except OSError as error:
            # Another run installed the same bag since we checked: theirs stands.
            if error.errno in (errno.ENOTEMPTY, errno.EEXIST) and not force:
                raise BagExistsError(final) from None
            raise
        if sync:
            _sync_directory(final.parent)
        return
    if not force:
        raise BagExistsError(final)
    # A run killed between these two renames leaves the old bag under the retired name;
    # remove_stale_temporaries() puts it back because the final name is then free.
    retired = final.with_name(f"{TEMP_PREFIX}old-{final.name}.{os.getpid()}")
    os.rename(final, retired)
    _checkpoint("retired")
    os.rename(temp, final)
    _sync_directory(final.parent)
    shutil.rmtree(retired, ignore_errors=True)


def _sync_tree(root: Path) -> None:
    """Flush ``root``'s files and folders to disk, so a power cut after the rename cannot
    leave a bag whose name is final but whose bytes never reached the disk.

    One syncfs() of the file system where Linux offers it (a few milliseconds, measured
    cheaper than an fsync per file and folder); elsewhere every file and folder is fsynced.
    """
    _sync_trees([root])


def _sync_trees(roots: list[Path]) -> None:
    """``_sync_tree`` for several folders: one syncfs per file system covers them all."""
    synced: set[int] = set()
    for root in roots:
        device = os.stat(root).st_dev
        if device in synced:
            continue
        if _syncfs(root):
            synced.add(device)
        else:
            _fsync_walk(root)


def _fsync_walk(root: Path) -> None:
    for folder, _dirs, files in os.walk(root):
        for name in files:
            descriptor = os.open(os.path.join(folder, name), os.O_RDONLY)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
        _sync_directory(Path(folder))


def _syncfs(root: Path) -> bool:
    """syncfs(2) on the file system holding ``root``; False when unavailable."""
    libc = _libc()
    if libc is None:
        return False
    descriptor = os.open(root, os.O_RDONLY)
    try:
        return libc.syncfs(descriptor) == 0
    finally:
        os.close(descriptor)


_LIBC: Any = None


def _libc() -> Any:
    """The C library when it offers syncfs (Linux), loaded once; None elsewhere."""
    global _LIBC
    if _LIBC is None:
        _LIBC = False
        if sys.platform.startswith("linux"):
            import ctypes
            import ctypes.util

            try:
                libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
            except OSError:
                libc = None
            if libc is not None and hasattr(libc, "syncfs"):
                _LIBC = libc
    return _LIBC or None


def warm_up() -> None:
    """Load what writing a bag needs once (libc's syncfs), before a batch forks its workers."""
    _libc()


def _sync_directory(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems cannot sync a directory; the rename is still atomic
    finally:
        os.close(descriptor)


def _signature_or_none(path: Path) -> tuple[int, int, int, int] | None:
    from .sources import file_signature

    try:
        return file_signature(path)
    except OSError:
        return None


def output_reason(error: OSError) -> str:
    """A short reason for an output failure: "no space left on device", "read-only ..." ."""
    known = {
        errno.ENOSPC: "no space left on device",
        errno.EDQUOT: "disk quota exceeded",
        errno.EROFS: "read-only file system",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EFBIG: "file too large for the output file system or the file size limit",
        errno.EIO: "input/output error",
        errno.ENAMETOOLONG: "file name too long",
    }
    return known.get(error.errno or 0) or (error.strerror or str(error)).lower()


def _checkpoint(stage: str) -> None:
    """Test hooks (see the module docstring): pause or fail at ``stage``. No-op otherwise."""
    pause = os.environ.get(PAUSE_ENV)
    if pause and stage in pause.split(","):
        sys.stderr.write(f"archiver-test: paused at {stage} (pid {os.getpid()})\n")
        sys.stderr.flush()
        time.sleep(float(os.environ.get(PAUSE_SECONDS_ENV, "60")))
    fail = os.environ.get(FAIL_ENV)
    if fail:
        where, _, name = fail.partition(":")
        if where == stage:
            number = getattr(errno, name or "EIO", errno.EIO)
            raise OSError(number, os.strerror(number))


def _prepare_output(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(str(out_dir), "exists and is not a folder") from None
    except OSError as error:
        raise OutputError(str(out_dir), output_reason(error)) from None
    if not out_dir.is_dir():
        raise OutputError(str(out_dir), "exists and is not a folder")
    # Try for real rather than trust os.access(): root passes access checks on read-only
    # mounts' parents, and the error number names the actual reason.
    probe = out_dir / f"{TEMP_PREFIX}probe.{os.getpid()}"
    try:
        probe.mkdir(exist_ok=True)
        probe.rmdir()
    except OSError as error:
        reason = f"output folder is not writable: {output_reason(error)}"
        raise OutputError(str(out_dir), reason) from None
    remove_stale_temporaries(out_dir)


def remove_stale_temporaries(out_dir: Path) -> list[Path]:
    """Clean up after runs that died: delete their hidden temporaries (``.tmp-*.<pid>``).

    A temporary belongs to a dead run when its process is gone, is a zombie, or started after
    the temporary was last written (the id was reused). A bag that such a run had retired to
    replace it (``--force``) is put back under its name when no bag took that name.
    Returns the paths removed or restored.
    """
    handled: list[Path] = []
    try:
        entries = sorted(out_dir.glob(f"{TEMP_PREFIX}*"))
    except OSError:
        return handled
    for entry in entries:
        stem, dot, pid_text = entry.name.rpartition(".")
        if not dot or not pid_text.isdigit():
            continue
        try:
            modified = entry.lstat().st_mtime
        except OSError:
            continue
        if _process_alive(int(pid_text), modified):
            continue
        retired_prefix = f"{TEMP_PREFIX}old-"
        if stem.startswith(retired_prefix):
            original = entry.with_name(stem[len(retired_prefix) :])
            if original.name and not original.exists():
                with contextlib.suppress(OSError):
                    os.rename(entry, original)
                    handled.append(entry)
                    continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                entry.unlink()
        handled.append(entry)
    return handled


def _process_alive(pid: int, since: float | None = None) -> bool:
    """True when process ``pid`` runs and could have written a file at time ``since``."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    except OSError:
        return True
    started = _process_start(pid)
    if started is None:
        return True
    state, start_time = started
    if state == "Z":
        return False
    # The process that made a temporary started before it; a younger one reused the id.
    return since is None or start_time <= since + 1.0


def _process_start(pid: int) -> tuple[str, float] | None:
    """(state, start time as a Unix time) of ``pid`` from /proc, or None where unavailable."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        with open("/proc/stat", "rb") as handle:
            boot = next(int(line.split()[1]) for line in handle if line.startswith(b"btime "))
        ticks = os.sysconf("SC_CLK_TCK")
        return fields[0].decode(), boot + int(fields[19]) / ticks
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def _public_source_name(capture: Capture) -> str:
    """The input's name without private filesystem detail: a URL, a file's base name, "stdin"."""
    if capture.url and capture.exchanges:
        return capture.source
    if capture.source == "-":
        return "stdin"
    return Path(capture.source).name


def _describe(metadata: Metadata, capture: Capture) -> str:
    title = _capped(metadata.title or "untitled item")
    where = metadata.url or _public_source_name(capture)
    return f"News item {title!r} ({where}), archived by {SOFTWARE}"


def _one_line(value: str) -> str:
    return " ".join(str(value).split())


def sample_path() -> Path:
    """The bundled demo post (a fictional blog repost in the shape of a real text dump)."""
    return Path(__file__).with_name("samples") / "demo-post.txt"


def demo(out_dir: str | Path = DEFAULT_OUTPUT) -> Path:
    """Archive the bundled sample post into ``out_dir`` (replacing an earlier demo bag)."""
    source = sample_path()
    if not source.is_file():
        raise InputError(str(source), "bundled sample is missing from the installation")
    return archive(source, out_dir, force=True)


__all__ = [
    "ArchiveOptions",
    "InputError",
    "OutputError",
    "archive",
    "bag_name",
    "demo",
    "PendingBag",
    "discard_pending",
    "install_pending",
    "metadata_document",
    "output_reason",
    "package_id",
    "remove_stale_temporaries",
    "sample_path",
    "slugify",
]
