"""BagIt 1.0 (RFC 8493) writing, and the line formats shared with the reader (bagcheck.py).

``finish_bag`` turns a folder whose ``data/`` already holds the payload into a complete bag:
bagit.txt, bag-info.txt (with Payload-Oxum and Bag-Size), one payload manifest and one tag
manifest per algorithm. Output is deterministic: sorted lines, no clock of our own.
This module knows nothing of news items or WARCs.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from archiver.hashing import HashJob, HashResult, hash_many, is_supported, new_hasher

BAGIT_VERSION = "1.0"
ENCODING = "UTF-8"
DEFAULT_ALGORITHMS = ("sha256", "sha512")
FOLD_WIDTH = 79  # RFC 8493 recommends tag lines of at most 79 characters
# Payloads up to this size (or of a few files) are hashed in the calling thread: starting a
# pool of threads costs more than it saves on a typical news bag (~30 KB in three files), and
# a single large file still gets one thread per algorithm inside archiver.hashing.
INLINE_HASH_BYTES = 8 * 2**20
INLINE_HASH_FILES = 4

_LABEL_FORBIDDEN = re.compile(r"[:\r\n]")


def encode_path(path: str) -> str:
    """Percent-encode a manifest/fetch path: only %, CR and LF (RFC 8493 section 2.1.3)."""
    return path.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


_PERCENT = re.compile(r"%(25|0[dD]|0[aA])")
_DECODED = {"25": "%", "0d": "\r", "0a": "\n"}


def decode_path(path: str) -> str:
    """Decode %25, %0D and %0A (hex in either case) and nothing else, in a single pass.

    A single pass matters: ``%250A`` names a file called ``%0A``, not one holding a newline.
    """
    if "%" not in path:
        return path
    return _PERCENT.sub(lambda match: _DECODED[match.group(1).lower()], path)


def fold_tag_line(label: str, value: str, width: int = FOLD_WIDTH) -> str:
    """Format ``Label: value``, folded to ``width`` columns where possible, ending with LF.

    A fold replaces one space that sits between two non-space characters by a line break
    and a single space of indentation, so that every reading of RFC 8493's folding rule
    (RFC 5322 unfolding, or dropping the padding and joining with a space) gives the value
    back. Values without such spaces (long URLs) stay on one line. Line breaks inside the
    value cannot be represented and are replaced by spaces.
    """
    if not label or _LABEL_FORBIDDEN.search(label) or label != label.strip() or "\x00" in label:
        raise ValueError(f"invalid bag-info label: {label!r}")
    if "\x00" in value:
        raise ValueError(f"bag-info value of {label} contains a NUL character")
    value = re.sub(r"\r\n|\r|\n", " ", value)
    line = f"{label}: {value}"
    if len(line) <= width:
        return line + "\n"
    words = value.split(" ")
    lines: list[str] = []
    current = f"{label}: {words[0]}"
    for previous, word in zip(words, words[1:], strict=False):
        if len(current) + 1 + len(word) > width and previous and word:
            lines.append(current)
            current = " " + word
        else:
            current += " " + word
    lines.append(current)
    return "\n".join(lines) + "\n"


def human_size(octets: int) -> str:
    """Bag-Size text: decimal units, one decimal ("4.1 KB", "1.3 GB"), exact below 1 KB."""
    if octets < 1000:
        return f"{octets} bytes" if octets != 1 else "1 byte"
    size = float(octets)
    for unit in ("KB", "MB", "GB", "TB", "PB"):
        size /= 1000.0
        if size < 1000 or unit == "PB":
            return f"{size:.1f} {unit}"
    raise AssertionError("unreachable")


def _walk_files(root: Path, top: str) -> list[tuple[str, str, int]]:
    """Regular files under ``root/top`` as (bag-relative path, filesystem path, size), sorted."""
    found: list[tuple[str, str, int]] = []
    stack = [(os.path.join(root, top), top)]
    while stack:
        directory, rel = stack.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                child = f"{rel}/{entry.name}"
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISDIR(info.st_mode):
                    stack.append((entry.path, child))
                elif stat.S_ISREG(info.st_mode):
                    found.append((child, entry.path, info.st_size))
                else:
                    raise ValueError(f"{child}: not a regular file (symlink or special file)")
    found.sort()
    return found


def _manifest_text(entries: list[tuple[str, bytes]]) -> str:
    # Sorted by path (code-point order of the encoded path): stable and easy to diff.
    lines = sorted((encode_path(rel), digest.hex()) for rel, digest in entries)
    return "".join(f"{digest}  {path}\n" for path, digest in lines)


def finish_bag(
    bag_dir: Path,
    info: list[tuple[str, str]],
    algorithms: tuple[str, ...] = DEFAULT_ALGORITHMS,
) -> None:
    """Complete a bag whose payload is already in ``bag_dir/data``.

    Writes bagit.txt, bag-info.txt (``info`` in the given order, then Payload-Oxum and
    Bag-Size computed here; labels may repeat), manifest-<alg>.txt and tagmanifest-<alg>.txt
    for every algorithm. Raises ValueError for an unsupported algorithm, an invalid label or
    a payload holding anything but directories and regular files; OSError passes through.
    Nothing is fsynced here: flush the bag before renaming it into place.
    """
    bag_dir = Path(bag_dir)
    algorithms = tuple(name.lower() for name in algorithms)
    if not algorithms:
        raise ValueError("at least one manifest algorithm is required")
    for name in algorithms:
        if not is_supported(name):
            raise ValueError(f"unsupported manifest algorithm: {name}")
    for label, _value in info:
        if label.lower() in ("payload-oxum", "bag-size"):
            raise ValueError(f"{label} is computed by finish_bag, do not pass it")

    payload = _walk_files(bag_dir, "data")
    digests: dict[str, list[bytes]] = {}
    failures: list[str] = []

    def collect(result: HashResult) -> None:
        job, values, error = result
        if error is not None or values is None:
            failures.append(f"{job.tag}: {error}")
        else:
            digests[job.tag] = values

    octets = sum(size for _rel, _path, size in payload)
    inline = octets <= INLINE_HASH_BYTES or len(payload) <= INLINE_HASH_FILES
    hash_many(
        (HashJob(path, size, rel) for rel, path, size in payload),
        algorithms,
        workers=1 if inline else None,
        on_result=collect,
    )
    if failures:
        raise OSError("cannot read payload file " + "; ".join(sorted(failures)))

    tag_files: dict[str, str] = {
        "bagit.txt": f"BagIt-Version: {BAGIT_VERSION}\nTag-File-Character-Encoding: {ENCODING}\n",
    }
    info_lines = [fold_tag_line(label, value) for label, value in info]
    info_lines.append(fold_tag_line("Payload-Oxum", f"{octets}.{len(payload)}"))
    info_lines.append(fold_tag_line("Bag-Size", human_size(octets)))
    tag_files["bag-info.txt"] = "".join(info_lines)
    for index, name in enumerate(algorithms):
        entries = [(rel, digests[rel][index]) for rel, _path, _size in payload]
        tag_files[f"manifest-{name}.txt"] = _manifest_text(entries)

    encoded = {name: text.encode("utf-8") for name, text in tag_files.items()}
    listed = dict(encoded)  # tag manifests do not list each other
    for name in algorithms:
        entries = []
        for tag_name, data in listed.items():
            hasher = new_hasher(name)
            hasher.update(data)
            entries.append((tag_name, hasher.digest()))
        encoded[f"tagmanifest-{name}.txt"] = _manifest_text(entries).encode("utf-8")
    # Durability is the caller's step: archiver.package flushes the whole bag to disk once,
    # before the rename that makes it visible (one syncfs beats an fsync per file).
    folder = os.fspath(bag_dir)
    for name, data in encoded.items():
        write_file(os.path.join(folder, name), data)


# O_BINARY: no newline translation where there is such a thing (Windows).
_WRITE_FLAGS = (
    os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
)


def write_file(path: str, data: bytes) -> None:
    """Create (or truncate) ``path`` with ``data``: ``Path.write_bytes`` without building a
    Path or a buffered file object (a bag writes eight small files: pathlib's joins and
    ``open``'s fstat, isatty and seek calls cost more than the writes)."""
    descriptor = os.open(path, _WRITE_FLAGS, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)
