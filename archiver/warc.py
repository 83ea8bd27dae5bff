"""WARC/1.1 writing (warcio) and checking (our own streaming reader).

Writing: one gzip member per record, record ids derived from content, dates from the capture,
so the same input under SOURCE_DATE_EPOCH gives the same bytes. Payloads are streamed from
their files: HTTP responses are digested in a first pass (a local original carries the digest
its capture computed), then warcio copies the file.

Checking: ``check_warc`` parses every record of a ``.warc`` or ``.warc.gz`` in one streaming
pass and reports what ``warcio check`` does not: a record cut short, a truncated gzip member,
trailing garbage, missing mandatory fields, as well as block and payload digests.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import uuid
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from . import clock
from .model import Capture, HttpExchange, Problem

WARC_VERSION = "WARC/1.1"
CONFORMS_TO = "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"
_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/archiver/warc-record-id")
_BLOCK = 1 << 20
_HTTP_RECORD_TYPES = ("response", "request")


@dataclass
class WarcSummary:
    """What ``write_warc`` wrote: every record as (type, id, target URI) in file order."""

    path: Path
    records: list[tuple[str, str, str | None]] = field(default_factory=list)
    original_record_id: str = ""
    sha256: str = ""  # hex digest of the whole .warc.gz file


# --------------------------------------------------------------------------- writing


@dataclass
class _Block:
    """A record block waiting to be written: its source, length and digests."""

    source: Path | bytes
    length: int
    block_sha256: str
    payload_sha256: str | None = None  # only for HTTP request/response blocks

    def open(self) -> BinaryIO:
        if isinstance(self.source, bytes):
            return BytesIO(self.source)
        return open(self.source, "rb")  # noqa: SIM115 - closed by the writer below


def _bytes_block(data: bytes) -> _Block:
    return _Block(data, len(data), hashlib.sha256(data).hexdigest())


def _http_head_length(handle: BinaryIO) -> int:
    """Bytes of the status line and headers, as warcio's parser counts them.

    warcio ends the HTTP head at the first line that is empty once trailing whitespace is
    stripped (or at the status line itself when that is empty); the payload digest covers
    everything after it, chunk framing and content encoding included.
    """
    consumed = 0
    first = True
    while True:
        line = handle.readline(_BLOCK)
        consumed += len(line)
        if not line:
            return consumed
        if not line.rstrip() and (first or line.endswith(b"\n")):
            return consumed
        first = False


def _response_block(path: Path) -> _Block:
    """Digest a raw HTTP response file in one streaming pass: the block, and the payload
    after the HTTP head. (A local original's digest is its capture's.)"""
    block = hashlib.sha256()
    payload = hashlib.sha256()
    with open(path, "rb") as handle:
        head_length = _http_head_length(handle)
        handle.seek(0)
        head = handle.read(head_length)
        block.update(head)
        length = len(head)
        while chunk := handle.read(_BLOCK):
            block.update(chunk)
            payload.update(chunk)
            length += len(chunk)
    return _Block(path, length, block.hexdigest(), payload.hexdigest())


def _one_line(value: str) -> str:
    """WARC header and warc-fields values must not break lines."""
    return " ".join(value.split())


class _HashingFile:
    """Write-through wrapper that hashes everything written (the file's own sha256)."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self.handle.write(data)

    def flush(self) -> None:
        self.handle.flush()


# zlib's default level: the same size as warcio's level 9 on news pages (within 0.1%) for a
# quarter less CPU. Every record is still its own gzip member.
GZIP_LEVEL = 6


class _GzipMember:
    """One gzip member around one record: warcio flushes its output once, at the record's end."""

    def __init__(self, out: _HashingFile) -> None:
        self.out = out
        self.compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS + 16)

    def write(self, data: bytes) -> None:
        self.out.write(self.compressor.compress(data))

    def flush(self) -> None:
        self.out.write(self.compressor.flush())
        self.out.flush()


_WRITER_CLASS: type | None = None


def _warcio_writer_class() -> type:
    """warcio's writer with our digests and our gzip members (built once, on first use)."""
    global _WRITER_CLASS
    if _WRITER_CLASS is None:
        from warcio.warcwriter import WARCWriter

        class _Writer(WARCWriter):
            def ensure_digest(self, record, block=True, payload=True):  # noqa: ANN001
                # We set every digest ourselves. warcio would add a SHA-1 payload digest
                # to non-HTTP records, which FastWARC rejects.
                return None

            def _write_warc_record(self, out, record):  # noqa: ANN001
                super()._write_warc_record(_GzipMember(out), record)

        _WRITER_CLASS = _Writer
    return _WRITER_CLASS


def warm_up() -> None:
    """Import warcio's writer now rather than while the first item is written."""
    from warcio.recordloader import ArcWarcRecord  # noqa: F401
    from warcio.statusandheaders import StatusAndHeaders  # noqa: F401

    _warcio_writer_class()


class _RecordWriter:
    """Builds records with content-derived ids and writes them through warcio."""

    def __init__(self, out: _HashingFile) -> None:
        self.writer = _warcio_writer_class()(out, gzip=False, warc_version=WARC_VERSION)
        self.used_ids: set[str] = set()
        self.records: list[tuple[str, str, str | None]] = []
        self.warcinfo_id: str | None = None

    def make_id(self, record_type: str, block: _Block, target: str | None, date: str) -> str:
        name = f"{record_type}\n{block.block_sha256}\n{target or ''}\n{date}"
        record_id = f"<urn:uuid:{uuid.uuid5(_ID_NAMESPACE, name)}>"
        counter = 0
        while record_id in self.used_ids:  # identical records in one file stay distinct
            counter += 1
            record_id = f"<urn:uuid:{uuid.uuid5(_ID_NAMESPACE, name + '#' + str(counter))}>"
        self.used_ids.add(record_id)
        return record_id

    def write(
        self,
        record_type: str,
        block: _Block,
        content_type: str,
        date: datetime,
        target: str | None = None,
        extra: list[tuple[str, str]] | None = None,
        record_id: str | None = None,
    ) -> str:
        from warcio.recordloader import ArcWarcRecord
        from warcio.statusandheaders import StatusAndHeaders

        warc_date = clock.iso(date)
        record_id = record_id or self.make_id(record_type, block, target, warc_date)
        headers: list[tuple[str, str]] = [
            ("WARC-Type", record_type),
            ("WARC-Record-ID", record_id),
            ("WARC-Date", warc_date),
        ]
        if target:
            headers.append(("WARC-Target-URI", _one_line(target)))
        if self.warcinfo_id and record_type != "warcinfo":
            headers.append(("WARC-Warcinfo-ID", self.warcinfo_id))
        headers.extend(extra or [])
        headers.append(("WARC-Block-Digest", f"sha256:{block.block_sha256}"))
        if block.payload_sha256 is not None:
            headers.append(("WARC-Payload-Digest", f"sha256:{block.payload_sha256}"))
        headers.append(("Content-Type", content_type))
        rec_headers = StatusAndHeaders("", headers, protocol=WARC_VERSION)
        with block.open() as stream:
            # http_headers=None: warcio would re-serialise parsed HTTP headers, and the
            # block must stay byte for byte what the server sent. Both digests are set,
            # so warcio streams the file once without buffering it.
            record = ArcWarcRecord(
                "warc", record_type, rec_headers, stream, None, content_type, block.length
            )
            record.payload_length = block.length
            self.writer.write_record(record)
        self.records.append((record_type, record_id, target))
        return record_id

    def reserve(self, record_type: str, block: _Block, target: str | None, date: datetime) -> str:
        return self.make_id(record_type, block, target, clock.iso(date))


def _write_exchange(writer: _RecordWriter, exchange: HttpExchange) -> str:
    """Write a request and its response, linked both ways; return the response id."""
    request = _bytes_block(exchange.request)
    request.payload_sha256 = _bytes_block(_request_payload(exchange.request)).block_sha256
    response = _response_block(exchange.response_path)
    request_id = writer.reserve("request", request, exchange.url, exchange.date)
    response_id = writer.reserve("response", response, exchange.url, exchange.date)
    ip = [("WARC-IP-Address", exchange.ip_address)] if exchange.ip_address else []
    writer.write(
        "request",
        request,
        "application/http; msgtype=request",
        exchange.date,
        exchange.url,
        extra=[("WARC-Concurrent-To", response_id)],
        record_id=request_id,
    )
    writer.write(
        "response",
        response,
        "application/http; msgtype=response",
        exchange.date,
        exchange.url,
        extra=[*ip, ("WARC-Concurrent-To", request_id)],
        record_id=response_id,
    )
    return response_id


def _request_payload(raw: bytes) -> bytes:
    handle = BytesIO(raw)
    return raw[_http_head_length(handle) :]


def content_urn(sha256_hex: str) -> str:
    """The identifier of an original that has no URL: derived from its bytes, never a path."""
    return f"urn:sha256:{sha256_hex}"


def write_warc(
    out_path: Path,
    capture: Capture,
    cleaned_text: str,
    metadata_json: bytes,
    *,
    software: str,
    description: str,
    charset: str | None = None,
) -> WarcSummary:
    """Write the item's WARC: warcinfo, the original, a metadata and a conversion record.

    A local capture (no HTTP exchanges) becomes a ``resource`` record; an HTTP capture
    becomes a ``request`` and a ``response`` record per exchange (each redirect hop, then
    any page requisites), the raw bytes exactly as sent and received. The metadata record
    has no target URI and the conversion record a ``urn:text:`` one, so neither shadows
    the page in replay tools. The output is the same bytes for the same input and time.
    """
    with open(out_path, "wb") as handle:
        out = _HashingFile(handle)
        writer = _RecordWriter(out)
        now = clock.now()
        fields = [
            ("software", software),
            ("format", "WARC File Format 1.1"),
            ("conformsTo", CONFORMS_TO),
            ("description", description),
        ]
        info = "".join(f"{name}: {_one_line(value)}\r\n" for name, value in fields if value)
        writer.warcinfo_id = writer.write(
            "warcinfo",
            _bytes_block(info.encode("utf-8")),
            "application/warc-fields",
            now,
            extra=[("WARC-Filename", out_path.name)],
        )

        if capture.exchanges:
            original_id = ""
            for exchange in capture.exchanges:
                original_id = _write_exchange(writer, exchange)
            for exchange in getattr(capture, "requisites", []):
                _write_exchange(writer, exchange)
            original_uri = capture.url or capture.exchanges[-1].url
        else:
            original_uri = capture.url or content_urn(capture.sha256)
            charset = charset or capture.declared_charset
            media_type = capture.media_type + (f"; charset={charset}" if charset else "")
            # The block is the captured file, whose digest the capture took: a second
            # reading pass would only repeat it (a file changed since is refused after
            # the bag is built, by its signature).
            original_id = writer.write(
                "resource",
                _Block(capture.path, capture.size, capture.sha256),
                media_type,
                capture.captured_at,
                original_uri,
            )

        refers = [("WARC-Refers-To", original_id)]
        writer.write(
            "metadata",
            _bytes_block(metadata_json),
            "application/json",
            now,
            extra=refers,
        )
        writer.write(
            "conversion",
            _bytes_block(cleaned_text.encode("utf-8")),
            "text/plain; charset=utf-8",
            now,
            f"urn:text:{original_uri}",
            extra=refers,
        )
        handle.flush()
    return WarcSummary(out_path, writer.records, original_id, out.digest.hexdigest())


# --------------------------------------------------------------------------- checking

_MANDATORY = ("WARC-Record-ID", "WARC-Date", "WARC-Type", "Content-Length")
_DATE = re.compile(r"^\d{4}(-\d\d(-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,9})?)?Z)?)?)?$")
_RECORD_ID = re.compile(r"^<[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]+>$")
_MAX_HEAD = 1 << 20  # a WARC or HTTP head larger than this is junk, not a record
_GZIP_MAGIC = b"\x1f\x8b"


class _Stop(Exception):
    """The stream cannot be read further (problem already recorded)."""


class _Source:
    """Decompressed bytes of a WARC file, with gzip problems collected on the way."""

    def __init__(self, handle: BinaryIO, problems: list[Problem], relpath: str) -> None:
        self.handle = handle
        self.problems = problems
        self.relpath = relpath
        head = handle.read(2)
        handle.seek(0)
        self.gzip = head == _GZIP_MAGIC
        self._chunks = self._gzip_chunks() if self.gzip else self._plain_chunks()
        self._buffer = b""
        self._pos = 0
        self.offset = 0  # decompressed bytes consumed so far

    def _plain_chunks(self) -> Iterator[bytes]:
        while chunk := self.handle.read(_BLOCK):
            yield chunk

    def _gzip_chunks(self) -> Iterator[bytes]:
        decomp = zlib.decompressobj(zlib.MAX_WBITS | 16)
        member_has_input = False
        members = 0
        pending = b""
        while True:
            data = pending or self.handle.read(_BLOCK)
            pending = b""
            if not data:
                break
            if decomp.eof:
                # a new member must start here; anything else is trailing garbage
                if not data.startswith(_GZIP_MAGIC[: len(data)]):
                    self._problem(
                        "warc-trailing-garbage",
                        f"{len(data)}+ bytes after gzip member {members} are not gzip",
                    )
                    return
                decomp = zlib.decompressobj(zlib.MAX_WBITS | 16)
                member_has_input = False
            try:
                yield decomp.decompress(data, _BLOCK)
                # at the end of a member CPython keeps the rest in unconsumed_tail as well
                # as in unused_data: never decompress again once eof is reached
                while decomp.unconsumed_tail and not decomp.eof:
                    yield decomp.decompress(decomp.unconsumed_tail, _BLOCK)
            except zlib.error as error:
                self._problem("warc-gzip-error", f"gzip member {members + 1}: {error}")
                return
            member_has_input = True
            if decomp.eof:
                members += 1
                pending = decomp.unused_data
        if member_has_input and not decomp.eof:
            self._problem("warc-truncated", f"gzip member {members + 1} is cut short")

    def _problem(self, code: str, message: str) -> None:
        self.problems.append(Problem(code, self.relpath, message))

    def _fill(self) -> bool:
        if self._pos < len(self._buffer):
            return True
        for chunk in self._chunks:
            if chunk:
                self._buffer, self._pos = chunk, 0
                return True
        self._buffer, self._pos = b"", 0
        return False

    def read(self, size: int) -> bytes:
        """Up to ``size`` bytes (fewer only at the end of the stream)."""
        parts = []
        while size > 0 and self._fill():
            piece = self._buffer[self._pos : self._pos + size]
            self._pos += len(piece)
            size -= len(piece)
            parts.append(piece)
        data = b"".join(parts)
        self.offset += len(data)
        return data

    def readline(self, limit: int) -> bytes:
        """One line with its newline, at most ``limit`` bytes."""
        parts = []
        total = 0
        while total < limit and self._fill():
            end = self._buffer.find(b"\n", self._pos, self._pos + limit - total)
            stop = end + 1 if end >= 0 else min(len(self._buffer), self._pos + limit - total)
            piece = self._buffer[self._pos : stop]
            self._pos = stop
            total += len(piece)
            parts.append(piece)
            if end >= 0:
                break
        data = b"".join(parts)
        self.offset += len(data)
        return data


class _Digest:
    """A declared digest (``algo:value``, base16/base32/base64) and the hasher to check it."""

    def __init__(self, declared: str) -> None:
        self.declared = declared
        algo, _, value = declared.partition(":")
        self.hasher = hashlib.new(algo.strip().lower().replace("-", ""))
        self.expected = _decode_digest(value.strip(), self.hasher.digest_size)

    def matches(self) -> bool:
        return self.hasher.digest() == self.expected


def _decode_digest(value: str, size: int) -> bytes:
    try:
        if len(value) == 2 * size:
            return bytes.fromhex(value)
        if len(value.rstrip("=")) == -(-size * 8 // 5):
            padded = value.upper().rstrip("=")
            return base64.b32decode(padded + "=" * (-len(padded) % 8))
        return base64.b64decode(value + "=" * (-len(value) % 4), altchars=b"-_", validate=False)
    except (ValueError, binascii.Error) as error:
        raise ValueError(f"undecodable digest value {value!r}") from error


def _parse_head(lines: list[bytes]) -> list[tuple[str, str]]:
    fields: list[tuple[str, str]] = []
    for raw in lines:
        line = raw.decode("utf-8", "replace").rstrip("\r\n")
        if line[:1] in (" ", "\t") and fields:
            name, value = fields[-1]
            fields[-1] = (name, f"{value} {line.strip()}")
            continue
        name, sep, value = line.partition(":")
        if sep:
            fields.append((name.strip(), value.strip()))
        else:
            fields.append((line.strip(), ""))
    return fields


def check_warc(path: Path, relpath: str) -> list[Problem]:
    """Check a ``.warc`` or ``.warc.gz`` file record by record; return every problem found.

    Checks the version line, mandatory fields, Content-Length against the bytes present
    (a record or gzip member cut short, trailing garbage), block digests and, for HTTP
    request/response records, payload digests over the payload as stored (warcio's and
    FastWARC's reading). Streams the file; never raises on junk.
    """
    problems: list[Problem] = []
    try:
        with open(path, "rb") as handle:
            _check_stream(_Source(handle, problems, relpath), problems, relpath)
    except OSError as error:
        problems.append(Problem("warc-unreadable", relpath, f"cannot read: {error.strerror}"))
    return problems


def _check_stream(source: _Source, problems: list[Problem], relpath: str) -> None:
    seen_ids: set[str] = set()
    number = 0
    while True:
        line = source.readline(_MAX_HEAD)
        if not line:
            if number == 0 and not problems:
                problems.append(Problem("warc-empty", relpath, "no WARC record found"))
            return
        number += 1
        try:
            _check_record(source, line, number, seen_ids, problems, relpath)
        except _Stop:
            return


def _check_record(
    source: _Source,
    first_line: bytes,
    number: int,
    seen_ids: set[str],
    problems: list[Problem],
    relpath: str,
) -> None:
    context = f"record {number}"

    def problem(code: str, message: str, severity: str = "error") -> None:
        problems.append(Problem(code, relpath, f"{message} (#{context})", severity))

    version = first_line.rstrip(b"\r\n")
    if not re.fullmatch(rb"WARC/(0\.1[78]|1\.[01])", version):
        shown = version[:40]
        if number == 1:
            problem("warc-not-warc", f"not a WARC file: starts with {shown!r}")
        else:
            problem("warc-bad-record-start", f"expected a WARC version line, found {shown!r}")
        raise _Stop
    head: list[bytes] = []
    size = len(first_line)
    while True:
        line = source.readline(_MAX_HEAD)
        size += len(line)
        if not line:
            problem("warc-truncated", "file ends inside the record header")
            raise _Stop
        if line in (b"\r\n", b"\n"):
            break
        if size > _MAX_HEAD:
            problem("warc-bad-header", "record header larger than 1 MiB")
            raise _Stop
        head.append(line)
    fields = _parse_head(head)
    values = {name.lower(): value for name, value in reversed(fields)}
    record_type = values.get("warc-type", "")
    record_id = values.get("warc-record-id", "")
    if record_type:
        context = f"record {number}, {record_type}"
    for name in _MANDATORY:
        if name.lower() not in values:
            problem("warc-missing-field", f"mandatory field {name} is missing")
    if record_id:
        if record_id in seen_ids:
            problem("warc-duplicate-id", f"WARC-Record-ID {record_id} appears twice")
        seen_ids.add(record_id)
        if not _RECORD_ID.match(record_id):
            problem("warc-bad-field", f"WARC-Record-ID {record_id!r} is not <uri>", "warning")
    if "warc-date" in values and not _DATE.match(values["warc-date"]):
        problem("warc-bad-field", f"WARC-Date {values['warc-date']!r} is not W3C ISO 8601")
    try:
        length = int(values.get("content-length", ""))
        if length < 0:
            raise ValueError
    except ValueError:
        problem("warc-bad-field", f"Content-Length {values.get('content-length')!r} is invalid")
        raise _Stop from None

    block_digest = _declared(values.get("warc-block-digest"), "block", problem)
    payload_digest = _declared(values.get("warc-payload-digest"), "payload", problem)
    target = values.get("warc-target-uri", "")
    http = record_type in _HTTP_RECORD_TYPES and target.startswith(("http:", "https:"))
    if payload_digest and not http and record_type != "revisit":
        problem(
            "warc-payload-digest-not-http",
            "WARC-Payload-Digest on a non-HTTP record (FastWARC rejects it)",
            "warning",
        )

    remaining = length
    in_payload = not http  # warcio hashes an HTTP payload from after the HTTP head
    while remaining > 0:
        if in_payload:
            chunk = source.read(min(remaining, _BLOCK))
            is_payload = True
        else:
            chunk = source.readline(min(remaining, _MAX_HEAD))
            is_payload = False
            in_payload = not chunk.rstrip()
        if not chunk:
            problem(
                "warc-truncated",
                f"Content-Length is {length} but the file ends after {length - remaining} "
                "bytes of the block",
            )
            raise _Stop
        remaining -= len(chunk)
        if block_digest:
            block_digest.hasher.update(chunk)
        if payload_digest and is_payload:
            payload_digest.hasher.update(chunk)
    if record_type == "revisit":
        payload_digest = None  # a revisit's payload digest names another record's payload
    if block_digest and not block_digest.matches():
        problem("warc-block-digest-mismatch", f"block digest {block_digest.declared} fails")
    if payload_digest and not payload_digest.matches():
        problem("warc-payload-digest-mismatch", f"payload digest {payload_digest.declared} fails")
    end = source.read(4)
    if end != b"\r\n\r\n":
        if len(end) < 4 and b"\r\n\r\n".startswith(end):
            problem("warc-truncated", "file ends before the record's closing CRLF CRLF")
        else:
            problem(
                "warc-bad-content-length",
                "block is not followed by CRLF CRLF: Content-Length does not match the block",
            )
        raise _Stop


def _declared(
    value: str | None, kind: str, problem: Callable[[str, str, str], None]
) -> _Digest | None:
    if not value:
        return None
    try:
        return _Digest(value)
    except ValueError as error:
        problem("warc-bad-digest", f"{kind} digest {value!r}: {error}", "warning")
        return None
