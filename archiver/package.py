"""archive(source) -> bag path: capture -> extract -> WARC -> bag, written atomically.

A bag is built in a hidden temporary folder beside its final place and renamed at the end, so
a crash or a kill never leaves a half bag under a name that looks finished. Temporaries left
by a killed run are removed by the next run.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__, clock
from .model import Article, Capture, InputError, Metadata, OutputError

SOFTWARE = f"archiver {__version__}"
SOFTWARE_URL = "https://pypi.org/project/archiver/"
TEMP_PREFIX = ".tmp-"
WARC_NAME = "item.warc.gz"
TEXT_NAME = "article.txt"
METADATA_NAME = "metadata.json"
DEFAULT_OUTPUT = Path("packages")
DEFAULT_MAX_EXTRACT_BYTES = 50 * 2**20
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
    capture = open_source(str(source), workdir=out_dir, fetch_options=options.fetch)
    try:
        return _package(capture, out_dir, options, force)
    finally:
        _discard_capture(capture)


def _package(capture: Capture, out_dir: Path, options: ArchiveOptions, force: bool) -> Path:
    from .extract import extract

    data = capture.read_bytes(options.max_extract_bytes + 1)
    warnings: list[str] = []
    if len(data) > options.max_extract_bytes:
        warnings.append(
            f"input larger than {options.max_extract_bytes} bytes: text extraction skipped"
        )
        article = Article(text="", metadata=Metadata(url=capture.url))
    else:
        article = extract(
            data,
            url=capture.url,
            media_type=capture.media_type,
            declared_charset=capture.declared_charset,
        )
    del data
    warnings.extend(article.warnings)
    metadata = article.metadata.merged_with(options.overrides)
    if capture.url and not metadata.url:
        metadata.url = capture.url
    if not article.text.strip():
        warnings.append("no article text found")

    identifier = package_id(capture.sha256, options)
    final = out_dir / bag_name(metadata, capture, identifier)
    if final.exists() and not force:
        raise OutputError(str(final), "bag already exists (use --force to replace it)")

    temp = out_dir / f"{TEMP_PREFIX}{final.name}.{os.getpid()}"
    try:
        _build_bag(temp, capture, article, metadata, warnings, options, identifier)
        _install(temp, final, force)
    except OSError as error:
        raise OutputError(str(final), error.strerror or str(error)) from None
    finally:
        if temp.exists():
            shutil.rmtree(temp, ignore_errors=True)
    return final


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
    from .bag import finish_bag
    from .warc import write_warc

    data_dir = temp / "data"
    data_dir.mkdir(parents=True)
    document = metadata_document(capture, article, metadata, warnings, identifier)
    metadata_bytes = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()
    text = article.text.rstrip("\n") + "\n" if article.text.strip() else ""
    (data_dir / TEXT_NAME).write_text(text, encoding="utf-8")
    (data_dir / METADATA_NAME).write_bytes(metadata_bytes)
    write_warc(
        data_dir / WARC_NAME,
        capture,
        text,
        metadata_bytes,
        software=SOFTWARE,
        description=_describe(metadata, capture),
        charset=article.encoding,
    )
    finish_bag(temp, _bag_info(capture, metadata, options, identifier))


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
    info.append(("Bag-Software-Agent", f"{SOFTWARE} <{SOFTWARE_URL}>"))
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
    return info


def _install(temp: Path, final: Path, force: bool) -> None:
    """Rename the finished temporary bag into place; with ``force`` replace an old bag."""
    if not final.exists():
        os.rename(temp, final)
        return
    if not force:
        raise OutputError(str(final), "bag already exists (use --force to replace it)")
    retired = final.with_name(f"{TEMP_PREFIX}old-{final.name}.{os.getpid()}")
    os.rename(final, retired)
    os.rename(temp, final)
    shutil.rmtree(retired, ignore_errors=True)


def _prepare_output(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(str(out_dir), error.strerror or str(error)) from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise OutputError(str(out_dir), "output folder is not writable")
    remove_stale_temporaries(out_dir)


def remove_stale_temporaries(out_dir: Path) -> list[Path]:
    """Delete hidden temporaries of runs that died (their process id is no longer alive)."""
    removed: list[Path] = []
    for entry in out_dir.glob(f"{TEMP_PREFIX}*"):
        pid_text = entry.name.rsplit(".", 1)[-1]
        if not pid_text.isdigit() or _process_alive(int(pid_text)):
            continue
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry)
    return removed


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _discard_capture(capture: Capture) -> None:
    paths = [capture.path] if capture.temporary else []
    paths += [exchange.response_path for exchange in capture.exchanges]
    paths += [exchange.response_path for exchange in getattr(capture, "requisites", [])]
    for path in paths:
        with contextlib.suppress(OSError):
            Path(path).unlink(missing_ok=True)


def _public_source_name(capture: Capture) -> str:
    """The input's name without private filesystem detail: a URL, a file's base name, "stdin"."""
    if capture.url and capture.exchanges:
        return capture.source
    if capture.source == "-":
        return "stdin"
    return Path(capture.source).name


def _describe(metadata: Metadata, capture: Capture) -> str:
    title = metadata.title or "untitled item"
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
    "metadata_document",
    "package_id",
    "remove_stale_temporaries",
    "sample_path",
    "slugify",
]
