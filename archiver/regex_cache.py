"""Compiled regular expressions kept between runs, as Python keeps compiled bytecode.

Compiling regexes is a large part of a command's start-up: about 580 patterns (our rule
tables and those of trafilatura, courlan, htmldate, urllib3) cost 0.17-0.27 s here, 40 % of
what a batch does before its workers fork, and the sre parser and compiler that do it are
written in Python. The compiled form is a list of integers for the C regex engine, so it can
be stored and handed back to the engine (``_sre.compile``) without parsing again: a warm
start then loads the table in about 5 ms.

The cache is a speed-up only. The engine validates the code it is given (malformed code is
rejected, never run), a pattern served from the cache is equal (``==``: same pattern, flags
and code) to a fresh compilation, which ``tests/test_regex_cache.py`` checks for every
entry, and anything unexpected (another Python, a changed sre layout, an unreadable or
foreign file) falls back to compiling as usual. The table is keyed by the exact Python build
and the engine's format number; patterns it does not hold are compiled normally.

Only the command-line entry point installs it (``archiver.cli``), for the life of one
command; ``import archiver`` never touches the ``re`` module. The file is
``archiver/__pycache__/regex-<python tag>-<build checksum>.bin``, written like bytecode: not where
``PYTHONDONTWRITEBYTECODE`` is set or the folder is read-only (``make install`` writes it
explicitly, like ``compileall``). ``ARCHIVER_REGEX_CACHE=0`` switches it off;
``ARCHIVER_REGEX_CACHE=FILE`` keeps the table in FILE instead.
"""

from __future__ import annotations

import marshal
import os
import secrets
import sys
import zlib
from array import array
from pathlib import Path
from typing import Any

FORMAT = 1
# Misses that make a run rewrite the file: a few patterns built at run time from varying
# input (babel orders a plural rule's characters differently in each process) should not
# make every run write it.
REWRITE_AFTER_MISSES = 8
MAX_ENTRIES = 4096  # beyond this the file is rebuilt from one run's patterns

# (is bytes, pattern, flags) -> (flags, code as uint32 bytes, groups, groupindex, indexgroup)
_Key = tuple[bool, "str | bytes", int]
_Entry = tuple[int, bytes, int, dict[str, int], tuple[Any, ...]]


class _State:
    def __init__(self, path: Path, table: dict[_Key, _Entry], original: Any) -> None:
        self.path = path
        self.table = table
        self.original = original  # re's own compiler
        self.used: dict[_Key, _Entry] = {}  # served or compiled in this run
        self.misses = 0


_state: _State | None = None


def default_path() -> Path:
    """Where the table of this Python build lives (beside archiver's bytecode). The name
    holds a checksum of the exact build, so that two builds sharing a bytecode tag (3.11.7
    and 3.11.9 are both cpython-311) keep a table each instead of replacing each other's."""
    tag = sys.implementation.cache_tag or "python"
    build = format(zlib.crc32(sys.version.encode()), "08x")
    return Path(__file__).resolve().parent / "__pycache__" / f"regex-{tag}-{build}.bin"


def _header() -> tuple[Any, ...]:
    import _sre

    return (FORMAT, sys.version, sys.implementation.cache_tag, _sre.MAGIC, _sre.CODESIZE)


def _supported() -> bool:
    if sys.implementation.name != "cpython":
        return False
    try:
        import _sre
        from re import _compiler, _parser
    except ImportError:
        return False
    return (
        _sre.CODESIZE == 4
        and callable(getattr(_compiler, "compile", None))
        and callable(getattr(_compiler, "_code", None))
        and callable(getattr(_parser, "parse", None))
    )


def load(path: Path) -> dict[_Key, _Entry]:
    """The table stored at ``path``; empty when it is missing, unreadable or from another
    Python build."""
    try:
        with open(path, "rb") as handle:
            header, table = marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if header != _header() or not isinstance(table, dict):
        return {}
    return table


def compile_entry(pattern: str | bytes, flags: int) -> tuple[Any, _Entry]:
    """Compile ``pattern`` as ``re`` does and return it with its storable form."""
    import _sre
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    state = parsed.state
    indexgroup: list[str | None] = [None] * state.groups
    for name, index in state.groupdict.items():
        indexgroup[index] = name
    entry: _Entry = (
        int(flags | state.flags),
        array("I", code).tobytes(),
        state.groups - 1,
        dict(state.groupdict),
        tuple(indexgroup),
    )
    compiled = _sre.compile(pattern, entry[0], code, entry[2], entry[3], entry[4])
    return compiled, entry


def from_entry(pattern: str | bytes, entry: _Entry) -> Any:
    """The compiled pattern for ``entry``; raises when the engine rejects the stored code."""
    import _sre

    flags, packed, groups, groupindex, indexgroup = entry
    code = array("I")
    code.frombytes(packed)
    return _sre.compile(pattern, flags, code.tolist(), groups, dict(groupindex), indexgroup)


def install(path: Path | None = None) -> bool:
    """Serve ``re``'s compilations from the stored table (idempotent). False when switched
    off or when this Python's regex internals are not the expected ones."""
    global _state
    if _state is not None:
        return True
    setting = os.environ.get("ARCHIVER_REGEX_CACHE", "")
    if setting == "0" or not _supported():
        return False
    from re import _compiler
    from re._constants import SRE_FLAG_DEBUG

    state = _State(path or Path(setting or default_path()), {}, _compiler.compile)
    state.table = load(state.path)
    original = state.original

    def compile(pattern: Any, flags: int = 0) -> Any:
        kind = type(pattern)
        # Only plain strings: lxml passes its own str subclasses, and a debug compile prints.
        if (kind is not str and kind is not bytes) or flags & SRE_FLAG_DEBUG:
            return original(pattern, flags)
        key = (kind is bytes, pattern, int(flags))
        entry = state.table.get(key)
        if entry is not None:
            try:
                compiled = from_entry(pattern, entry)
            except Exception:  # a damaged entry: compile it again below
                pass
            else:
                state.used[key] = entry
                return compiled
        compiled, entry = compile_entry(pattern, int(flags))
        # Bounded: some patterns are built per item (a name found on the page), and a
        # batch worker lives for thousands of items.
        if len(state.used) < MAX_ENTRIES:
            state.used[key] = entry
            state.misses += 1
        return compiled

    _compiler.compile = compile
    _state = state
    return True


def installed_path() -> Path | None:
    """The table ``re``'s compilations are being served from now (None: not installed)."""
    return _state.path if _state is not None else None


def uninstall() -> None:
    """Compile with ``re``'s own compiler again."""
    global _state
    if _state is None:
        return
    from re import _compiler

    _compiler.compile = _state.original
    _state = None


def save(force: bool = False) -> Path | None:
    """Store the patterns compiled so far when the table lacked enough of them (or
    ``force``); returns the file written, or None. Like bytecode, nothing is written where
    ``PYTHONDONTWRITEBYTECODE`` is set (unless ``force``) or the folder is not writable."""
    state = _state
    if state is None or not state.used:
        return None
    if not force and (sys.dont_write_bytecode or state.misses < REWRITE_AFTER_MISSES):
        return None
    table = dict(state.table)
    table.update(state.used)
    if len(table) > MAX_ENTRIES:
        table = dict(state.used)
    try:
        state.path.parent.mkdir(parents=True, exist_ok=True)
        # Created with 0o666 less the umask, as bytecode files are (mkstemp would make it
        # private to one user).
        temporary = state.path.with_name(f".{state.path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(handle, "wb") as out:
                marshal.dump((_header(), table), out)
            os.replace(temporary, state.path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        return None
    state.table = table
    state.misses = 0
    return state.path


def close() -> None:
    """Save what was missing (see ``save``) and compile with ``re``'s own compiler again."""
    try:
        save()
    finally:
        uninstall()


def build(path: Path | None = None) -> Path | None:
    """Write the table for everything a batch compiles, in a process of its own (``make
    install`` runs ``python -m archiver.regex_cache``); returns the file written, or None."""
    if _state is not None or not install(path):
        return None
    try:
        from .batch import warm_up

        warm_up()
        return save(force=True)
    finally:
        uninstall()


if __name__ == "__main__":
    written = build()
    print(f"regex cache: {written}" if written else "regex cache: not written", file=sys.stderr)
