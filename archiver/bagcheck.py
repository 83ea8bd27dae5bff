"""Reading and validating any BagIt bag, version 0.93 to 1.0 (RFC 8493).

Kept in stages that never stop early: read the tag files (bagit.txt, bag-info.txt, fetch.txt,
manifests) into plain structures with line numbers, walk the payload once, compare, hash, and
collect every Problem on the way. Nothing outside the bag is ever opened: manifest paths are
checked by components, and only files found by walking the bag (with symlinks resolved and
checked against the bag root) are read.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archiver.bag import decode_path
from archiver.hashing import HashJob, HashResult, digest_size, hash_many, hash_path, is_supported
from archiver.model import Problem

MAX_LINE = 1 << 20  # longest tag-file line we read (a manifest line is rarely over 4 KiB)
MAX_PROBLEMS_PER_KIND = 200  # per (file, code): one junk manifest must not crowd out the rest
MAX_PROBLEMS_PER_CODE = 1000  # per code and severity: what a report keeps (the counts stay exact)
_CHUNK = 1 << 16

KNOWN_VERSIONS = {(0, 93), (0, 94), (0, 95), (0, 96), (0, 97), (1, 0)}
WEAK_ALGORITHMS = {"md5", "sha1"}
JUNK_NAMES = {".ds_store", "thumbs.db", "desktop.ini", "ehthumbs.db", ".directory"}
JUNK_DIRS = {".spotlight-v100", ".trashes", ".fseventsd", "__macosx", ".temporaryitems"}
_BAD_CHAR = re.compile("[\ud800-\udfff]")  # our decode-error marks (lone surrogates)


def _mark_undecodable(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: turn each undecodable byte into a lone surrogate we can spot."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(chr(0xDC00 + byte) for byte in bad), error.end


codecs.register_error("archiver-bagcheck-mark", _mark_undecodable)


# ---------------------------------------------------------------------------------------------
# Problems


class Omitted(Problem):
    """The one line that stands for the problems of a code left out of a report."""

    def __init__(self, code: str, count: int, severity: str) -> None:
        kind = "warning" if severity == "warning" else "error"
        message = f"{count} more {code} {kind}{'s' * (count != 1)} not listed"
        super().__init__(code, "", message, severity)
        self.omitted = count

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "omitted": self.omitted}


class Findings:
    """Collects problems with exact counts, keeping a bounded number of them.

    A report keeps the first MAX_PROBLEMS_PER_KIND problems of one code about one file (or
    ``cap_key``) and the first MAX_PROBLEMS_PER_CODE of one code in all; the others are only
    counted, and ``finish`` adds one ``Omitted`` problem per code saying how many were left
    out. So a manifest of 300,000 absent files costs a few hundred kilobytes of report, while
    the verdict, ``error_count`` and ``warning_count`` stay exact.
    """

    def __init__(self) -> None:
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.error_count = 0
        self.warning_count = 0
        self._per_key: dict[tuple[str, str, str], int] = {}
        self._kept: dict[tuple[str, str], int] = {}
        self._omitted: dict[tuple[str, str], int] = {}

    def full(self, severity: str, code: str, cap_key: str) -> bool:
        """True when a problem of this code about ``cap_key`` would not be kept: callers in
        hot loops then skip building its message and call ``omit`` instead."""
        return (
            self._kept.get((severity, code), 0) >= MAX_PROBLEMS_PER_CODE
            or self._per_key.get((severity, code, cap_key), 0) >= MAX_PROBLEMS_PER_KIND
        )

    def _add(self, severity: str, code: str, path: str, message: str, cap_key: str) -> None:
        if severity == "error":
            self.error_count += 1
        else:
            self.warning_count += 1
        kind = (severity, code)
        kept = self._kept.get(kind, 0)
        if kept < MAX_PROBLEMS_PER_CODE:
            # Counted per key only while the code still keeps problems: the table then stays
            # as small as the report.
            key = (severity, code, cap_key)
            per_key = self._per_key.get(key, 0) + 1
            self._per_key[key] = per_key
            if per_key <= MAX_PROBLEMS_PER_KIND:
                self._kept[kind] = kept + 1
                (self.errors if severity == "error" else self.warnings).append(
                    Problem(code, path, message, severity)
                )
                return
        self._omitted[kind] = self._omitted.get(kind, 0) + 1

    def omit(self, severity: str, code: str) -> None:
        """Count a problem without keeping it (after ``full`` said it would not be kept)."""
        if severity == "error":
            self.error_count += 1
        else:
            self.warning_count += 1
        kind = (severity, code)
        self._omitted[kind] = self._omitted.get(kind, 0) + 1

    def error(self, code: str, path: str, message: str, *, cap_key: str | None = None) -> None:
        self._add("error", code, path, message, cap_key if cap_key is not None else path)

    def warning(self, code: str, path: str, message: str, *, cap_key: str | None = None) -> None:
        self._add("warning", code, path, message, cap_key if cap_key is not None else path)

    def add(self, problem: Problem) -> None:
        """Add a problem made elsewhere (e.g. by the WARC checker), under the same caps."""
        self._add(problem.severity, problem.code, problem.path, problem.message, problem.path)

    def finish(self) -> None:
        """Sort the kept problems by path and add one ``Omitted`` line per capped code.

        May be called again after more problems were added: the lines are recomputed."""
        for target in (self.errors, self.warnings):
            target[:] = [problem for problem in target if not isinstance(problem, Omitted)]
            sort_problems(target)
        for (severity, code), count in sorted(self._omitted.items()):
            (self.errors if severity == "error" else self.warnings).append(
                Omitted(code, count, severity)
            )


def sort_problems(problems: list[Problem]) -> None:
    """Order a report by path (the bag itself first), so that the problems of one file sit
    together and the order does not depend on how the file system lists folders or on
    which hashing thread finished first. The sort is stable: the order of the checks stays
    within one path."""
    problems.sort(key=lambda problem: problem.path)


# ---------------------------------------------------------------------------------------------
# Reading tag files: bounded, encoding-aware line splitting


@dataclass(slots=True)
class Line:
    """One line of a tag file: its number, its text, or why it could not be read."""

    number: int
    text: str  # without line ending; "" when unusable
    defect: str | None = None  # "too-long", "undecodable", "nul" or "refused"


def iter_lines(fd: int, encoding: str, max_line: int = MAX_LINE) -> Iterator[Line]:
    """Split a tag file into lines on LF, CR or CRLF, decoding with ``encoding``.

    Memory is bounded by ``max_line``: longer lines are skipped and reported as too long.
    Bytes that are invalid in the encoding mark their line as undecodable; the rest of the
    file is still read.
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors="archiver-bagcheck-mark")
    rest = ""  # the unterminated end of what was read so far
    rest_clean = True  # whether the chunk ``rest`` came from held no mark or NUL
    number = 0
    skipping = False  # inside a line that was already reported as too long
    while True:
        raw = os.read(fd, _CHUNK)
        final = not raw
        try:
            text = decoder.decode(raw, final=final)
        except UnicodeError:
            # The codec refuses the stream itself, not a byte of it (Python's "UTF-16" and
            # "UTF-32" without a byte-order mark): nothing more of the file can be read.
            yield Line(number + 1, "", "refused")
            return
        buffer = rest + text
        held = ""
        if not final and buffer.endswith("\r"):  # may be the first half of a CRLF
            buffer, held = buffer[:-1], "\r"
        parts = _BREAK.split(buffer) if "\r" in buffer else buffer.split("\n")
        rest = parts.pop() + held
        # One scan per chunk, not per line. The end of the previous chunk, carried in
        # ``rest``, is judged by that chunk's scan: a long line in progress is not scanned
        # again with every chunk.
        clean = rest_clean and _SUSPICIOUS.search(text) is None
        rest_clean = clean
        for part in parts:
            if skipping:
                skipping = False
                continue
            number += 1
            yield Line(number, part) if clean else _make_line(number, part)
        if len(rest) > max_line:
            if not skipping:
                number += 1
                yield Line(number, "", "too-long")
                skipping = True
            rest = held
        if final:
            if rest and not skipping:
                number += 1
                yield _make_line(number, rest)
            return


_BREAK = re.compile(r"\r\n|\r|\n")
_SUSPICIOUS = re.compile("[\x00\ud800-\udfff]")


def _make_line(number: int, text: str) -> Line:
    if _BAD_CHAR.search(text):
        return Line(number, "", "undecodable")
    if "\x00" in text:
        return Line(number, "", "nul")
    return Line(number, text)


def _describe_defect(line: Line, encoding: str) -> str:
    if line.defect == "too-long":
        return f"line {line.number} is longer than {MAX_LINE} characters; skipped"
    if line.defect == "nul":
        return f"line {line.number} contains a NUL byte; skipped"
    if line.defect == "refused":
        return (
            f"cannot be decoded as {encoding} from line {line.number} on (a byte-order mark "
            "missing?); the rest is skipped"
        )
    return f"line {line.number} is not valid {encoding}; skipped"


# ---------------------------------------------------------------------------------------------
# Safe access to files inside the bag


class BagFS:
    """The bag root and the rules for reaching files inside it without ever leaving it."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.real = os.path.realpath(root)

    def inside(self, real: str) -> bool:
        """True when an already resolved path is the bag root or below it."""
        return real == self.real or real.startswith(self.real.rstrip(os.sep) + os.sep)

    def resolve(self, rel: str) -> tuple[str | None, str]:
        """Resolve a safe relative path; return (real path or None, reason when None)."""
        joined = os.path.join(self.real, *rel.split("/"))
        real = os.path.realpath(joined)
        if not self.inside(real):
            return None, "resolves (through a symlink) to a place outside the bag"
        return real, ""

    def open_regular(self, rel: str) -> tuple[int | None, str]:
        """Open a tag file by bag-relative path; (fd, "") or (None, reason)."""
        real, reason = self.resolve(rel)
        if real is None:
            return None, reason
        try:
            info = os.stat(real)
        except FileNotFoundError:
            return None, "missing"
        except OSError as exc:
            return None, f"cannot be read: {exc.strerror}"
        if not stat.S_ISREG(info.st_mode):
            return None, "is not a regular file"
        try:
            return os.open(real, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)), ""
        except OSError as exc:
            return None, f"cannot be read: {exc.strerror}"


# No leading "/", "\\", "~" or ".", no "\\", NUL or trailing "/", no drive letter.
_SIMPLE_PATH = re.compile(r"^(?![A-Za-z]:)[^/\\~.\x00][^\\\x00]*(?<!/)$")


def clean_path(raw: str, decode: bool) -> tuple[str | None, str | None, list[str]]:
    """Check and normalise a manifest or fetch.txt path by components.

    Returns (path, error, warnings): ``path`` is None when the path is unsafe, with
    ``error`` saying why. Warnings name harmless oddities that were normalised away.
    """
    path = decode_path(raw) if decode else raw
    if _SIMPLE_PATH.match(path) and "//" not in path and "/." not in path:
        return path, None, []  # the common case: nothing to normalise or refuse
    warnings: list[str] = []
    if "\x00" in path:
        return None, "path contains a NUL character", warnings
    if path.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[\\/]", path):
        return None, "absolute path", warnings
    parts = path.split("/")
    if parts[0].startswith("~"):
        return None, "path starts with ~ (home directory)", warnings
    if path.endswith("/"):
        return None, "path names a directory, not a file", warnings
    if path.startswith("./"):
        warnings.append("path starts with ./ (removed)")
    kept: list[str] = []
    for part in parts:
        if part in ("", "."):
            if part == "" and not (kept == [] and path.startswith("/")):
                warnings.append("empty path component (double slash) ignored")
            continue
        if part == "..":
            if not kept:
                return None, "path escapes the bag with ..", warnings
            kept.pop()
            if "path contains .. (normalised)" not in warnings:
                warnings.append("path contains .. (normalised)")
            continue
        kept.append(part)
    if not kept:
        return None, "empty path", warnings
    if "\\" in path:
        warnings.append("path contains a backslash (a Windows separator?)")
    return "/".join(kept), None, sorted(set(warnings), key=warnings.index)


def nfc(name: str) -> str:
    """NFC form of a name, cheap for ASCII."""
    return name if name.isascii() else unicodedata.normalize("NFC", name)


def is_junk(name: str) -> bool:
    """OS clutter that file managers create: .DS_Store, Thumbs.db, AppleDouble ._ files."""
    lower = name.lower()
    return lower in JUNK_NAMES or lower.startswith("._")


# ---------------------------------------------------------------------------------------------
# bagit.txt


@dataclass
class Declaration:
    """What bagit.txt says: the version (as text and as numbers) and the tag-file encoding."""

    version: str | None = None
    version_tuple: tuple[int, int] = (1, 0)
    encoding: str = "utf-8"  # a Python codec name
    encoding_label: str = "UTF-8"


_DECL_EXACT = {
    "BagIt-Version": re.compile(r"^BagIt-Version: (\d+\.\d+)$"),
    "Tag-File-Character-Encoding": re.compile(r"^Tag-File-Character-Encoding: (\S+)$"),
}
_DECL_LOOSE = re.compile(r"^\s*([A-Za-z-]+)\s*:\s*(.*?)\s*$")


def read_declaration(fs: BagFS, found: Findings) -> Declaration:
    """Parse bagit.txt strictly (1.0) or leniently (older versions, with warnings)."""
    decl = Declaration()
    fd, reason = fs.open_regular("bagit.txt")
    if fd is None:
        found.error("bagit-txt", "bagit.txt", f"bagit.txt {reason}")
        return decl
    try:
        lines = []
        for line in iter_lines(fd, "utf-8", max_line=4096):
            lines.append(line)
            if len(lines) > 20:
                break
    finally:
        os.close(fd)
    if lines and lines[0].text.startswith("\ufeff"):
        found.error("bagit-txt-bom", "bagit.txt", "bagit.txt starts with a byte-order mark")
        lines[0].text = lines[0].text[1:]
    values: dict[str, tuple[int, str, bool]] = {}  # label -> (line number, value, exact form)
    odd: list[tuple[Line, str]] = []
    for index, line in enumerate(lines):
        if line.defect:
            odd.append((line, _describe_defect(line, "UTF-8")))
            continue
        if not line.text.strip():
            odd.append((line, f"line {line.number} is empty"))
            continue
        loose = _DECL_LOOSE.match(line.text)
        if not loose or loose.group(1) not in _DECL_EXACT:
            odd.append((line, f"line {line.number} is not a BagIt declaration: {line.text[:80]!r}"))
            continue
        label = loose.group(1)
        if label in values:
            odd.append((line, f"line {line.number} repeats {label}"))
            continue
        exact = bool(_DECL_EXACT[label].match(line.text))
        in_order = (label == "BagIt-Version") == (index == 0)
        values[label] = (line.number, loose.group(2), exact and in_order)

    version_entry = values.get("BagIt-Version")
    if version_entry is None:
        found.error("bagit-txt", "bagit.txt", "bagit.txt has no BagIt-Version line")
    else:
        decl.version = version_entry[1]
        match = re.fullmatch(r"(\d+)\.(\d+)", decl.version)
        if not match:
            found.error("bagit-version", "bagit.txt", f"unreadable BagIt-Version {decl.version!r}")
        else:
            decl.version_tuple = (int(match.group(1)), int(match.group(2)))
            if decl.version_tuple not in KNOWN_VERSIONS:
                if decl.version_tuple > (1, 0):
                    found.error(
                        "bagit-version",
                        "bagit.txt",
                        f"BagIt-Version {decl.version} is newer than 1.0; checked as 1.0",
                    )
                else:
                    found.warning(
                        "bagit-version",
                        "bagit.txt",
                        f"BagIt-Version {decl.version} is not a published version",
                    )
    strict = decl.version_tuple >= (1, 0)

    def complain(code: str, message: str) -> None:
        (found.error if strict else found.warning)(code, "bagit.txt", message)

    for line, message in odd:
        if line.defect or line.text.strip():
            found.error("bagit-txt", "bagit.txt", message)
        else:
            complain("bagit-txt", message)
    for label, (number, _value, exact) in values.items():
        if not exact:
            complain(
                "bagit-txt-format",
                f"line {number}: expected exactly '{label}: <value>' on line "
                f"{1 if label == 'BagIt-Version' else 2}",
            )

    encoding_entry = values.get("Tag-File-Character-Encoding")
    if encoding_entry is None:
        found.error("bagit-txt", "bagit.txt", "bagit.txt has no Tag-File-Character-Encoding line")
    else:
        label = encoding_entry[1]
        try:
            decl.encoding = codecs.lookup(label).name
            decl.encoding_label = label
        except (LookupError, ValueError):  # ValueError: a label codecs cannot even look up
            found.error(
                "tag-encoding",
                "bagit.txt",
                f"unknown Tag-File-Character-Encoding {label!r}; tag files read as UTF-8",
            )
    return decl


# ---------------------------------------------------------------------------------------------
# bag-info.txt / package-info.txt


@dataclass
class InfoEntry:
    """One metadata element: label, unfolded value, and the line where it starts."""

    label: str
    value: str
    line: int


def read_tag_lines(
    fs: BagFS, rel: str, decl: Declaration, found: Findings
) -> Iterator[Line] | None:
    """Open and iterate a tag file's usable lines, reporting defective ones; None if absent."""
    fd, reason = fs.open_regular(rel)
    if fd is None:
        if reason != "missing":
            found.error("tag-file-unreadable", rel, f"{rel} {reason}")
        return None

    def generate() -> Iterator[Line]:
        try:
            first = True
            for line in iter_lines(fd, decl.encoding):
                if line.defect:
                    found.error(
                        "bad-line",
                        rel,
                        f"{rel}: {_describe_defect(line, decl.encoding_label)}",
                        cap_key=rel + ":bad-line",
                    )
                    continue
                if first and line.text.startswith("\ufeff"):
                    found.warning("tag-file-bom", rel, f"{rel} starts with a byte-order mark")
                    line.text = line.text[1:]
                first = False
                yield line
        finally:
            os.close(fd)

    return generate()


def read_info(fs: BagFS, rel: str, decl: Declaration, found: Findings) -> list[InfoEntry]:
    """Parse bag-info.txt (or package-info.txt) with folding; report malformed lines."""
    lines = read_tag_lines(fs, rel, decl, found)
    if lines is None:
        return []
    strict = decl.version_tuple >= (1, 0)
    entries: list[InfoEntry] = []
    for line in lines:
        text = line.text
        if not text.strip():
            found.warning("bag-info-format", rel, f"{rel}: line {line.number} is blank")
            continue
        if text[0] in " \t":
            if not entries:
                found.error(
                    "bag-info-format",
                    rel,
                    f"{rel}: line {line.number} is a continuation with nothing to continue",
                )
            else:
                entries[-1].value += " " + text.strip(" \t")
            continue
        label, colon, value = text.partition(":")
        if not colon or not label.strip():
            found.error(
                "bag-info-format",
                rel,
                f"{rel}: line {line.number} is not 'Label: value': {text[:80]!r}",
                cap_key=rel + ":format",
            )
            continue
        if label != label.strip():
            (found.error if strict else found.warning)(
                "bag-info-format",
                rel,
                f"{rel}: line {line.number}: label {label.strip()!r} has whitespace "
                "before the colon",
            )
        if value and value[0] not in " \t":
            found.warning(
                "bag-info-format",
                rel,
                f"{rel}: line {line.number}: no space after the colon of {label.strip()!r}",
            )
        entries.append(
            InfoEntry(label.strip(), value[1:] if value[:1] in (" ", "\t") else value, line.number)
        )
    for entry in entries:
        entry.value = entry.value.rstrip(" \t")
    return entries


@dataclass
class Oxum:
    """Payload-Oxum: total octets and file count."""

    octets: int
    files: int


def check_info(entries: list[InfoEntry], rel: str, found: Findings) -> Oxum | None:
    """Reserved-element rules: Payload-Oxum once and well-formed; warn on other repeats."""
    by_label: dict[str, list[InfoEntry]] = {}
    for entry in entries:
        by_label.setdefault(entry.label.lower(), []).append(entry)
    oxums = by_label.get("payload-oxum", [])
    if len(oxums) > 1:
        lines = ", ".join(str(entry.line) for entry in oxums)
        found.error("payload-oxum", rel, f"Payload-Oxum appears {len(oxums)} times (lines {lines})")
        return None
    for label in ("bagging-date", "bag-size", "bag-count", "bag-group-identifier"):
        if len(by_label.get(label, [])) > 1:
            found.warning(
                "bag-info-repeated", rel, f"{by_label[label][0].label} appears more than once"
            )
    if not oxums:
        return None
    match = re.fullmatch(r"\s*(\d+)\.(\d+)\s*", oxums[0].value)
    if not match:
        found.error(
            "payload-oxum",
            rel,
            f"line {oxums[0].line}: Payload-Oxum {oxums[0].value!r} is not <octets>.<files>",
        )
        return None
    return Oxum(int(match.group(1)), int(match.group(2)))


# ---------------------------------------------------------------------------------------------
# Manifests and fetch.txt


_MANIFEST_NAME = re.compile(r"^(tag)?manifest-([A-Za-z0-9_-]+)\.txt$")
_MANIFEST_LINE = re.compile(r"^([^ \t]+)[ \t]+(.+)$")
NOT_CHECKABLE = b""  # listed in a manifest whose algorithm we cannot compute


class Manifests:
    """All manifests of one kind merged: path -> one packed record per path.

    A record is a ``bytes``: a bit mask saying which manifests list the path, then the raw
    digests those manifests give, in manifest order (none for a manifest that does not list
    the path; no bytes at all for an algorithm we cannot compute). One small object per path
    instead of a list of digest objects. Read records with ``digest``, ``digests`` and
    ``complete``.
    """

    def __init__(self, names: list[str] | None = None) -> None:
        names = names or []
        self.files = list(names)  # manifest file names
        self.algorithms = [name_alg(name).lower() for name in names]
        self.sizes = [digest_size(a) if is_supported(a) else 0 for a in self.algorithms]
        self.head = (len(names) + 7) // 8  # bytes of the mask
        self.offsets: list[int] = []
        offset = self.head
        for size in self.sizes:
            self.offsets.append(offset)
            offset += size
        mask = bytearray(self.head)
        for index in range(len(names)):
            mask[index >> 3] |= 1 << (index & 7)
        self.full_mask = bytes(mask)
        self.entries: dict[str, bytes] = {}

    def digest(self, record: bytes, index: int) -> bytes | None:
        """The digest manifest ``index`` gives (NOT_CHECKABLE for an algorithm we cannot
        compute), or None when that manifest does not list the path."""
        if not record[index >> 3] >> (index & 7) & 1:
            return None
        if record[: self.head] == self.full_mask:
            offset = self.offsets[index]
        else:  # only the listed digests are stored
            offset = self.head + sum(
                self.sizes[other] for other in range(index) if record[other >> 3] >> (other & 7) & 1
            )
        return record[offset : offset + self.sizes[index]]

    def digests(self, record: bytes) -> list[bytes | None]:
        """``digest`` for every manifest, in order."""
        return [self.digest(record, index) for index in range(len(self.files))]

    def complete(self, record: bytes) -> bool:
        """True when every manifest lists the path."""
        return record[: self.head] == self.full_mask


def read_manifests(
    fs: BagFS,
    names: list[str],
    decl: Declaration,
    found: Findings,
    *,
    payload: bool,
) -> Manifests:
    """Parse manifest files of one kind (payload or tag) into one ``Manifests``."""
    result = Manifests(names)
    decode = decl.version_tuple >= (0, 97)
    strict = decl.version_tuple >= (1, 0)
    for index, (name, algorithm) in enumerate(zip(names, result.algorithms, strict=True)):
        lines = read_tag_lines(fs, name, decl, found)
        if lines is None:
            continue
        size = result.sizes[index] if is_supported(algorithm) else None
        reader = _ManifestLineReader(name, index, size, result)
        reader.decode, reader.strict, reader.payload = decode, strict, payload
        for line in lines:
            reader.read(line, found)
    return result


class _ManifestLineReader:
    """Parses the lines of one manifest into a shared ``Manifests`` (kept lean: 100,000s of
    lines go through ``read``)."""

    decode = True
    strict = True
    payload = True

    def __init__(self, name: str, index: int, size: int | None, result: Manifests) -> None:
        self.name = name
        self.index = index
        self.size = size  # digest length in bytes, None when we cannot compute the algorithm
        self.result = result
        self.entries = result.entries
        self.byte, self.bit = index >> 3, 1 << (index & 7)
        mask = bytearray(result.head)
        mask[self.byte] = self.bit
        self.fresh = bytes(mask)  # the mask of a path first listed by this manifest

    def read(self, line: Line, found: Findings) -> None:
        name = self.name
        text = line.text
        match = _MANIFEST_LINE.match(text)
        if match is None or text[0] in " \t":
            if not text.strip():
                found.warning(
                    "manifest-format",
                    name,
                    f"{name}: line {line.number} is blank",
                    cap_key=name + ":blank",
                )
                return
            if text[0] in " \t":
                found.warning(
                    "manifest-format", name, f"{name}: line {line.number} starts with whitespace"
                )
                match = _MANIFEST_LINE.match(text.lstrip(" \t"))
            if match is None:
                found.error(
                    "bad-line",
                    name,
                    f"{name}: line {line.number} is not '<checksum> <path>': {text[:80]!r}",
                    cap_key=name + ":bad-line",
                )
                return
        checksum, raw_path = match.groups()
        digest: bytes | None = NOT_CHECKABLE
        if self.size is not None:
            try:
                digest = bytes.fromhex(checksum)
            except ValueError:
                digest = None
            if digest is None or len(digest) != self.size:
                found.error(
                    "bad-checksum",
                    name,
                    f"{name}: line {line.number}: {checksum[:140]!r} is not a hexadecimal "
                    f"{name_alg(name)} checksum",
                    cap_key=name + ":bad-checksum",
                )
                return
        if raw_path[0] == "*":
            found.warning(
                "md5sum-marker",
                name,
                f"{name}: line {line.number}: md5sum-style '*' before the path (ignored)",
                cap_key=name + ":md5sum-marker",
            )
            raw_path = raw_path[1:]
        path, error, notes = clean_path(raw_path, self.decode)
        if path is None:
            found.error(
                "unsafe-path", raw_path[:200], f"{name}: line {line.number}: {error}; never opened"
            )
            return
        for note in notes:
            found.warning(
                "path-form", path, f"{name}: line {line.number}: {note}", cap_key=name + ":" + note
            )
        in_data = path.startswith("data/")
        if self.payload and not in_data:
            found.error(
                "payload-path-outside-data",
                path,
                f"{name}: line {line.number}: payload path is not under data/",
            )
            return
        if not self.payload and in_data:
            found.error(
                "tag-manifest-lists-payload",
                path,
                f"{name}: line {line.number}: tag manifest lists a payload file",
            )
            return
        entries = self.entries
        record = entries.get(path)
        if record is None:
            entries[path] = self.fresh + digest
            return
        byte = self.byte
        if not record[byte] & self.bit:
            # Manifests are read in order, so this digest goes last.
            entries[path] = b"".join(
                (
                    record[:byte],
                    (record[byte] | self.bit).to_bytes(1, "little"),
                    record[byte + 1 :],
                    digest,
                )
            )
            return
        # Listed again by the same manifest: one dictionary look-up and one slice per line,
        # and no message is built once the report holds enough of them.
        previous = record[len(record) - len(digest) :]  # this manifest's digest is the last
        strict = self.strict or previous != digest
        severity = "error" if strict else "warning"
        if found.full(severity, "duplicate-entry", path):
            found.omit(severity, "duplicate-entry")
            return
        where = f"{name}: line {line.number}"
        if previous != digest:
            found.error("duplicate-entry", path, f"{where}: listed again with a different checksum")
        elif self.strict:
            found.error("duplicate-entry", path, f"{where}: listed twice")
        else:
            found.warning("duplicate-entry", path, f"{where}: listed twice with the same checksum")


def name_alg(manifest_name: str) -> str:
    """The algorithm part of a manifest file name."""
    match = _MANIFEST_NAME.match(manifest_name)
    return match.group(2) if match else manifest_name


@dataclass
class FetchEntry:
    """One fetch.txt line."""

    url: str
    length: int | None
    path: str
    line: int


def read_fetch(fs: BagFS, decl: Declaration, found: Findings) -> list[FetchEntry]:
    """Parse fetch.txt: '<url> <length or -> <path>' per line."""
    lines = read_tag_lines(fs, "fetch.txt", decl, found)
    if lines is None:
        return []
    strict = decl.version_tuple >= (1, 0)
    entries: list[FetchEntry] = []
    for line in lines:
        where = f"fetch.txt: line {line.number}"
        if not line.text.strip():
            found.warning("fetch-format", "fetch.txt", f"{where} is blank")
            continue
        match = re.match(r"^\s*(\S+)[ \t]+(\S+)[ \t]+(.+)$", line.text)
        if not match:
            found.error(
                "bad-line",
                "fetch.txt",
                f"{where} is not '<url> <length> <path>'",
                cap_key="fetch.txt:bad-line",
            )
            continue
        url, length, raw_path = match.groups()
        if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", url):
            found.error("fetch-url", "fetch.txt", f"{where}: {url[:200]!r} is not an absolute URL")
        if length != "-" and not length.isdigit():
            found.error(
                "fetch-length", "fetch.txt", f"{where}: length {length[:40]!r} is not a number or -"
            )
        path, error, notes = clean_path(raw_path, decl.version_tuple >= (0, 97))
        if path is None:
            found.error("unsafe-path", raw_path[:200], f"{where}: {error}; never fetched or opened")
            continue
        for note in notes:
            found.warning("path-form", path, f"{where}: {note}")
        if not path.startswith("data/"):
            (found.error if strict else found.warning)(
                "fetch-path-outside-data", path, f"{where}: path is not under data/ (ignored)"
            )
            continue
        entries.append(
            FetchEntry(url, int(length) if length.isdigit() else None, path, line.number)
        )
    return entries


# ---------------------------------------------------------------------------------------------
# Walking the bag


@dataclass(slots=True)
class DiskFile:
    """A regular file found by walking: bag-relative name, path to open, size, junk or not."""

    rel: str
    real: str
    size: int
    junk: bool


def walk(fs: BagFS, top: str, found: Findings, unsafe: set[str]) -> Iterator[DiskFile | None]:
    """Yield the regular files under ``top`` (a bag-relative directory), and None after the
    last file of each directory.

    Entries stream in the order the file system lists them (a folder of 100,000 files is
    never held in memory). Symlinks are followed only when they resolve inside the bag;
    anything that is not a directory or a regular file is reported and never opened. Paths
    reported that way are added to ``unsafe`` so that a manifest naming them is not also
    told "missing".
    """
    # From a real starting point, every path reached without a symlink is real too.
    start = os.path.realpath(os.path.join(fs.real, *top.split("/")) if top else fs.real)
    visited: set[str] = {start}
    stack: list[tuple[str, str, bool]] = [(start, top, False)]
    # Symlinked folders are walked last, so that a folder reachable both directly and
    # through a link is seen under its real name.
    deferred: list[tuple[str, str, bool]] = []
    while stack or deferred:
        if not stack:
            target, rel_link, junk_link = deferred.pop(0)
            if target in visited:
                found.warning(
                    "symlink-loop", rel_link, "symlinked folder already walked (not followed)"
                )
                continue
            visited.add(target)
            stack.append((target, rel_link, junk_link))
        directory, rel_dir, junk_dir = stack.pop()
        subdirs: list[tuple[str, str, bool]] = []
        clashes = _NameClashes(rel_dir, found)
        try:
            with os.scandir(directory) as iterator:
                for entry in iterator:
                    clashes.add(entry.name)
                    item = _examine(fs, entry, rel_dir, junk_dir, found, unsafe)
                    if isinstance(item, DiskFile):
                        yield item
                    elif item is not None:
                        path, rel, junk_sub = item
                        if path is entry.path:
                            visited.add(path)
                            subdirs.append(item)
                        else:
                            deferred.append(item)
        except OSError as exc:
            found.error("unreadable", rel_dir, f"directory cannot be listed: {exc.strerror}")
        yield None
        subdirs.sort(reverse=True)  # popped in name order
        stack.extend(subdirs)


def _examine(
    fs: BagFS,
    entry: os.DirEntry[str],
    rel_dir: str,
    junk_dir: bool,
    found: Findings,
    unsafe: set[str],
) -> DiskFile | tuple[str, str, bool] | None:
    """A file to check, a folder to walk (path, rel, junk), or None (reported or skipped)."""
    rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
    try:
        if entry.is_symlink():
            path = os.path.realpath(entry.path)
            if not fs.inside(path):
                found.error(
                    "symlink-outside", rel, "symlink to a place outside the bag; not followed"
                )
                unsafe.add(rel)
                return None
            info = os.stat(path)
            found.warning("symlink", rel, "symlink inside the bag (followed)")
        else:
            info = entry.stat(follow_symlinks=False)
            path = entry.path
    except OSError as exc:
        found.error("unreadable", rel, f"cannot be examined: {exc.strerror}")
        unsafe.add(rel)
        return None
    if stat.S_ISREG(info.st_mode):
        return DiskFile(rel, path, info.st_size, junk_dir or is_junk(entry.name))
    if stat.S_ISDIR(info.st_mode):
        return path, rel, junk_dir or entry.name.lower() in JUNK_DIRS
    found.error("not-regular-file", rel, "not a regular file (device, FIFO or socket)")
    unsafe.add(rel)
    return None


class _NameClashes:
    """Warns about names in one folder that differ only in case or Unicode normalisation."""

    def __init__(self, rel_dir: str, found: Findings) -> None:
        self.rel_dir = rel_dir
        self.found = found
        self.seen: dict[str, str] = {}

    def add(self, name: str) -> None:
        if name.isascii():
            lowered = name.lower()
            key = name if lowered == name else lowered  # share the name's string when we can
        else:
            key = unicodedata.normalize("NFC", name).casefold()
        other = self.seen.setdefault(key, name)
        if other is name:
            return
        first, second = sorted((other, name))
        kind = "Unicode normalisation" if nfc(other) == nfc(name) else "case"
        where = f"{self.rel_dir}/" if self.rel_dir else ""
        self.found.warning(
            "name-clash",
            f"{where}{second}",
            f"differs only in {kind} from {where}{first}; the two clash on some file systems",
        )


# ---------------------------------------------------------------------------------------------
# The check itself


COMPLETENESS_CODES = {
    "missing-file",
    "payload-oxum-mismatch",
    "fetch-pending",
    "not-in-manifest",
    "missing-from-manifest",
    "tag-file-missing",
    "no-payload-dir",
}


@dataclass
class BagCheck:
    """The outcome of checking one bag (WARC checks are verify.py's business)."""

    root: Path
    errors: list[Problem]
    warnings: list[Problem]
    checked: str
    version: str | None = None
    files: int = 0
    octets: int = 0
    payload: list[DiskFile] = field(default_factory=list)  # files matching ``keep`` (e.g. WARCs)
    findings: Findings = field(default_factory=Findings)  # owns ``errors`` and ``warnings``

    @property
    def complete(self) -> bool:
        return not any(problem.code in COMPLETENESS_CODES for problem in self.errors)

    @property
    def error_count(self) -> int:
        """Errors found, including those left out of ``errors`` by the caps."""
        return self.findings.error_count

    @property
    def warning_count(self) -> int:
        """Warnings found, including those left out of ``warnings`` by the caps."""
        return self.findings.warning_count


def check_bag(
    root: Path | str,
    *,
    mode: str = "full",
    jobs: int | None = None,
    keep: tuple[str, ...] = (),
) -> BagCheck:
    """Check a bag and return every problem found.

    ``mode`` is "full" (structure, completeness, checksums), "completeness" (no checksums)
    or "fast" (structure and Payload-Oxum only). Payload files whose names end with one of
    ``keep`` (lower-cased suffixes) are returned in ``payload`` for further checks.
    """
    if mode not in ("full", "completeness", "fast"):
        raise ValueError(f"unknown mode {mode!r}")
    fs = BagFS(Path(root))
    found = Findings()
    checked = {
        "full": "full",
        "completeness": "completeness only",
        "fast": "fast (Payload-Oxum only)",
    }[mode]
    result = BagCheck(fs.root, found.errors, found.warnings, checked, findings=found)
    if not os.path.isdir(fs.real):
        found.error("not-a-bag", "", "not a directory")
        return result
    decl = read_declaration(fs, found)
    result.version = decl.version
    strict = decl.version_tuple >= (1, 0)

    try:
        with os.scandir(fs.real) as iterator:
            top_names = sorted(entry.name for entry in iterator)
    except OSError as exc:
        found.error("unreadable", "", f"bag folder cannot be listed: {exc.strerror}")
        return result
    payload_names = [n for n in top_names if _MANIFEST_NAME.match(n) and not n.startswith("tag")]
    tag_names = [n for n in top_names if _MANIFEST_NAME.match(n) and n.startswith("tag")]
    for name in top_names:
        if is_junk(name) or name.lower() in JUNK_DIRS:
            found.warning("os-junk", name, "operating-system clutter in the bag (ignored)")

    oxum = _read_bag_info(fs, decl, top_names, found)
    if mode == "fast":
        _fast_check(fs, oxum, found, result)
        found.finish()
        return result

    payload = _check_payload_manifests(fs, payload_names, decl, found)
    fetch = read_fetch(fs, decl, found) if "fetch.txt" in top_names else []
    _check_payload(fs, payload, fetch, oxum, mode, jobs, keep, found, result)
    _check_tag_manifests(fs, tag_names, payload_names, top_names, decl, mode, strict, found)
    found.finish()
    return result


def _read_bag_info(
    fs: BagFS, decl: Declaration, top_names: list[str], found: Findings
) -> Oxum | None:
    """Read bag-info.txt, or package-info.txt for 0.93 to 0.95; return the Payload-Oxum."""
    preferred = "package-info.txt" if decl.version_tuple < (0, 96) else "bag-info.txt"
    other = "bag-info.txt" if preferred == "package-info.txt" else "package-info.txt"
    name = preferred
    if preferred not in top_names and other in top_names:
        found.warning(
            "bag-info-name",
            other,
            f"BagIt {decl.version or '?'} calls this file {preferred}; read {other} instead",
        )
        name = other
    if name not in top_names:
        found.warning("payload-oxum-missing", "", f"no {preferred}: Payload-Oxum cannot be checked")
        return None
    entries = read_info(fs, name, decl, found)
    oxum = check_info(entries, name, found)
    if oxum is None and not any(entry.label.lower() == "payload-oxum" for entry in entries):
        found.warning("payload-oxum-missing", name, "no Payload-Oxum")
    return oxum


def _payload_dir_ok(fs: BagFS, found: Findings) -> bool:
    path = os.path.join(fs.real, "data")
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        found.error("no-payload-dir", "data", "the payload directory data/ is missing")
        return False
    if stat.S_ISLNK(info.st_mode):
        real = os.path.realpath(path)
        if not fs.inside(real):
            found.error("symlink-outside", "data", "data/ is a symlink to a place outside the bag")
            return False
        found.warning("symlink", "data", "data/ is a symlink inside the bag (followed)")
        info = os.stat(real)
    if not stat.S_ISDIR(info.st_mode):
        found.error("no-payload-dir", "data", "data is not a directory")
        return False
    return True


def _fast_check(fs: BagFS, oxum: Oxum | None, found: Findings, result: BagCheck) -> None:
    if not _payload_dir_ok(fs, found):
        return
    octets = files = junk_octets = junk_files = 0
    for item in walk(fs, "data", found, set()):
        if item is None:
            continue
        octets += item.size
        files += 1
        if item.junk:
            junk_octets += item.size
            junk_files += 1
    result.files, result.octets = files, octets
    if oxum is None:
        found.error(
            "payload-oxum-missing",
            "",
            "no Payload-Oxum, so a fast check cannot say anything; run a full check",
        )
        return
    if (oxum.octets, oxum.files) == (octets, files):
        return
    if junk_files and (oxum.octets, oxum.files) == (octets - junk_octets, files - junk_files):
        found.warning("os-junk", "data", "Payload-Oxum matches once OS clutter files are left out")
        return
    found.error(
        "payload-oxum-mismatch",
        "",
        f"Payload-Oxum says {oxum.octets}.{oxum.files}, payload has {octets}.{files}",
    )


def _check_payload_manifests(
    fs: BagFS, names: list[str], decl: Declaration, found: Findings
) -> Manifests:
    if not names:
        found.error("no-manifest", "", "no payload manifest (manifest-<algorithm>.txt)")
    manifests = read_manifests(fs, names, decl, found, payload=True)
    algorithms = manifests.algorithms
    for name, algorithm in zip(names, algorithms, strict=True):
        if not is_supported(algorithm):
            found.warning("unsupported-algorithm", name, f"cannot compute {algorithm} checksums")
    if names and not any(is_supported(a) for a in algorithms):
        found.error(
            "unsupported-algorithm", "", "no payload manifest uses an algorithm we can check"
        )
    elif algorithms and all(a in WEAK_ALGORITHMS or not is_supported(a) for a in algorithms):
        found.warning(
            "weak-algorithm",
            "",
            "payload manifests use only MD5/SHA-1, which do not protect against deliberate change",
        )
    return manifests


def _check_payload(
    fs: BagFS,
    manifests: Manifests,
    fetch: list[FetchEntry],
    oxum: Oxum | None,
    mode: str,
    jobs: int | None,
    keep: tuple[str, ...],
    found: Findings,
    result: BagCheck,
) -> None:
    # Entries leave ``expected`` as their files are found, so what is left at the end is
    # what is missing, and the memory of a huge manifest is given back during the walk.
    expected = manifests.entries
    names = manifests.files
    supported = [i for i, a in enumerate(manifests.algorithms) if is_supported(a)]
    hash_algorithms = tuple(manifests.algorithms[i] for i in supported)
    groups = _normalisation_groups(expected, found)
    aliases: dict[str, bytes] = {}  # matched keys sharing an NFC form with another key
    unsafe: set[str] = set()
    totals = [0, 0]  # octets, files (Payload-Oxum counts)

    fetch_paths: dict[str, FetchEntry] = {}
    for entry in fetch:
        fetch_paths.setdefault(entry.path, entry)
        record = expected.get(entry.path)
        if record is None or not manifests.complete(record):
            found.error(
                "fetch-not-in-manifest",
                entry.path,
                f"fetch.txt line {entry.line}: not listed in every payload manifest",
            )

    def jobs_from_walk() -> Iterator[HashJob]:
        if not _payload_dir_ok(fs, found):
            return
        leftovers: list[DiskFile] = []  # names without an exact match, per folder
        for item in walk(fs, "data", found, unsafe):
            if item is not None:
                record = expected.pop(item.rel, None)
                if record is not None:
                    yield from _matched(item, item.rel, record)
                else:
                    leftovers.append(item)
                continue
            batch, leftovers = leftovers, []
            for item in batch:  # after the folder's exact matches, so those win
                key = _find_by_normalisation(item.rel, groups, expected)
                if key is not None:
                    found.warning(
                        "normalisation",
                        item.rel,
                        f"listed in the manifest under another Unicode normalisation ({key!r})",
                    )
                    yield from _matched(item, key, expected.pop(key))
                elif item.junk:
                    found.warning(
                        "os-junk", item.rel, "OS clutter file not in the manifest (ignored)"
                    )
                else:
                    totals[0] += item.size
                    totals[1] += 1
                    found.error(
                        "not-in-manifest", item.rel, "file is not listed in any payload manifest"
                    )

    def _matched(item: DiskFile, key: str, record: bytes) -> Iterator[HashJob]:
        if groups and not key.isascii() and len(groups.get(nfc(key), ())) > 1:
            aliases[key] = record
        totals[0] += item.size
        totals[1] += 1
        if keep and item.rel.lower().endswith(keep):
            result.payload.append(item)
        if item.junk:
            found.warning("os-junk", item.rel, "payload holds an OS clutter file")
        if not manifests.complete(record):
            for index, name in enumerate(names):
                if manifests.digest(record, index) is None:
                    found.error("missing-from-manifest", item.rel, f"file is not listed in {name}")
        if mode == "full" and hash_algorithms:
            yield HashJob(item.real, item.size, (item.rel, record))

    def on_result(outcome: HashResult) -> None:
        job, digests, error = outcome
        rel, record = job.tag
        if error is not None or digests is None:
            found.error("unreadable", rel, f"cannot be read: {getattr(error, 'strerror', error)}")
            return
        for position, index in enumerate(supported):
            want = manifests.digest(record, index)
            if want is None or want == NOT_CHECKABLE:
                continue
            if digests[position] != want:
                found.error(
                    "checksum-mismatch",
                    rel,
                    f"{manifests.algorithms[index]} checksum differs from {names[index]} "
                    f"(expected {want.hex()}, found {digests[position].hex()})",
                )

    if mode == "full":
        hash_many(jobs_from_walk(), hash_algorithms, workers=jobs, on_result=on_result)
    else:
        for _ in jobs_from_walk():
            pass
    result.octets, result.files = totals

    pending = 0
    for key in expected:  # the entries no file was found for
        if key in unsafe:
            continue
        if key in fetch_paths:
            pending += 1
            found.error(
                "fetch-pending",
                key,
                f"not fetched yet from {fetch_paths[key].url[:200]} (bag incomplete until fetched)",
            )
            continue
        alias = _covered_alias(key, groups, aliases, expected)
        if alias is not None:
            found.warning(
                "normalisation",
                key,
                f"listed twice under different Unicode normalisations; checked as {alias!r}",
            )
            continue
        if found.full("error", "missing-file", key):
            found.omit("error", "missing-file")
            continue
        found.error("missing-file", key, "listed in the manifest but not in the bag")
    expected.clear()

    if oxum is not None and (oxum.octets, oxum.files) != tuple(totals):
        note = " (fetch.txt items are not fetched yet)" if pending else ""
        code = "payload-oxum-pending" if pending else "payload-oxum-mismatch"
        message = (
            f"Payload-Oxum says {oxum.octets}.{oxum.files}, payload has {totals[0]}.{totals[1]}"
        )
        if pending:
            found.warning(code, "", message + note)
        else:
            found.error(code, "", message)


def _normalisation_groups(expected: dict[str, bytes], found: Findings) -> dict[str, list[str]]:
    """NFC form -> manifest keys, for keys that are not ASCII (ASCII is its own NFC form)."""
    groups: dict[str, list[str]] = {}
    for key in expected:
        if not key.isascii():
            groups.setdefault(unicodedata.normalize("NFC", key), []).append(key)
    for form, keys in groups.items():
        if len(keys) > 1:
            found.warning(
                "normalisation",
                form,
                f"listed {len(keys)} times under different Unicode normalisations",
            )
    return groups


def _find_by_normalisation(
    rel: str, groups: dict[str, list[str]], expected: dict[str, bytes]
) -> str | None:
    """A key not matched yet that names ``rel`` in another Unicode normalisation."""
    if rel.isascii() or not groups:
        return None
    for key in groups.get(unicodedata.normalize("NFC", rel), ()):
        if key in expected:
            return key
    return None


def _covered_alias(
    key: str,
    groups: dict[str, list[str]],
    aliases: dict[str, bytes],
    expected: dict[str, bytes],
) -> str | None:
    """A matched key with the same NFC form and the same checksums, if any."""
    if key.isascii():
        return None
    for other in groups.get(unicodedata.normalize("NFC", key), ()):
        if other != key and aliases.get(other) == expected[key]:
            return other
    return None


def _check_tag_manifests(
    fs: BagFS,
    names: list[str],
    payload_names: list[str],
    top_names: list[str],
    decl: Declaration,
    mode: str,
    strict: bool,
    found: Findings,
) -> None:
    if not names:
        return
    manifests = read_manifests(fs, names, decl, found, payload=False)
    supported = [i for i, a in enumerate(manifests.algorithms) if is_supported(a)]
    algorithms = tuple(manifests.algorithms[i] for i in supported)
    for name, algorithm in zip(names, manifests.algorithms, strict=True):
        if not is_supported(algorithm):
            found.warning("unsupported-algorithm", name, f"cannot compute {algorithm} checksums")
    for index, name in enumerate(names):
        listed = {
            key
            for key, record in manifests.entries.items()
            if manifests.digest(record, index) is not None
        }
        for payload_manifest in payload_names:
            if payload_manifest not in listed:
                (found.error if strict else found.warning)(
                    "tag-manifest-incomplete",
                    name,
                    f"{name} does not list the payload manifest {payload_manifest}",
                )
        for tag_file in ("bagit.txt", "bag-info.txt", "package-info.txt", "fetch.txt"):
            if tag_file in top_names and tag_file not in listed:
                found.warning("tag-manifest-incomplete", name, f"{name} does not list {tag_file}")
    for key, record in manifests.entries.items():
        real, reason = fs.resolve(key)
        if real is None:
            found.error("symlink-outside", key, f"tag file {reason}; not opened")
            continue
        try:
            info = os.stat(real)
        except FileNotFoundError:
            found.error("tag-file-missing", key, "listed in a tag manifest but not in the bag")
            continue
        except OSError as exc:
            found.error("unreadable", key, f"cannot be examined: {exc.strerror}")
            continue
        if not stat.S_ISREG(info.st_mode):
            found.error("not-regular-file", key, "listed in a tag manifest but not a regular file")
            continue
        if mode != "full" or not algorithms:
            continue
        try:
            digests = hash_path(real, algorithms, info.st_size)
        except OSError as exc:
            found.error("unreadable", key, f"cannot be read: {exc.strerror}")
            continue
        for position, index in enumerate(supported):
            want = manifests.digest(record, index)
            if want is None or want == NOT_CHECKABLE:
                continue
            if digests[position] != want:
                found.error(
                    "checksum-mismatch",
                    key,
                    f"{manifests.algorithms[index]} checksum differs from {names[index]} "
                    f"(expected {want.hex()}, found {digests[position].hex()})",
                )
