"""Hostile input and bad days: every input is packaged or refused in one line, nothing half-written.

Each test names one hostile case of the README's table. Judges are independent where they can
be: bagit-python validates the bags, warcio reads the original back out of the WARC, and the
command line is run as a real process so that a traceback, a hang or a stray file shows.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import bagit
import pytest
from warcio.archiveiterator import ArchiveIterator

from archiver.clean.flat import MAX_HTML_DEPTH, flat_text, html_depth_exceeds
from archiver.model import InputError, OutputError
from archiver.package import ArchiveOptions, archive, remove_stale_temporaries
from archiver.sniff import binary_kind
from archiver.sources import capture_file

BIN = Path(sys.executable).parent
ARCHIVER = str(BIN / "archiver")

ARTICLE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>Ferry strike ends</title></head>"
    "<body><nav>Home | World</nav><article><h1>Ferry strike ends</h1>"
    "<p>The ferry crews of the northern islands returned to work on Tuesday after a strike that "
    "lasted eleven days and left three islands without a daily crossing.</p>"
    "<p>The union said the new contract raises pay by six percent over two years and limits "
    "night shifts to four a week, which had been the main demand of the crews.</p>"
    "</article></body></html>"
)
DUMP = (
    "Ferry strike ends after eleven days\n"
    "The ferry crews of the northern islands returned to work on Tuesday.\n"
    "The union said the new contract raises pay by six percent over two years.\n"
)


@pytest.fixture(autouse=True)
def reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def run(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run the real command line; a hang fails the test instead of the suite."""
    return subprocess.run(
        [ARCHIVER, *args],
        input=stdin.decode("latin-1") if stdin is not None else None,
        capture_output=True,
        text=True,
        encoding="latin-1",
        timeout=timeout,
        env={**os.environ, **(env or {})},
        check=False,
    )


def assert_refused(result: subprocess.CompletedProcess[str], name: str, *words: str) -> str:
    """One stderr line naming the input and the reason, exit 3 or 4, nothing on stdout."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"archiver: {name}: "), lines[0]
    for word in words:
        assert word in lines[0].lower(), lines[0]
    assert result.returncode in (3, 4), result.returncode
    assert result.stdout == ""
    return lines[0]


def bags_in(out: Path) -> list[Path]:
    return sorted(p for p in out.iterdir() if not p.name.startswith("."))


def hidden_in(out: Path) -> list[Path]:
    return sorted(p for p in out.iterdir() if p.name.startswith("."))


def original_block(bag: Path) -> bytes:
    """The original's bytes as the WARC holds them (read back with warcio)."""
    with open(bag / "data" / "item.warc.gz", "rb") as handle:
        for record in ArchiveIterator(handle):
            if record.rec_type == "resource":
                return record.content_stream().read()
    raise AssertionError("no resource record")


def metadata_json(bag: Path) -> dict:
    return json.loads((bag / "data" / "metadata.json").read_text(encoding="utf-8"))


# ------------------------------------------------------------------ refused, in one line

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(200)
WARC = b"WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n"


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("empty.txt", b"", ("empty",)),
        ("photo.png", PNG, ("binary", "png image")),
        ("photo.html", PNG, ("binary", "png image")),  # a lying extension changes nothing
        ("report.pdf", PDF, ("binary", "pdf document")),
        ("noise.txt", bytes((i * 7919 + 13) % 256 for i in range(65536)), ()),
        ("random.bin", None, ("binary",)),
        ("page.html.gz", gzip.compress(ARTICLE.encode(), mtime=0), ("binary", "gzip")),
        ("crawl.warc", WARC, ("warc file",)),
        ("crawl.warc.gz", gzip.compress(WARC, mtime=0), ("warc file", "gzip")),
    ],
)
def test_non_news_inputs_are_refused_in_one_line_with_no_bag(
    tmp_path: Path, name: str, content: bytes | None, words: tuple[str, ...]
) -> None:
    source = tmp_path / name
    source.write_bytes(os.urandom(200_000) if content is None else content)
    out = tmp_path / "packages"
    result = run("archive", str(source), "-o", str(out))
    line = assert_refused(result, str(source), *words)
    assert result.returncode == 3, line
    assert list(out.iterdir()) == []


def test_a_directory_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "packages"
    result = run("archive", str(tmp_path), "-o", str(out))
    assert_refused(result, str(tmp_path), "directory")
    assert list(out.iterdir()) == []


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    out = tmp_path / "packages"
    started = time.monotonic()
    result = run("archive", str(fifo), "-o", str(out), timeout=20)
    assert time.monotonic() - started < 20
    assert_refused(result, str(fifo), "fifo")
    assert list(out.iterdir()) == []


def test_a_missing_path_is_refused(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "post.html"
    result = run("archive", str(missing), "-o", str(tmp_path / "out"))
    assert_refused(result, str(missing), "no such file")


def test_an_unreadable_file_is_refused(tmp_path: Path) -> None:
    """As root, permissions do not stop reads: drop the capabilities that bypass them."""
    secret = tmp_path / "secret.html"
    secret.write_text(ARTICLE, encoding="utf-8")
    secret.chmod(0)
    out = tmp_path / "packages"
    command = [ARCHIVER, "archive", str(secret), "-o", str(out)]
    if os.geteuid() == 0:
        capsh = shutil.which("capsh")
        if capsh is None:
            pytest.skip("running as root without capsh: cannot make a file unreadable")
        # Root without CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH obeys file modes like anyone.
        command = [
            capsh,
            "--drop=cap_dac_override,cap_dac_read_search",
            "--",
            "-c",
            " ".join(f"'{part}'" for part in command),
        ]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=60, check=False, env=os.environ
    )
    assert_refused(result, str(secret), "permission denied")
    assert list(out.iterdir()) == []


def test_an_unsupported_url_scheme_is_refused(tmp_path: Path) -> None:
    result = run("archive", "ftp://example.org/post.html", "-o", str(tmp_path / "out"))
    assert_refused(result, "ftp://example.org/post.html", "scheme")


def test_empty_stdin_is_refused_and_its_spool_removed(tmp_path: Path) -> None:
    out = tmp_path / "packages"
    result = run("archive", "-", "-o", str(out), stdin=b"")
    assert_refused(result, "stdin", "empty")
    assert list(out.iterdir()) == []


def test_binary_stdin_is_refused_and_its_spool_removed(tmp_path: Path) -> None:
    out = tmp_path / "packages"
    result = run("archive", "-", "-o", str(out), stdin=PNG)
    assert_refused(result, "stdin", "binary", "png")
    assert list(out.iterdir()) == []


def test_binary_sniffing_spares_text_in_any_encoding() -> None:
    texts = [
        ARTICLE.encode("utf-8"),
        "Ünïcödé text, “quoted”".encode("cp1252"),
        "북한 노동자 해외 파견".encode("cp949"),
        "北朝鮮の労働者".encode("cp932"),
        "Ferry strike ends".encode("utf-16"),  # with BOM
        "Ferry strike ends".encode("utf-16-le"),  # without BOM: NULs every other byte
        "Ferry strike ends".encode("utf-32-le"),
        b"A page with a stray NUL\x00 byte and an ESC\x1b[0m sequence",
    ]
    for text in texts:
        assert binary_kind(text) is None, text[:40]


# ------------------------------------------------------------------ packaged, faithfully


def test_html_with_nul_bytes_is_packaged_with_its_bytes_intact(tmp_path: Path) -> None:
    data = ARTICLE.replace("eleven days", "eleven\x00 days").encode()
    data = data.replace(b"<nav>", b"\x00\x00<nav>")
    source = tmp_path / "nul.html"
    source.write_bytes(data)
    bag = archive(source, tmp_path / "out")
    bagit.Bag(str(bag)).validate()
    assert original_block(bag) == data
    text = (bag / "data" / "article.txt").read_text(encoding="utf-8")
    assert "\x00" not in text and "ferry crews" in text


def test_html_nested_100000_levels_is_packaged_by_a_flat_pass(tmp_path: Path) -> None:
    depth = 100_000
    html = (
        "<html><head><title>Deep page</title></head><body>"
        + "<div>" * depth
        + "Text at the bottom of the well."
        + "</div>" * depth
        + "<p>The paragraph after the deep part.</p></body></html>"
    )
    source = tmp_path / "deep.html"
    source.write_text(html, encoding="utf-8")
    started = time.monotonic()
    result = run("archive", str(source), "-o", str(tmp_path / "out"), timeout=60)
    assert time.monotonic() - started < 30
    assert result.returncode == 0, result.stderr
    assert "warning" in result.stderr and "levels deep" in result.stderr
    bag = Path(result.stdout.strip())
    bagit.Bag(str(bag)).validate()
    text = (bag / "data" / "article.txt").read_text(encoding="utf-8")
    # Tree parsers stop at 256 levels and silently drop the rest; the flat pass keeps both.
    assert "Text at the bottom of the well." in text
    assert "The paragraph after the deep part." in text
    assert any("levels deep" in w for w in metadata_json(bag)["provenance"]["warnings"])
    assert original_block(bag) == html.encode()


@pytest.mark.parametrize(
    "html",
    [
        "<b>" * 100_000 + "unclosed bold",
        "<table><tr><td>" * 20_000 + "cell",
        "<span>" * 100_000 + "</div>" * 100_000,
        "<p>" + "<!--" * 50_000 + "x",
        "<div " + "a=b " * 50_000 + ">x</div>",
    ],
)
def test_other_pathological_nesting_is_packaged_not_crashed(tmp_path: Path, html: str) -> None:
    source = tmp_path / "pathological.html"
    source.write_text("<html><body>" + html, encoding="utf-8")
    bag = archive(source, tmp_path / "out")
    bagit.Bag(str(bag)).validate()
    assert original_block(bag) == source.read_bytes()


def test_depth_guard_leaves_ordinary_sloppy_html_to_the_real_extractor() -> None:
    sloppy = (
        "<html><body><ul>"
        + "<li>item" * 500
        + "</ul>"
        + "<p>para" * 500
        + "<br><img src=x>" * 500
        + "<div/>" * 500
        + "<table>"
        + "<tr><td>a<td>b" * 300
        + "</table></body></html>"
    )
    assert not html_depth_exceeds(sloppy, MAX_HTML_DEPTH)
    nested_lists = "<ul><li>" * 100 + "x" + "</li></ul>" * 100
    assert not html_depth_exceeds(nested_lists, MAX_HTML_DEPTH)
    assert html_depth_exceeds("<div>" * 300, MAX_HTML_DEPTH)


def test_flat_text_keeps_visible_text_and_drops_scripts() -> None:
    body = flat_text(
        "<html><head><title> A  title </title><style>p{}</style></head><body>"
        "<script>var x = '<p>no</p>';</script><p>One &amp; two</p><div>Three<br>Four</div>"
        "<nav>Menu</nav></body></html>"
    )
    assert "title" not in body
    assert body.split("\n\n") == ["One & two", "Three", "Four"]


def test_a_single_50_mb_line_is_archived_whole_without_extraction(tmp_path: Path) -> None:
    line = (b"endless words without a break " * 1_700_000)[:50_000_000]
    source = tmp_path / "one-line.txt"
    source.write_bytes(line)
    started = time.monotonic()
    result = run("archive", str(source), "-o", str(tmp_path / "out"))
    assert time.monotonic() - started < 30
    assert result.returncode == 0, result.stderr
    assert "warning: input is 50000000 bytes, above the extraction limit" in result.stderr
    bag = Path(result.stdout.strip())
    bagit.Bag(str(bag)).validate(fast=True)
    assert metadata_json(bag)["provenance"]["sha256"] == hashlib.sha256(line).hexdigest()


def test_a_long_single_line_below_the_limit_is_extracted_and_bag_info_stays_readable(
    tmp_path: Path,
) -> None:
    line = (b"endless words without a break " * 70_000)[:2_000_000]
    source = tmp_path / "one-line.txt"
    source.write_bytes(line)
    bag = archive(source, tmp_path / "out")
    assert bag.name.startswith("2023-11-14-endless-words")
    info = (bag / "bag-info.txt").read_text(encoding="utf-8")
    assert max(len(row) for row in info.splitlines()) < 1100  # a summary, not the 2 MB line
    bagit.Bag(str(bag)).validate()
    assert original_block(bag) == line


@pytest.mark.parametrize(
    ("declared", "body"),
    [
        ("utf-8", b"Caf\xe9 owners protest \x93new\x94 rents"),
        ("shift_jis", b"\x82\xa0\x82\xa2 broken \xff\xfe\x81 sequence"),
        ("euc-kr", b"\xc7\xd1\xb1\xb9 then \xff\xff invalid"),
        ("x-no-such-charset", "na\xefve caf\xe9".encode("cp1252")),
    ],
)
def test_bytes_invalid_in_their_declared_encoding_are_archived_unchanged(
    tmp_path: Path, declared: str, body: bytes
) -> None:
    data = (
        (
            f"<html><head><meta charset='{declared}'><title>Rents</title></head><body><article>"
        ).encode()
        + b"<p>"
        + body * 20
        + b"</p></article></body></html>"
    )
    source = tmp_path / "page.html"
    source.write_bytes(data)
    bag = archive(source, tmp_path / "out")
    bagit.Bag(str(bag)).validate()
    assert original_block(bag) == data
    provenance = metadata_json(bag)["provenance"]
    assert provenance["sha256"] == hashlib.sha256(data).hexdigest()
    assert provenance["encoding"]  # the codec actually used is recorded


def test_text_in_an_unknown_encoding_is_archived_and_its_guess_recorded(tmp_path: Path) -> None:
    # EBCDIC (cp500): no label, no BOM, not UTF-8; detection guesses or falls back.
    data = ("Harbour news\n" + "The council met on Monday to discuss the budget.\n" * 30).encode(
        "cp500"
    )
    source = tmp_path / "mainframe.txt"
    source.write_bytes(data)
    bag = archive(source, tmp_path / "out")
    bagit.Bag(str(bag)).validate()
    assert original_block(bag) == data
    assert metadata_json(bag)["provenance"]["encoding"]


# ------------------------------------------------------------------ size and memory


def test_extraction_is_skipped_above_the_limit_with_a_warning(tmp_path: Path) -> None:
    source = tmp_path / "post.html"
    source.write_text(ARTICLE, encoding="utf-8")
    bag = archive(source, tmp_path / "out", options=ArchiveOptions(max_extract_bytes=100))
    bagit.Bag(str(bag)).validate()
    warnings = metadata_json(bag)["provenance"]["warnings"]
    assert any("extraction limit of 100 bytes" in w for w in warnings)
    assert (bag / "data" / "article.txt").read_bytes() == b""
    assert original_block(bag) == ARTICLE.encode()


# Prepended to the memory probes below, which run as fresh interpreters.
PEAK_MIB = """
import sys
def peak_mib():
    # VmHWM belongs to this program's memory map, which exec() replaced; ru_maxrss would
    # include the parent's memory inherited across fork.
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
"""

MEMORY_PROBE = (
    PEAK_MIB
    + """
from archiver.package import ArchiveOptions, archive
source, out, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
bag = archive(source, out, options=ArchiveOptions(max_extract_bytes=limit))
print(bag)
print(peak_mib())
"""
)


def write_big_text(path: Path, size: int, *, compressible: bool = False) -> None:
    """Text in 4 KiB lines: incompressible (so the WARC really is large), or one line repeated
    (gzip then runs at disk speed: the memory test measures streaming, not compression)."""
    lines = 1 if compressible else 256
    block = b"".join(os.urandom(2047).hex().encode() + b"\n" for _ in range(lines)) * (256 // lines)
    with open(path, "wb") as handle:
        written = 0
        while written < size:
            handle.write(block[: size - written])
            written += len(block)


def test_a_100_mb_original_is_streamed_with_bounded_memory(tmp_path: Path) -> None:
    source = tmp_path / "big.txt"
    write_big_text(source, 100 * 2**20, compressible=True)
    result = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(source), str(tmp_path / "out"), "50000000"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    bag_path, rss_mib = result.stdout.split()
    assert int(rss_mib) < 200, f"peak RSS {rss_mib} MiB"
    bag = Path(bag_path)
    assert metadata_json(bag)["provenance"]["size"] == 100 * 2**20
    assert "extraction limit" in result.stderr


# ------------------------------------------------------------------ crash safety and disks


def paused(args: list[str], stage: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start the CLI so that it stops at ``stage``; return once it says it is there."""
    process = subprocess.Popen(
        [ARCHIVER, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "ARCHIVER_TEST_PAUSE_AT": stage, **(env or {})},
    )
    assert process.stderr is not None
    line = process.stderr.readline().decode()
    assert f"paused at {stage}" in line, line
    return process


def test_sigint_stops_cleanly_with_a_message_and_no_temporaries(tmp_path: Path) -> None:
    source = tmp_path / "post.txt"
    source.write_text(DUMP, encoding="utf-8")
    out = tmp_path / "out"
    process = paused(["archive", str(source), "-o", str(out)], "warc-written")
    assert hidden_in(out)  # the half-built bag exists while paused
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert stderr.decode().strip() == f"archiver: {source}: interrupted"
    assert stdout == b""
    assert list(out.iterdir()) == []


def test_a_file_rewritten_while_it_is_archived_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "post.txt"
    source.write_text(DUMP, encoding="utf-8")
    out = tmp_path / "out"
    process = paused(
        ["archive", str(source), "-o", str(out)],
        "extracted",
        env={"ARCHIVER_TEST_PAUSE_SECONDS": "1"},
    )
    source.write_text(DUMP.replace("Tuesday", "Friday"), encoding="utf-8")
    _, stderr = process.communicate(timeout=30)
    line = stderr.decode().strip()
    assert process.returncode == 3, line
    assert line.startswith(f"archiver: {source}: file changed"), line
    assert list(out.iterdir()) == []


def test_a_killed_force_replacement_gets_the_old_bag_back(tmp_path: Path) -> None:
    source = tmp_path / "post.txt"
    source.write_text(DUMP, encoding="utf-8")
    out = tmp_path / "out"
    first = archive(source, out)
    inode = first.stat().st_ino
    process = paused(["archive", str(source), "-o", str(out), "--force"], "retired")
    process.kill()
    process.wait()
    assert not first.exists()  # the kill fell between the two renames
    remove_stale_temporaries(out)
    assert first.exists() and first.stat().st_ino == inode
    assert hidden_in(out) == []
    bagit.Bag(str(first)).validate()


def test_temporaries_of_a_live_run_are_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    ours = out / f".tmp-item.{os.getpid()}"
    ours.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = out / f".tmp-item.{dead.pid}"
    stale.mkdir()
    removed = remove_stale_temporaries(out)
    assert ours.exists() and not stale.exists()
    assert removed == [stale]


def test_a_temporary_whose_pid_was_reused_is_stale(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        temp = out / f".tmp-item.{sleeper.pid}"
        temp.mkdir()
        assert remove_stale_temporaries(out) == []  # its owner may still be writing
        old = time.time() - 3600  # written an hour before that process started: not its own
        os.utime(temp, (old, old))
        assert remove_stale_temporaries(out) == [temp]
    finally:
        sleeper.kill()
        sleeper.wait()


NAMESPACE_PROBE = """
import json, os, subprocess, sys
root, mount_options, archiver, source, stdin_path = sys.argv[1:6]
subprocess.run(["mount", "-t", "tmpfs", "-o", mount_options, "tmpfs", root], check=True)
out = os.path.join(root, "packages")
if "ro" in mount_options.split(","):
    out = root
stdin = open(stdin_path, "rb") if stdin_path != "-" else subprocess.DEVNULL
result = subprocess.run([archiver, "archive", source, "-o", out], stdin=stdin,
                        capture_output=True, text=True)
listing = sorted(os.listdir(out)) if os.path.isdir(out) else None
print(json.dumps({"rc": result.returncode, "stderr": result.stderr,
                  "stdout": result.stdout, "listing": listing}))
"""


def in_private_mount(
    tmp_path: Path, mount_options: str, source: str, stdin: Path | None = None
) -> dict:
    """Run `archiver archive` against a fresh tmpfs in a private mount namespace.

    The mount exists only inside that namespace, so nothing can leak onto the machine.
    """
    unshare = shutil.which("unshare")
    if unshare is None or os.geteuid() != 0:
        pytest.skip("needs root and unshare(1) to mount a private tmpfs")
    probe = subprocess.run(
        [unshare, "--mount", "true"], capture_output=True, timeout=10, check=False
    )
    if probe.returncode != 0:
        pytest.skip(f"cannot create a mount namespace here: {probe.stderr.decode().strip()}")
    root = tmp_path / "mnt"
    root.mkdir()
    result = subprocess.run(
        [
            unshare,
            "--mount",
            "--propagation",
            "private",
            sys.executable,
            "-c",
            NAMESPACE_PROBE,
            str(root),
            mount_options,
            ARCHIVER,
            source,
            str(stdin) if stdin else "-",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=os.environ,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()[-200:]}")
    return json.loads(result.stdout)


def test_disk_full_is_reported_with_nothing_half_written(tmp_path: Path) -> None:
    source = tmp_path / "big.txt"
    write_big_text(source, 600_000)  # the WARC alone outgrows the 256 KiB disk
    outcome = in_private_mount(tmp_path, "size=256k", str(source))
    line = outcome["stderr"].strip()
    assert outcome["rc"] == 4, line
    assert "\n" not in line and "Traceback" not in line
    assert line.startswith("archiver: ") and "no space left on device" in line, line
    assert "nothing was written" in line
    assert outcome["listing"] == []  # no bag, no temporary


def test_disk_full_while_spooling_stdin_is_reported(tmp_path: Path) -> None:
    spool = tmp_path / "stdin.txt"
    write_big_text(spool, 600_000)
    outcome = in_private_mount(tmp_path, "size=256k", "-", stdin=spool)
    line = outcome["stderr"].strip()
    assert outcome["rc"] == 4, line
    assert "\n" not in line and "no space left on device" in line, line
    assert outcome["listing"] == []


def test_a_read_only_output_folder_is_reported(tmp_path: Path) -> None:
    source = tmp_path / "post.txt"
    source.write_text(DUMP, encoding="utf-8")
    outcome = in_private_mount(tmp_path, "ro,size=1m", str(source))
    line = outcome["stderr"].strip()
    assert outcome["rc"] == 4, line
    assert "\n" not in line and "read-only file system" in line, line
    assert outcome["listing"] == []


def test_file_size_limit_is_reported_with_nothing_half_written(tmp_path: Path) -> None:
    """RLIMIT_FSIZE (EFBIG): the portable stand-in for a full disk, no mount needed."""
    source = tmp_path / "big.txt"
    write_big_text(source, 600_000)
    out = tmp_path / "out"

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of a core dump
        resource.setrlimit(resource.RLIMIT_FSIZE, (2**18, 2**18))

    result = subprocess.run(
        [ARCHIVER, "archive", str(source), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit,
        check=False,
    )
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert lines[0].startswith(f"archiver: {out}/"), lines[0]  # names the bag it could not write
    assert "file too large" in lines[0] and "nothing was written" in lines[0]
    assert result.returncode == 4
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    ("stage", "code", "words"),
    [
        ("warc-written", "ENOSPC", "no space left on device"),
        ("bag-written", "EIO", "input/output error"),
        ("synced", "EDQUOT", "disk quota exceeded"),
    ],
)
def test_injected_output_faults_leave_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stage: str, code: str, words: str
) -> None:
    source = tmp_path / "post.txt"
    source.write_text(DUMP, encoding="utf-8")
    out = tmp_path / "out"
    monkeypatch.setenv("ARCHIVER_TEST_FAIL_AT", f"{stage}:{code}")
    with pytest.raises(OutputError) as caught:
        archive(source, out)
    assert words in caught.value.message and "nothing was written" in caught.value.message
    assert list(out.iterdir()) == []


def test_capture_file_refuses_a_fifo_swapped_in_after_the_check(tmp_path: Path) -> None:
    fifo = tmp_path / "swap"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="named pipe"):
        capture_file(fifo)


# ------------------------------------------------------------------ HTTP


def test_a_gzip_bomb_over_http_is_refused_with_no_bag(tmp_path: Path) -> None:
    from tests.httpserver import response, serve

    # 64 MiB of spaces in a ~64 KB gzip body: --max-size must bound the decoded size too.
    body = b"<html><body><p>" + b" " * (64 * 2**20) + b"</p></body></html>"
    bomb = response(body, gzip=True, content_type="text/html")
    assert len(bomb) < 1_000_000
    out = tmp_path / "out"
    with serve({"/bomb.html": bomb}) as base:
        started = time.monotonic()
        result = subprocess.run(
            [ARCHIVER, "archive", f"{base}/bomb.html", "-o", str(out), "--max-size", "1000000"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert time.monotonic() - started < 30
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"archiver: {base}/bomb.html: "), lines[0]
    assert "size" in lines[0].lower() or "large" in lines[0].lower(), lines[0]
    assert result.returncode not in (0, 1, 70), lines[0]
    assert bags_in(out) == [] and hidden_in(out) == []


def test_control_characters_never_reach_bag_info(tmp_path: Path) -> None:
    source = tmp_path / "escape.txt"
    source.write_bytes(
        b"Title with a NUL\x00, an escape \x1b[31mred\x1b[0m and a bell\x07\n"
        b"First paragraph of the post that has a few words in it.\n"
        b"Second paragraph of the post with some words too.\n"
    )
    bag = archive(source, tmp_path / "out")
    info = (bag / "bag-info.txt").read_bytes()
    assert not any(byte in info for byte in (0, 0x1B, 0x07))
    bagit.Bag(str(bag)).validate()
    assert original_block(bag) == source.read_bytes()


# ------------------------------------------------------------------ hostile bags for verify


def small_bag(root: Path) -> Path:
    from archiver.bag import finish_bag

    (root / "data").mkdir(parents=True)
    (root / "data" / "a.txt").write_bytes(b"hello\n")
    finish_bag(root, [("External-Description", "a small bag")])
    return root


SHA256_HELLO = hashlib.sha256(b"hello\n").hexdigest().encode()


@pytest.mark.parametrize(
    ("tag_file", "content"),
    [
        ("manifest-sha256.txt", os.urandom(4096)),  # binary junk
        ("manifest-sha256.txt", b"a" * (10 * 2**20) + b"\n"),  # a 10 MB line
        ("manifest-sha256.txt", SHA256_HELLO + b"  data/\xff\xfe.txt\n"),  # invalid UTF-8
        ("manifest-sha256.txt", SHA256_HELLO + b"  data/a\x00.txt\n"),  # NUL byte
        ("manifest-sha256.txt", SHA256_HELLO + b"\n" + b"\r" * 1000),
        ("tagmanifest-sha256.txt", b"\x00" * 100_000),
        ("bagit.txt", b"BagIt-Version: 1.0\n" + b"x" * (10 * 2**20)),
        ("bag-info.txt", b"Payload-Oxum: " + b"9" * 5000 + b".1\n"),
    ],
)
def test_verify_reports_malformed_tag_files_without_crashing(
    tmp_path: Path, tag_file: str, content: bytes
) -> None:
    bag = small_bag(tmp_path / "bag")
    (bag / tag_file).write_bytes(content)
    result = subprocess.run(
        [ARCHIVER, "verify", "--json", str(bag)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert b"Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout.decode("utf-8").splitlines()[0])
    assert report["valid"] is False and report["errors"]


@pytest.mark.parametrize(
    "line",
    [
        SHA256_HELLO + b"  data/../../outside",
        SHA256_HELLO + b"  data/../../bag-other/outside",
        SHA256_HELLO + b"  /OUTSIDE",
        SHA256_HELLO + b"  ~/outside",
        SHA256_HELLO + b"  data/link-out",
    ],
)
def test_verify_never_opens_a_file_outside_the_bag(tmp_path: Path, line: bytes) -> None:
    """Every path that leads out of the bag ends at a FIFO: opening it would hang the test."""
    outside = tmp_path / "outside"
    os.mkfifo(outside)
    (tmp_path / "bag-other").mkdir()
    os.mkfifo(tmp_path / "bag-other" / "outside")
    bag = small_bag(tmp_path / "bag")
    (bag / "data" / "link-out").symlink_to(outside)
    line = line.replace(b"/OUTSIDE", str(outside).encode())
    with open(bag / "manifest-sha256.txt", "ab") as handle:
        handle.write(line + b"\n")
    result = subprocess.run(
        [ARCHIVER, "verify", "--json", str(bag)], capture_output=True, timeout=30, check=False
    )
    assert b"Traceback" not in result.stderr
    assert result.returncode == 1
    assert json.loads(result.stdout.decode().splitlines()[0])["valid"] is False


def test_verify_never_follows_a_symlinked_tag_file_out_of_the_bag(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    os.mkfifo(outside)
    bag = small_bag(tmp_path / "bag")
    (bag / "bag-info.txt").unlink()
    (bag / "bag-info.txt").symlink_to(outside)
    result = subprocess.run(
        [ARCHIVER, "verify", str(bag)], capture_output=True, timeout=30, check=False
    )
    assert b"Traceback" not in result.stderr
    assert result.returncode == 1


VERIFY_MEMORY_PROBE = (
    PEAK_MIB
    + """
from archiver.verify import verify
report = verify(sys.argv[1])
print(report.valid, len(report.errors), peak_mib())
"""
)


def test_verify_memory_stays_bounded_on_a_huge_hostile_manifest(tmp_path: Path) -> None:
    bag = small_bag(tmp_path / "bag")
    with open(bag / "manifest-sha256.txt", "ab") as handle:
        for index in range(50_000):  # 50,000 entries for files that do not exist
            handle.write(b"%064x  data/missing/%09d-%s.txt\n" % (index, index, b"x" * 40))
    result = subprocess.run(
        [sys.executable, "-c", VERIFY_MEMORY_PROBE, str(bag)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    valid, _errors, rss_mib = result.stdout.split()
    assert valid == "False"
    assert int(rss_mib) < 100, f"peak RSS {rss_mib} MiB"
