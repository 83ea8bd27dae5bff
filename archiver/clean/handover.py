"""Hand trafilatura the page's own tree when nothing reads the tree after it.

``trafilatura.extract`` copies a tree it is given (``bare_extraction``: ``if tree is
filecontent: tree = copy(tree)``), so that the caller's tree stays as it was, and then prunes
the tree it works on. ``clean.html.main_text`` reads all it needs from the untouched page
before trafilatura runs (link lists, captions, headings, the boilerplate blocks and what is
left without them, the lead's candidates) and nothing after it: the copy, 0.8 ms of a real
news page (one of the three to five copies trafilatura makes of it), is wasted there.

A tree wrapped in ``Consumable`` passes through trafilatura's ``load_html`` as the tree
itself, so ``bare_extraction`` has nothing to copy; every other input goes to
``load_html`` as before. trafilatura then extracts from the same content it would have
copied, with the same result (``tests/test_handover.py`` compares the texts on the test
pages and generated items with the hand-over on and off).
"""

from __future__ import annotations

from typing import Any

_originals: dict[str, Any] = {}
_enabled = True


class Consumable:
    """A parsed page that trafilatura may prune: no caller reads it afterwards."""

    __slots__ = ("tree",)

    def __init__(self, tree: Any) -> None:
        self.tree = tree


def handed_over(tree: Any) -> Any:
    """What to give ``trafilatura.extract`` for ``tree`` when nothing reads ``tree`` after
    it: the tree, wrapped so that trafilatura does not copy it, where the hand-over is
    installed and enabled; otherwise the tree itself (trafilatura copies it)."""
    if _enabled and install():
        return Consumable(tree)
    return tree


def install() -> bool:
    """Let trafilatura's ``load_html`` unwrap a ``Consumable`` (idempotent); False when
    trafilatura does not have the expected layout (``bare_extraction`` loading its input
    with ``core.load_html``)."""
    if _originals:
        return True
    from trafilatura import core

    load_html = getattr(core, "load_html", None)
    code = getattr(getattr(core, "bare_extraction", None), "__code__", None)
    if load_html is None or code is None or "load_html" not in code.co_names:
        return False

    def load_or_unwrap(htmlobject: Any, *args: Any, **kwargs: Any) -> Any:
        if type(htmlobject) is Consumable:
            return htmlobject.tree
        return load_html(htmlobject, *args, **kwargs)

    _originals["load_html"] = load_html
    core.load_html = load_or_unwrap
    return True


def set_enabled(enabled: bool) -> None:
    """Switch the hand-over on or off (tests and benchmarks compare the two)."""
    global _enabled
    _enabled = enabled
