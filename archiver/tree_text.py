"""Reading a parsed page without XPath: an element's text, every element of the document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lxml import etree

_tostring = etree.tostring


def text_content(element: Any) -> str:
    """The element's text, exactly what ``element.text_content()`` gives (as a plain str).

    lxml.html answers ``text_content()`` by evaluating the XPath ``string()``, which sets up an
    XPath context on every call; serialising with ``method="text"`` reads the same libxml2
    content (``xmlNodeGetContent``: text and CDATA below the element, no comments, no tail)
    in about 60 % of the time. The metadata and cleaning rules call it a few hundred times
    a page. Like ``text_content()``, it raises ValueError for a comment or processing
    instruction (whose own text serialising would give).
    """
    if not isinstance(element.tag, str):
        raise ValueError(f"not an element: {element!r}")
    return _tostring(element, method="text", encoding="unicode", with_tail=False)


def document_elements(tree: Any) -> Iterator[Any]:
    """Every element of ``tree``'s document in document order, those beside its root
    element too (libxml2 puts markup it finds after ``</html>`` there): the elements an
    XPath ``//*`` visits."""
    root = tree.getroottree().getroot()
    for top in [*reversed(list(root.itersiblings(preceding=True))), root, *root.itersiblings()]:
        if isinstance(top.tag, str):
            yield from top.iter(etree.Element)
