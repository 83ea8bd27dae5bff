"""A real threaded HTTP server on 127.0.0.1 for tests (standard library only).

Responses are written to the socket as raw bytes, so tests can serve exactly what they need:
chunked or gzip bodies, broken framing, stalls past a timeout, oversized bodies, bombs.

    from tests.httpserver import serve, response, redirect, stall

    routes = {
        "/post": response(b"<html>...</html>", content_type="text/html; charset=utf-8"),
        "/old": redirect("/post", 301),
        "/raw": b"HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nhi",
        "/slow": stall(10),
        "/echo": lambda request, conn: response(request.raw),
    }
    with serve(routes) as base_url:          # e.g. "http://127.0.0.1:41234"
        fetch(base_url + "/post")
        base_url.requests                     # every Request received, in order

A route is either ``bytes`` (sent verbatim, then the connection is closed) or a callable
``handler(request, conn) -> bytes | None``: returned bytes are sent, and the handler may
also write to ``conn`` itself (e.g. send headers, then sleep). Routes are looked up by the
full request target (path and query) first, then by the path alone; anything else is a 404.
A request in absolute form (``GET http://host/path``, as sent to a proxy) is routed by its
path too, so the server doubles as an HTTP proxy in tests.
"""

from __future__ import annotations

import contextlib
import gzip as gzip_module
import socket
import socketserver
import ssl
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class Request:
    """One request as received: method, target (as sent), path, headers, body, raw bytes."""

    method: str
    target: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)  # names lower-cased
    body: bytes = b""
    raw: bytes = b""


Handler = Callable[[Request, socket.socket], "bytes | None"]
Route = bytes | Handler


class BaseURL(str):
    """The server's base URL (``http://127.0.0.1:PORT``) carrying the requests it received."""

    requests: list[Request]
    stopping: threading.Event


def response(
    body: bytes = b"",
    status: int = 200,
    *,
    content_type: str | None = "text/html; charset=utf-8",
    headers: Mapping[str, str] | list[tuple[str, str]] | None = None,
    chunked: bool = False,
    gzip: bool = False,
    reason: str | None = None,
    chunk_size: int = 100,
) -> bytes:
    """A complete HTTP/1.1 response as bytes.

    ``gzip`` compresses the body (Content-Encoding: gzip, deterministic mtime 0);
    ``chunked`` frames it with Transfer-Encoding: chunked in ``chunk_size`` pieces
    (otherwise a Content-Length is sent).
    """
    pairs = list(headers.items()) if isinstance(headers, Mapping) else list(headers or [])
    if content_type:
        pairs.insert(0, ("Content-Type", content_type))
    if gzip:
        body = gzip_module.compress(body, mtime=0)
        pairs.append(("Content-Encoding", "gzip"))
    if chunked:
        pairs.append(("Transfer-Encoding", "chunked"))
        framed = b"".join(
            b"%x\r\n%s\r\n" % (len(body[i : i + chunk_size]), body[i : i + chunk_size])
            for i in range(0, len(body), chunk_size)
        )
        body = framed + b"0\r\n\r\n"
    else:
        pairs.append(("Content-Length", str(len(body))))
    pairs.append(("Connection", "close"))
    status_line = f"HTTP/1.1 {status} {reason or _REASONS.get(status, 'Status')}\r\n"
    head = status_line + "".join(f"{name}: {value}\r\n" for name, value in pairs) + "\r\n"
    return head.encode("latin-1") + body


def redirect(location: str, status: int = 301) -> bytes:
    """A redirect response to ``location`` (relative or absolute)."""
    return response(b"", status, content_type=None, headers={"Location": location})


def stall(seconds: float, head: bytes | None = None) -> Handler:
    """A handler that sends ``head`` (default: a 200 promising 1000 bytes), then goes quiet.

    It waits ``seconds`` or until the server stops, so tests never wait on it at exit.
    """
    head = head or b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n"

    def handler(request: Request, conn: socket.socket) -> None:
        conn.sendall(head)
        _STOPPING[threading.current_thread().name].wait(seconds)

    return handler


def stream(total: int, piece: bytes = b"x" * 65536, content_type: str = "text/html") -> Handler:
    """A handler sending ``total`` body bytes with a Content-Length, generated on the fly."""

    def handler(request: Request, conn: socket.socket) -> None:
        head = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {total}\r\n\r\n"
        conn.sendall(head.encode("latin-1"))
        sent = 0
        with contextlib.suppress(OSError):  # the client may hang up once it has seen enough
            while sent < total:
                data = piece[: total - sent]
                conn.sendall(data)
                sent += len(data)

    return handler


_REASONS = {
    200: "OK",
    204: "No Content",
    301: "Moved Permanently",
    302: "Found",
    303: "See Other",
    307: "Temporary Redirect",
    308: "Permanent Redirect",
    404: "Not Found",
    500: "Internal Server Error",
}
_STOPPING: dict[str, threading.Event] = {}  # handler thread name -> its server's stop event


def _read_request(conn: socket.socket) -> Request | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
        if len(data) > 1 << 20:
            return None
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, target, *_ = (lines[0].split(" ") + ["", ""])[:3]
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0") or 0)
    while len(rest) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        rest += chunk
    path = urlsplit(target).path if "://" in target else target.split("?", 1)[0]
    return Request(method, target, path, headers, rest[:length], head + b"\r\n\r\n" + rest)


@contextlib.contextmanager
def serve(routes: Mapping[str, Route], *, tls: ssl.SSLContext | None = None) -> Iterator[BaseURL]:
    """Serve ``routes`` on 127.0.0.1 (a free port) in background threads; yield the base URL.

    With ``tls`` (a server-side SSLContext) the server speaks HTTPS and the URL is https://.
    """
    requests: list[Request] = []
    stopping = threading.Event()

    class _Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            conn: socket.socket = self.request
            conn.settimeout(10)
            _STOPPING[threading.current_thread().name] = stopping
            try:
                if tls is not None:
                    conn = tls.wrap_socket(conn, server_side=True)
                request = _read_request(conn)
                if request is None:
                    return
                requests.append(request)
                target = urlsplit(request.target)
                key = target.path + (f"?{target.query}" if target.query else "")
                route = routes.get(key if "://" in request.target else request.target)
                if route is None:
                    route = routes.get(request.path)
                if route is None:
                    reply: bytes | None = response(b"not found", 404, content_type="text/plain")
                elif isinstance(route, bytes | bytearray):
                    reply = bytes(route)
                else:
                    reply = route(request, conn)
                if reply:
                    conn.sendall(reply)
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_WR)
            except (OSError, ssl.SSLError):
                pass
            finally:
                _STOPPING.pop(threading.current_thread().name, None)

    class _Server(socketserver.ThreadingTCPServer):
        daemon_threads = True
        allow_reuse_address = True

    server = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    scheme = "https" if tls is not None else "http"
    base = BaseURL(f"{scheme}://127.0.0.1:{server.server_address[1]}")
    base.requests = requests
    base.stopping = stopping
    try:
        yield base
    finally:
        stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextlib.contextmanager
def serve_raw(reply: bytes) -> Iterator[int]:
    """Accept connections on 127.0.0.1 and answer each with ``reply`` at once, without
    reading the request (e.g. plain HTTP to a TLS client, or garbage); yield the port."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.05)
    stopping = threading.Event()

    def loop() -> None:
        while not stopping.is_set():
            try:
                conn, _ = listener.accept()
            except (TimeoutError, OSError):
                continue
            with conn, contextlib.suppress(OSError):
                conn.sendall(reply)
                conn.shutdown(socket.SHUT_WR)
                conn.settimeout(1)
                with contextlib.suppress(OSError):
                    conn.recv(65536)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stopping.set()
        thread.join(timeout=5)
        listener.close()


def self_signed_context(directory: str) -> ssl.SSLContext | None:
    """A server SSLContext with a fresh self-signed certificate for 127.0.0.1 (made with the
    openssl command), or None when openssl is not installed."""
    import os
    import shutil
    import subprocess

    if not shutil.which("openssl"):
        return None
    cert, key = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", cert],
        check=True,
        capture_output=True,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


def closed_port() -> int:
    """A local port where nothing listens (connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
