"""The compiled-regex cache: what it serves equals what ``re`` compiles, and it never breaks
a run (damaged, foreign or missing files, switched off, not installed by ``import archiver``)."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from archiver import regex_cache

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "archiver" / "samples" / "demo-post.txt"
PATTERNS = [
    (r"(?P<year>\d{4})-(?P<month>\d\d)", 0),
    (r"^posted in (.+?) by (\w+)$", re.IGNORECASE | re.MULTILINE),
    (rb"<meta\b[^>]*>", re.IGNORECASE),
    (r"(?x) a \s+ b  # verbose", 0),
    (r"[\u3040-\u30ff]+|\bnews\b", 0),
]


def _fresh(pattern: str | bytes, flags: int) -> re.Pattern:
    """``re``'s own compilation, whether or not the cache is installed."""
    from re import _compiler

    state = regex_cache._state
    return (state.original if state else _compiler.compile)(pattern, flags)


@pytest.fixture
def installed(tmp_path: Path):
    """The cache installed on a file of its own; re's memo of compiled patterns emptied
    before and after, so that re.compile reaches the (hooked) compiler."""
    path = tmp_path / "regex.bin"
    re.purge()
    assert regex_cache.install(path)
    try:
        yield path
    finally:
        regex_cache.uninstall()
        re.purge()


def _build_in_subprocess(path: Path) -> None:
    code = "import sys; from pathlib import Path; from archiver import regex_cache; "
    code += "sys.exit(regex_cache.build(Path(sys.argv[1])) is None)"
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, cwd=REPO)


def test_every_stored_pattern_equals_a_fresh_compilation(tmp_path: Path) -> None:
    # Built by a separate process, as make install does, from everything a batch compiles.
    path = tmp_path / "regex.bin"
    _build_in_subprocess(path)
    table = regex_cache.load(path)
    assert len(table) > 300  # our rule tables and those of trafilatura and its helpers
    for (is_bytes, pattern, flags), entry in table.items():
        assert isinstance(pattern, bytes) == is_bytes
        # Pattern equality compares the pattern, the flags and the compiled code.
        assert regex_cache.from_entry(pattern, entry) == _fresh(pattern, flags)


def test_patterns_are_served_from_the_table_once_stored(installed: Path) -> None:
    first = [re.compile(pattern, flags) for pattern, flags in PATTERNS]
    assert regex_cache._state is not None and regex_cache._state.misses == len(PATTERNS)
    assert regex_cache.save(force=True) == installed
    regex_cache.uninstall()
    re.purge()

    assert regex_cache.install(installed)
    again = [re.compile(pattern, flags) for pattern, flags in PATTERNS]
    assert regex_cache._state.misses == 0  # every one came from the file
    assert again == first
    assert again == [_fresh(pattern, flags) for pattern, flags in PATTERNS]
    match = again[0].search("on 2026-11 ...")
    assert match and match.group("month") == "11" and again[0].groupindex["year"] == 1


def test_a_damaged_entry_is_compiled_again(installed: Path) -> None:
    pattern, flags = PATTERNS[0]
    good = regex_cache.compile_entry(pattern, flags)[1]
    broken = (good[0], b"\x07\x00\x00\x00" * 3, *good[2:])  # code the engine rejects
    with pytest.raises(RuntimeError):
        regex_cache.from_entry(pattern, broken)
    regex_cache._state.table[(False, pattern, flags)] = broken
    assert re.compile(pattern, flags) == _fresh(pattern, flags)


@pytest.mark.parametrize(
    "content",
    [b"", b"not marshal data", marshal.dumps(("another python", {})), marshal.dumps([1, 2])],
)
def test_unusable_files_are_ignored(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "regex.bin"
    path.write_bytes(content)
    assert regex_cache.load(path) == {}


def test_nothing_is_written_where_bytecode_is_not(
    installed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for pattern, flags in PATTERNS:
        re.compile(pattern, flags)
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert regex_cache.save() is None and not installed.exists()
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    assert regex_cache.save() is None  # fewer misses than REWRITE_AFTER_MISSES
    for n in range(regex_cache.REWRITE_AFTER_MISSES):
        re.compile(f"pattern number {n}")
    assert regex_cache.save() == installed and installed.exists()


def test_import_archiver_leaves_re_alone() -> None:
    code = (
        "import re, archiver; from re import _compiler; "
        "archiver.extract(b'<p>Some text of a page.</p>', media_type='text/html'); "
        "assert _compiler.compile.__module__ == 're._compiler', _compiler.compile"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


def _archive(tmp_path: Path, name: str, env: dict[str, str]) -> Path:
    out = tmp_path / name
    subprocess.run(
        [sys.executable, "-m", "archiver.cli", "archive", str(SAMPLE), "-o", str(out)],
        check=True,
        env=env,
        capture_output=True,
    )
    (bag,) = out.iterdir()
    return bag


def _contents(bag: Path) -> dict[str, bytes]:
    return {str(p.relative_to(bag)): p.read_bytes() for p in sorted(bag.rglob("*")) if p.is_file()}


def test_the_command_line_writes_and_then_uses_the_table(tmp_path: Path) -> None:
    path = tmp_path / "regex.bin"
    env = {**os.environ, "ARCHIVER_REGEX_CACHE": str(path), "SOURCE_DATE_EPOCH": "1700000000"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    first = _archive(tmp_path, "first", env)
    stored = len(regex_cache.load(path))
    assert stored > 100
    written = path.stat().st_mtime_ns
    second = _archive(tmp_path, "second", env)
    assert path.stat().st_mtime_ns == written  # nothing was missing: not rewritten
    path.write_bytes(b"damaged")
    third = _archive(tmp_path, "third", env)
    off = _archive(tmp_path, "off", {**env, "ARCHIVER_REGEX_CACHE": "0"})
    assert _contents(first) == _contents(second) == _contents(third) == _contents(off)
    assert len(regex_cache.load(path)) == stored  # the damaged file was replaced


def test_a_long_run_remembers_a_bounded_number_of_patterns(
    installed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(regex_cache, "MAX_ENTRIES", 5)
    for n in range(20):  # patterns built per item, as from a name found on each page
        assert re.compile(f"name {n}").match(f"name {n}")
    assert len(regex_cache._state.used) == 5


def test_each_python_build_has_its_own_file() -> None:
    path = regex_cache.default_path()
    assert path.parent == REPO / "archiver" / "__pycache__"
    assert path.name.startswith(f"regex-{sys.implementation.cache_tag}-")
    assert f"{zlib.crc32(sys.version.encode()):08x}" in path.name


AFTER_WARM_UP = """
import sys
from pathlib import Path
from archiver import regex_cache
assert regex_cache.install(Path(sys.argv[1]))
from archiver.batch import process_item, warm_up
from archiver.package import ArchiveOptions
warm_up()
state = regex_cache._state
before = state.misses
folder = Path(sys.argv[2])
(folder / "out").mkdir()
paragraph = "<p>" + "The harbour council met on Tuesday and agreed the budget. " * 4 + "</p>"
inputs = {
    "page.html": "<html><head><meta charset=utf-8><title>Harbour budget</title></head><body>"
    "<article><h1>Harbour budget</h1><p class=byline>By Ada Reporter and Luis Ortega</p>"
    + paragraph * 5 + "</article></body></html>",
    "dump.txt": "Harbour budget\\n\\n" + paragraph[3:-4] + "\\n\\nThis entry was posted in "
    "Local News by Ada Reporter.\\n\\u2190 Previous Next \\u2192\\n",
    "legacy.html": "<html><body><h1>Caf\\u00e9</h1>" + paragraph.replace("the", "d\\u00e9j\\u00e0") * 5
    + "</body></html>",
}
for name, text in inputs.items():
    path = folder / name
    path.write_bytes(text.encode("cp1252" if name.startswith("legacy") else "utf-8"))
    result = process_item(str(path), folder / "out", ArchiveOptions(), {})
    assert result.status == "packaged", result
print(state.misses - before)
"""


def test_a_warmed_up_batch_worker_compiles_no_regex_for_ordinary_items(tmp_path: Path) -> None:
    # Patterns first compiled after the warm-up are compiled again in every worker of every
    # run (the table is built from a warm-up): the warm-up must reach them all.
    path = tmp_path / "regex.bin"
    _build_in_subprocess(path)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    run = subprocess.run(
        [sys.executable, "-c", AFTER_WARM_UP, str(path), str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "TMPDIR": str(temporary)},
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "0"
    assert list(temporary.iterdir()) == []  # the warm-up's throwaway bag is gone
