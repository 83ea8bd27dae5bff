"""A cache for rules over a page's strings that a long-lived batch worker can keep.

The rules ask the same question of the same few class/id strings or names hundreds of times
a page, and across the pages of a batch, so their answers are remembered. A worker keeps its
caches from page to page: a hostile page's megabyte-long attribute values are answered but
never remembered.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any


def short_strings_cache(maxsize: int, max_chars: int) -> Callable[[Callable[..., Any]], Any]:
    """``functools.lru_cache(maxsize)`` for a function of strings, remembering a call only
    when its arguments hold ``max_chars`` characters or fewer together; ``cache_info`` is the
    cache's."""

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        remembered = functools.lru_cache(maxsize=maxsize)(function)

        @functools.wraps(function)
        def call(*strings: str) -> Any:
            if sum(map(len, strings)) > max_chars:
                return function(*strings)
            return remembered(*strings)

        call.cache_info = remembered.cache_info  # type: ignore[attr-defined]
        return call

    return decorate
