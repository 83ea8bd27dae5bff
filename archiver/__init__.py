"""archiver: turn a news item into a self-verifying archival package (WARC inside BagIt 1.0).

Library first::

    import archiver
    article = archiver.extract(html_bytes, url="https://example.org/post")
    bag = archiver.archive("post.html", out_dir="packages")
    report = archiver.verify(bag)

Heavy modules are imported on first use so that ``archiver verify`` and ``archiver --help``
start quickly.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "archive": ("archiver.package", "archive"),
    "ArchiveOptions": ("archiver.package", "ArchiveOptions"),
    "Article": ("archiver.model", "Article"),
    "Metadata": ("archiver.model", "Metadata"),
    "Capture": ("archiver.model", "Capture"),
    "ArchiverError": ("archiver.model", "ArchiverError"),
    "InputError": ("archiver.model", "InputError"),
    "OutputError": ("archiver.model", "OutputError"),
}

__all__ = ["__version__", "extract", "verify", "Report", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module_name, attribute = _LAZY[name]
        value = getattr(importlib.import_module(module_name), attribute)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'archiver' has no attribute {name!r}")


# Bound eagerly (both modules are light) because each function shares its name with its
# submodule: binding it here, after the submodule loads, keeps ``archiver.extract`` and
# ``archiver.verify`` callable however the submodules are imported later.
from .extract import extract  # noqa: E402
from .verify import Report, verify  # noqa: E402
