"""Live capture of an http(s) URL, recorded exactly as sent and received.

A small HTTP/1.1 client over sockets (``http.client`` would hide the raw bytes): each
exchange keeps the request bytes and writes the raw response (status line, headers, body
with its chunk framing and content encoding) to its own temporary file for the WARC. The
final response's body is also decoded (de-chunked, Content-Encoding removed, bounded by
``max_size`` so a gzip bomb stops early) into the file extraction reads.

Every failure is a ``FetchError`` subclass with its own exit status and a one-line message
naming the URL; no temporary file survives a failure.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import re
import socket
import ssl
import tempfile
import time
import urllib.request
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from . import clock
from .model import Capture, HttpExchange, InputError

TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 10
MAX_IMAGES = 50
MAX_HEAD = 256 * 1024  # a status line plus headers larger than this is not a web page
TEMP_PREFIX = ".tmp-fetch-"  # the packager's cleaner removes stale ".tmp-*.<pid>" files
_RECV = 64 * 1024
_DECODE_STEP = 1 << 20
PAGE_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.8"
IMAGE_ACCEPT = "image/avif,image/webp,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5"


class FetchError(InputError):
    """A URL could not be captured (malformed response, unsupported encoding ...)."""

    exit_code = 10


class BadSchemeError(FetchError):
    """The URL (or a redirect) uses a scheme other than http or https."""

    exit_code = 11


class DNSError(FetchError):
    """The host name does not resolve."""

    exit_code = 12


class ConnectionRefused(FetchError):
    """Nothing listens at the host and port (or the host is unreachable)."""

    exit_code = 13


class TLSError(FetchError):
    """The TLS handshake failed (certificate, protocol)."""

    exit_code = 14


class FetchTimeout(FetchError):
    """Connecting or receiving the whole response took longer than the timeout."""

    exit_code = 15


class HTTPStatusError(FetchError):
    """The server answered 4xx or 5xx (archived anyway with ``allow_status``)."""

    exit_code = 16

    def __init__(self, subject: str, message: str, status: int = 0) -> None:
        super().__init__(subject, message)
        self.status = status


class TooLargeError(FetchError):
    """The body (as sent or once decoded) is larger than ``max_size``."""

    exit_code = 17


class NotTextError(FetchError):
    """The content type is not a page we can extract text from (HTML or plain text)."""

    exit_code = 18


class TooManyRedirectsError(FetchError):
    """More than ten redirects, or a redirect loop."""

    exit_code = 19


def default_user_agent() -> str:
    """``archiver/<version> (...)``: names the tool so site owners can tell."""
    try:
        from . import __version__ as version
    except ImportError:
        from importlib.metadata import PackageNotFoundError
        from importlib.metadata import version as package_version

        try:
            version = package_version("archiver")
        except PackageNotFoundError:
            version = "0"
    return f"archiver/{version} (news archiving tool; records what the server sent)"


# --------------------------------------------------------------------------- URLs


@dataclass
class _Target:
    url: str  # normalised absolute URL (ASCII)
    scheme: str
    host: str  # IDNA-encoded host, without brackets
    port: int
    request_target: str  # path and query
    host_header: str


def _target(url: str, subject: str) -> _Target:
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise FetchError(subject, f"malformed URL: {error}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise BadSchemeError(subject, f"unsupported URL scheme {scheme!r} (use http or https)")
    if not parts.hostname:
        raise FetchError(subject, "URL has no host")
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise FetchError(subject, f"invalid host name {parts.hostname!r}") from None
    default_port = 443 if scheme == "https" else 80
    port = port or default_port
    # browsers percent-encode what is not ASCII and keep what is already encoded
    safe = "/%:@!$&'()*+,;=-._~[]"
    path = quote(parts.path or "/", safe=safe)
    query = quote(parts.query, safe=safe + "?")
    shown_host = f"[{host}]" if ":" in host else host
    netloc = shown_host if port == default_port else f"{shown_host}:{port}"
    normalised = urlunsplit((scheme, netloc, path, query, ""))
    request_target = path + (f"?{query}" if query else "")
    return _Target(normalised, scheme, host, port, request_target, netloc)


def _proxy_for(target: _Target) -> str | None:
    """The proxy URL from http_proxy / https_proxy unless no_proxy excludes the host."""
    proxies = urllib.request.getproxies_environment()
    proxy = proxies.get(target.scheme)
    if not proxy:
        return None
    if urllib.request.proxy_bypass_environment(target.host, proxies):
        return None
    return proxy if "://" in proxy else f"http://{proxy}"


# --------------------------------------------------------------------------- one exchange


class _Connection:
    """A socket with a deadline; every byte received is also written to the raw file."""

    def __init__(self, sock: socket.socket, deadline: float, subject: str, timeout: float) -> None:
        self.sock = sock
        self.deadline = deadline
        self.subject = subject
        self.buffer = b""
        self.late = f"no complete response within the {timeout:g} s timeout"

    def recv(self) -> bytes:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise FetchTimeout(self.subject, self.late)
        self.sock.settimeout(remaining)
        try:
            return self.sock.recv(_RECV)
        except TimeoutError:
            raise FetchTimeout(self.subject, self.late) from None
        except ssl.SSLError as error:
            raise TLSError(self.subject, f"TLS error: {error.reason or error}") from None
        except OSError as error:
            raise FetchError(self.subject, f"connection error: {error.strerror or error}") from None

    def send(self, data: bytes) -> None:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise FetchTimeout(self.subject, "timed out sending the request")
        self.sock.settimeout(remaining)
        try:
            self.sock.sendall(data)
        except TimeoutError:
            raise FetchTimeout(self.subject, "timed out sending the request") from None
        except OSError as error:
            raise FetchError(self.subject, f"connection error: {error.strerror or error}") from None

    def read_head(self) -> bytes:
        """The status line and headers (through the blank line); leftovers stay buffered."""
        while True:
            match = re.search(rb"\r?\n\r?\n", self.buffer)
            if match:
                head, self.buffer = self.buffer[: match.end()], self.buffer[match.end() :]
                return head
            if len(self.buffer) > MAX_HEAD:
                raise FetchError(self.subject, "response headers larger than 256 KiB")
            data = self.recv()
            if not data:
                if not self.buffer:
                    raise FetchError(self.subject, "the server closed the connection without reply")
                raise FetchError(self.subject, "connection closed inside the response headers")
            self.buffer += data

    def read_some(self) -> bytes:
        if self.buffer:
            data, self.buffer = self.buffer, b""
            return data
        return self.recv()

    def read_line(self, limit: int = 64 * 1024) -> bytes:
        while b"\n" not in self.buffer:
            if len(self.buffer) > limit:
                raise FetchError(self.subject, "malformed chunked encoding")
            data = self.recv()
            if not data:
                raise FetchError(self.subject, "connection closed inside the chunked body")
            self.buffer += data
        end = self.buffer.index(b"\n") + 1
        line, self.buffer = self.buffer[:end], self.buffer[end:]
        return line

    def read_exact(self, size: int) -> bytes:
        while len(self.buffer) < size:
            data = self.recv()
            if not data:
                raise FetchError(self.subject, "connection closed inside the chunked body")
            self.buffer += data
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data


@dataclass
class _Head:
    status: int
    headers: list[tuple[str, str]]

    def get(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name:
                return value
        return None

    def media_type(self) -> tuple[str | None, str | None]:
        """(media type, charset) from Content-Type."""
        value = self.get("content-type")
        if not value:
            return None, None
        media, *params = value.split(";")
        charset = None
        for param in params:
            key, _, val = param.partition("=")
            if key.strip().lower() == "charset" and val.strip().strip("\"'"):
                charset = val.strip().strip("\"'")
        return media.strip().lower() or None, charset


def _parse_head(head: bytes, subject: str) -> _Head:
    lines = head.decode("latin-1").splitlines()
    match = re.match(r"HTTP/\d(?:\.\d)?\s+(\d{3})(?:\s|$)", lines[0] if lines else "")
    if not match:
        raise FetchError(subject, "the reply is not an HTTP response")
    headers: list[tuple[str, str]] = []
    for line in lines[1:]:
        if not line.strip():
            break
        if line[:1] in (" ", "\t") and headers:
            name, value = headers[-1]
            headers[-1] = (name, f"{value} {line.strip()}")
            continue
        name, sep, value = line.partition(":")
        if sep:
            headers.append((name.strip(), value.strip()))
    return _Head(int(match.group(1)), headers)


class _Decoder:
    """Removes Content-Encoding layers, writing at most ``limit`` decoded bytes.

    Each layer yields its output in pieces of at most 1 MiB, so a compression bomb costs
    a few MiB of memory before the size limit stops it.
    """

    def __init__(self, encodings: list[str], out: BinaryIO, limit: int, subject: str) -> None:
        self.steps: list[Callable[[bytes], Iterator[bytes]]] = []
        self.out = out
        self.limit = limit
        self.subject = subject
        self.size = 0
        self.digest = hashlib.sha256()
        self.head = b""
        for encoding in reversed(encodings):
            if encoding in ("gzip", "x-gzip"):
                self.steps.append(self._zlib(zlib.MAX_WBITS | 32))
            elif encoding == "deflate":
                self.steps.append(self._deflate())
            elif encoding == "br":
                self.steps.append(self._brotli())
            elif encoding != "identity":
                raise FetchError(subject, f"unsupported Content-Encoding {encoding!r}")

    def _zlib(self, wbits: int) -> Callable[[bytes], Iterator[bytes]]:
        state = [zlib.decompressobj(wbits)]

        def step(data: bytes) -> Iterator[bytes]:
            decomp = state[0]
            try:
                while data:
                    if decomp.eof:
                        # concatenated gzip members decode as one body, as in browsers;
                        # bytes that start no member are ignored, as browsers do
                        if not data.startswith(b"\x1f\x8b"):
                            return
                        decomp = state[0] = zlib.decompressobj(wbits)
                    yield decomp.decompress(data, _DECODE_STEP)
                    # once eof is reached CPython leaves the rest in unconsumed_tail too
                    while decomp.unconsumed_tail and not decomp.eof:
                        yield decomp.decompress(decomp.unconsumed_tail, _DECODE_STEP)
                    data = decomp.unused_data
            except zlib.error as error:
                raise FetchError(self.subject, f"corrupt compressed body: {error}") from None

        return step

    def _deflate(self) -> Callable[[bytes], Iterator[bytes]]:
        # "deflate" means zlib-wrapped, but some servers send raw deflate: look at the header
        chosen: list[Callable[[bytes], Iterator[bytes]]] = []
        pending = bytearray()

        def step(data: bytes) -> Iterator[bytes]:
            if not chosen:
                pending.extend(data)
                if len(pending) < 2 and data:
                    return
                wrapped = (
                    len(pending) >= 2
                    and (pending[0] & 0x0F) == 8
                    and ((pending[0] << 8) | pending[1]) % 31 == 0
                )
                chosen.append(self._zlib(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS))
                data = bytes(pending)
            yield from chosen[0](data)

        return step

    def _brotli(self) -> Callable[[bytes], Iterator[bytes]]:
        import brotli

        decomp = brotli.Decompressor()

        def step(data: bytes) -> Iterator[bytes]:
            if not data or decomp.is_finished():
                return
            try:
                yield decomp.process(data, output_buffer_limit=_DECODE_STEP)
                while not decomp.can_accept_more_data() and not decomp.is_finished():
                    yield decomp.process(b"", output_buffer_limit=_DECODE_STEP)
            except brotli.error as error:
                raise FetchError(self.subject, f"corrupt brotli body: {error}") from None

        return step

    def feed(self, data: bytes, level: int = 0) -> None:
        """Push body bytes (as de-chunked) through the decoding layers into the file."""
        if level < len(self.steps):
            for piece in self.steps[level](data):
                if piece:
                    self.feed(piece, level + 1)
            return
        self.size += len(data)
        if self.size > self.limit:
            raise TooLargeError(
                self.subject, f"decoded body larger than --max-size {self.limit} bytes"
            )
        if len(self.head) < 4096:
            self.head += data[: 4096 - len(self.head)]
        self.digest.update(data)
        self.out.write(data)


@dataclass
class _Result:
    exchange: HttpExchange
    head: _Head
    target: _Target
    decoded: Path | None = None
    decoded_size: int = 0
    decoded_sha256: str = ""
    decoded_head: bytes = b""


@dataclass
class _Options:
    timeout: float
    max_size: int
    user_agent: str
    headers: list[tuple[str, str]]
    workdir: Path | None
    created: list[Path] = field(default_factory=list)

    def temp_file(self, kind: str) -> Path:
        descriptor, name = tempfile.mkstemp(
            prefix=f"{TEMP_PREFIX}{kind}-", suffix=f".{os.getpid()}", dir=self.workdir
        )
        os.close(descriptor)
        path = Path(name)
        self.created.append(path)
        return path


def _build_request(target: _Target, options: _Options, accept: str, absolute: bool) -> bytes:
    headers: list[tuple[str, str]] = [
        ("Host", target.host_header),
        ("User-Agent", options.user_agent),
        ("Accept", accept),
        ("Accept-Encoding", "gzip, deflate, br"),
        ("Connection", "close"),
    ]
    for name, value in options.headers:
        headers = [(key, val) for key, val in headers if key.lower() != name.lower()]
        if value:  # "Name:" with no value removes a default header, as curl does
            headers.append((name, value))
    line = f"GET {target.url if absolute else target.request_target} HTTP/1.1\r\n"
    text = line + "".join(f"{name}: {value}\r\n" for name, value in headers) + "\r\n"
    return text.encode("latin-1")


def _connect(host: str, port: int, deadline: float, subject: str) -> socket.socket:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise DNSError(subject, f"cannot resolve host {host!r}: {error.strerror}") from None
    last: OSError | None = None
    for family, kind, proto, _, address in infos:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        sock = socket.socket(family, kind, proto)
        sock.settimeout(remaining)
        try:
            sock.connect(address)
            return sock
        except TimeoutError:
            sock.close()
            raise FetchTimeout(subject, f"timed out connecting to {host}:{port}") from None
        except OSError as error:
            sock.close()
            last = error
    if last is None:
        raise FetchTimeout(subject, f"timed out connecting to {host}:{port}")
    if isinstance(last, ConnectionRefusedError):
        raise ConnectionRefused(subject, f"connection refused by {host}:{port}")
    raise ConnectionRefused(subject, f"cannot connect to {host}:{port}: {last.strerror or last}")


def _tls(sock: socket.socket, host: str, deadline: float, subject: str) -> socket.socket:
    context = ssl.create_default_context()
    sock.settimeout(max(deadline - time.monotonic(), 0.001))
    try:
        return context.wrap_socket(sock, server_hostname=host)
    except TimeoutError:
        sock.close()
        raise FetchTimeout(subject, "timed out in the TLS handshake") from None
    except ssl.SSLCertVerificationError as error:
        sock.close()
        raise TLSError(subject, f"TLS certificate rejected: {error.verify_message}") from None
    except (ssl.SSLError, ConnectionResetError) as error:
        sock.close()
        reason = getattr(error, "reason", None) or str(error)
        raise TLSError(subject, f"TLS handshake failed: {reason}") from None


def _open_socket(
    target: _Target, deadline: float, subject: str
) -> tuple[socket.socket, bool, str | None, str | None]:
    """Connect (through a proxy when configured): (socket, absolute-form, auth, peer IP)."""
    proxy = _proxy_for(target)
    if not proxy:
        sock = _connect(target.host, target.port, deadline, subject)
        peer = sock.getpeername()[0]
        if target.scheme == "https":
            sock = _tls(sock, target.host, deadline, subject)
        return sock, False, None, peer
    parts = urlsplit(proxy)
    auth = None
    if parts.username:
        credentials = f"{parts.username}:{parts.password or ''}".encode()
        auth = "Basic " + base64.b64encode(credentials).decode("ascii")
    sock = _connect(parts.hostname or "", parts.port or 8080, deadline, subject)
    if target.scheme == "http":
        return sock, True, auth, None  # the server's address is the proxy's secret
    tunnel = (
        f"CONNECT {target.host}:{target.port} HTTP/1.1\r\nHost: {target.host}:{target.port}\r\n"
    )
    if auth:
        tunnel += f"Proxy-Authorization: {auth}\r\n"
    connection = _Connection(sock, deadline, subject, deadline - time.monotonic())
    connection.send((tunnel + "\r\n").encode("latin-1"))
    head = _parse_head(connection.read_head(), subject)
    if not 200 <= head.status < 300:
        sock.close()
        raise FetchError(subject, f"proxy refused the tunnel: HTTP {head.status}")
    return _tls(sock, target.host, deadline, subject), False, None, None


def _exchange(
    target: _Target,
    options: _Options,
    subject: str,
    *,
    accept: str,
    check: Callable[[_Head], bool] | None = None,
) -> _Result:
    """Send one GET and keep the raw response; decode the body when ``check`` says so.

    ``check`` sees the head before the body is read: it may raise (status, content type)
    and returns whether the body is wanted decoded (False for redirects and images).
    """
    deadline = time.monotonic() + options.timeout
    date = clock.now()
    sock, absolute, auth, peer = _open_socket(target, deadline, subject)
    request = _build_request(target, options, accept, absolute)
    sent = request
    if auth:  # the proxy password goes on the wire, never into the archive
        sent = request[:-2] + f"Proxy-Authorization: {auth}\r\n\r\n".encode("latin-1")
    raw_path = options.temp_file("response")
    with contextlib.closing(sock), open(raw_path, "wb") as raw:
        connection = _Connection(sock, deadline, subject, options.timeout)
        connection.send(sent)
        while True:
            head_bytes = connection.read_head()
            head = _parse_head(head_bytes, subject)
            if not (100 <= head.status < 200) or head.status == 101:
                break  # interim 1xx responses precede the real one and are not kept
        raw.write(head_bytes)
        exchange = HttpExchange(target.url, request, raw_path, head.status, date, peer)
        result = _Result(exchange, head, target)
        want_decoded = check(head) if check else False
        decoder = None
        if want_decoded:
            result.decoded = options.temp_file("body")
        with open(result.decoded, "wb") if result.decoded else contextlib.nullcontext() as out:
            if out is not None:
                encodings = [
                    part.strip().lower()
                    for part in (head.get("content-encoding") or "").split(",")
                    if part.strip()
                ]
                decoder = _Decoder(encodings, out, options.max_size, subject)
            _read_body(connection, head, raw, decoder, options.max_size, subject)
            if decoder:
                result.decoded_size = decoder.size
                result.decoded_sha256 = decoder.digest.hexdigest()
                result.decoded_head = decoder.head
    return result


def _read_body(
    connection: _Connection,
    head: _Head,
    raw: BinaryIO,
    decoder: _Decoder | None,
    max_size: int,
    subject: str,
) -> None:
    """Copy the body as sent to ``raw`` and its de-chunked bytes to ``decoder``."""
    received = 0

    def body(data: bytes) -> None:
        nonlocal received
        received += len(data)
        if received > max_size:
            raise TooLargeError(subject, f"body larger than --max-size {max_size} bytes")
        if decoder:
            decoder.feed(data)

    if head.status in (204, 304) or 100 <= head.status < 200:
        return
    codings = [c.strip().lower() for c in (head.get("transfer-encoding") or "").split(",")]
    if codings[-1] == "chunked":
        while True:
            line = connection.read_line()
            raw.write(line)
            size_text = line.split(b";", 1)[0].strip()
            try:
                size = int(size_text, 16)
            except ValueError:
                raise FetchError(subject, "malformed chunked encoding") from None
            if size == 0:
                break
            if received + size > max_size:
                raise TooLargeError(subject, f"body larger than --max-size {max_size} bytes")
            data = connection.read_exact(size)
            raw.write(data)
            body(data)
            raw.write(connection.read_line())
        while True:  # trailers, up to the blank line
            line = connection.read_line()
            raw.write(line)
            if not line.strip():
                return
    length_text = head.get("content-length")
    if length_text is not None:
        try:
            length = int(length_text.split(",")[0].strip())
        except ValueError:
            raise FetchError(subject, f"invalid Content-Length {length_text!r}") from None
        if length > max_size:
            raise TooLargeError(
                subject, f"body of {length} bytes is larger than --max-size {max_size} bytes"
            )
        while length > 0:
            data = connection.read_some()
            if not data:
                raise FetchError(subject, f"connection closed with {length} bytes still due")
            data = data[:length]  # anything after the declared length is not this response
            length -= len(data)
            raw.write(data)
            body(data)
        return
    while data := connection.read_some():  # no framing: the body runs to the close
        raw.write(data)
        body(data)


# --------------------------------------------------------------------------- capture


def _parse_headers(headers: Sequence[str], subject: str) -> list[tuple[str, str]]:
    parsed = []
    for header in headers:
        name, sep, value = header.partition(":")
        if (
            not sep
            or not re.fullmatch(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+", name.strip())
            or "\r" in value
            or "\n" in value
        ):
            raise FetchError(subject, f"bad --header {header!r} (expected 'Name: value')")
        parsed.append((name.strip(), value.strip()))
    return parsed


def _follow(
    url: str,
    options: _Options,
    subject: str,
    *,
    accept: str,
    final_check: Callable[[_Head, str], bool],
) -> list[_Result]:
    """GET ``url`` and its redirects (at most ten), one result per hop."""
    results: list[_Result] = []
    seen: set[str] = set()
    current = url
    while True:
        target = _target(current, subject)
        if target.url in seen or len(results) > MAX_REDIRECTS:
            raise TooManyRedirectsError(
                subject, f"more than {MAX_REDIRECTS} redirects or a redirect loop"
            )
        seen.add(target.url)

        def check(head: _Head, where: str = target.url) -> bool:
            if head.status in REDIRECT_STATUSES and head.get("location"):
                return False
            return final_check(head, where)

        result = _exchange(target, options, subject, accept=accept, check=check)
        results.append(result)
        location = result.head.get("location")
        if result.head.status not in REDIRECT_STATUSES or not location:
            return results
        current = urljoin(target.url, location.strip())


def capture_url(
    url: str,
    *,
    timeout: float = 30.0,
    max_size: int = 100 * 2**20,
    user_agent: str | None = None,
    headers: Sequence[str] = (),
    allow_status: bool = False,
    with_images: bool = False,
    workdir: Path | None = None,
) -> Capture:
    """Fetch ``url`` live (following up to ten redirects) and return the Capture.

    Every hop is kept as an ``HttpExchange`` (raw request bytes, raw response in a file);
    ``Capture.path`` holds the final body decoded. ``timeout`` bounds connecting and the
    whole of each response; ``max_size`` bounds the body as sent and once decoded;
    ``headers`` are extra ``"Name: value"`` request headers; ``allow_status`` keeps 4xx/5xx
    pages; ``with_images`` also captures the images in the article body (``requisites``;
    failures listed in ``skipped``). Temporary files go to ``workdir`` (default: the system
    temporary folder) and are removed on failure. Raises a ``FetchError`` subclass.
    """
    subject = url
    options = _Options(
        timeout=timeout,
        max_size=max_size,
        user_agent=user_agent or default_user_agent(),
        headers=_parse_headers(headers, subject),
        workdir=workdir,
    )

    def page_check(head: _Head, where: str) -> bool:
        if head.status >= 400 and not allow_status:
            raise HTTPStatusError(subject, f"HTTP {head.status} from {where}", status=head.status)
        media, _ = head.media_type()
        if media is not None and media not in TEXT_TYPES:
            raise NotTextError(subject, f"content type {media!r} is not HTML or plain text")
        return True

    captured_at = clock.now()
    try:
        results = _follow(url, options, subject, accept=PAGE_ACCEPT, final_check=page_check)
        final = results[-1]
        media, charset = final.head.media_type()
        if media is None:
            media = _sniff(final.decoded_head, subject)
        assert final.decoded is not None
        capture = Capture(
            source=url,
            path=final.decoded,
            media_type=media,
            size=final.decoded_size,
            sha256=final.decoded_sha256,
            captured_at=captured_at,
            url=final.target.url,
            declared_charset=charset,
            exchanges=[result.exchange for result in results],
            temporary=True,
            redirect_chain=[result.target.url for result in results],
        )
        if with_images and media in ("text/html", "application/xhtml+xml"):
            _capture_images(capture, options)
        return capture
    except BaseException:
        for path in options.created:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        raise


def _sniff(head: bytes, subject: str) -> str:
    """Media type of a body served without Content-Type: HTML, plain text, or refused."""
    if b"\x00" in head[:1024] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise NotTextError(subject, "no content type and the body is binary")
    lowered = head[:1024].lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<body" in lowered:
        return "text/html"
    return "text/plain"


# --------------------------------------------------------------------------- images

_SKIP_CONTAINERS = re.compile(
    r"comment|share|sharing|sharedaddy|related|sidebar|widget|avatar|author-bio|newsletter",
    re.IGNORECASE,
)
_BODY_XPATHS = (
    "//*[@itemprop='articleBody']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' entry-content ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' post-content ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' article-body ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' article-content ')]",
    "//article",
    "//main",
    "//body",
)


def article_image_urls(html: bytes, base_url: str) -> tuple[list[str], list[dict[str, str]]]:
    """URLs of the images inside the article body, and those skipped with the reason.

    The body is the first of: itemprop=articleBody, .entry-content, .post-content,
    .article-body, .article-content, <article>, <main>, <body> (the largest match); images
    inside comments, share widgets, related posts and sidebars are not the article's.
    """
    import lxml.html
    from lxml import etree

    try:
        document = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return [], []
    base = document.find(".//base[@href]")
    if base is not None:
        base_url = urljoin(base_url, base.get("href", "").strip())
    container = None
    for xpath in _BODY_XPATHS:
        matches = document.xpath(xpath)
        if matches:
            container = max(matches, key=lambda element: len(element.text_content()))
            break
    if container is None:
        return [], []
    urls: list[str] = []
    skipped: list[dict[str, str]] = []
    for image in container.iter("img"):
        if _in_widget(image, container):
            continue
        src = (image.get("src") or "").strip()
        if not src or src.startswith("data:"):
            lazy = image.get("data-src") or image.get("data-lazy-src") or image.get("data-original")
            src = (lazy or src).strip()
        if not src:
            continue
        if src.startswith("data:"):
            skipped.append({"url": src[:60], "reason": "data: URI, already inside the page"})
            continue
        absolute = urljoin(base_url, src)
        if urlsplit(absolute).scheme.lower() not in ("http", "https"):
            skipped.append({"url": absolute, "reason": "not an http(s) URL"})
            continue
        absolute = absolute.split("#", 1)[0]
        if absolute not in urls:
            urls.append(absolute)
    return urls, skipped


def _in_widget(image: object, container: object) -> bool:
    """True when the image sits in a comment, share, related-posts or sidebar block."""
    element = image
    while element is not None and element is not container:
        label = f"{element.get('class', '')} {element.get('id', '')}"  # type: ignore[attr-defined]
        if _SKIP_CONTAINERS.search(label):
            return True
        element = element.getparent()  # type: ignore[attr-defined]
    return False


def _capture_images(capture: Capture, options: _Options) -> None:
    with open(capture.path, "rb") as handle:
        html = handle.read(options.max_size)
    urls, skipped = article_image_urls(html, capture.url or "")
    capture.skipped.extend(skipped)
    for number, url in enumerate(urls):
        if number >= MAX_IMAGES:
            capture.skipped.append({"url": url, "reason": f"more than {MAX_IMAGES} images"})
            continue

        def image_check(head: _Head, where: str, url: str = url) -> bool:
            if not 200 <= head.status < 300:
                raise HTTPStatusError(url, f"HTTP {head.status} from {where}", head.status)
            media, _ = head.media_type()
            if media is not None and not media.startswith("image/"):
                raise NotTextError(url, f"content type {media!r} is not an image")
            return False

        before = len(options.created)
        try:
            results = _follow(url, options, url, accept=IMAGE_ACCEPT, final_check=image_check)
        except FetchError as error:
            for path in options.created[before:]:
                with contextlib.suppress(OSError):
                    path.unlink(missing_ok=True)
            del options.created[before:]
            capture.skipped.append({"url": url, "reason": error.message})
            continue
        capture.requisites.extend(result.exchange for result in results)


def discard(capture: Capture) -> None:
    """Delete a live capture's temporary files (decoded body and raw responses)."""
    capture.discard()
