"""short_strings_cache: remembered answers for short strings, none kept for long ones."""

from __future__ import annotations

from archiver.memo import short_strings_cache


def test_short_calls_are_remembered_and_long_ones_answered_without_being_kept() -> None:
    calls: list[tuple[str, ...]] = []

    @short_strings_cache(maxsize=16, max_chars=10)
    def joined(first: str, second: str) -> str:
        calls.append((first, second))
        return first + "|" + second

    assert joined("ab", "cd") == joined("ab", "cd") == "ab|cd"
    assert calls == [("ab", "cd")]  # the second call was answered from the cache
    assert joined("abcdef", "ghijk") == joined("abcdef", "ghijk") == "abcdef|ghijk"
    assert calls[1:] == [("abcdef", "ghijk")] * 2  # 11 characters: computed each time
    assert joined.cache_info().currsize == 1
    assert joined.__name__ == "joined"
