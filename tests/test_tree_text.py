"""text_content(element): what lxml.html's text_content() gives, without its XPath."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from archiver.clean.html import load_tree
from archiver.tree_text import text_content

DATA = Path(__file__).parent / "data" / "html"

TRICKY = (
    "<div>lead <p>a<!-- hidden comment --><?php echo 1 ?>b<b>bold</b>tail &amp; &nbsp;"
    "<![CDATA[cdata]]> caf\u00e9 \u6f22\u5b57</p>after<script>var x = '<p>';</script>"
    "<style>p {}</style><br/>end</div>"
)


def test_the_same_text_as_lxml_for_every_element_of_the_test_pages() -> None:
    trees = [load_tree(p.read_text(encoding="utf-8")) for p in sorted(DATA.glob("*.html"))]
    trees.append(lxml.html.fromstring(TRICKY))
    checked = 0
    for tree in trees:
        for element in tree.iter(etree.Element):
            assert text_content(element) == element.text_content()
            checked += 1
    assert checked > 300


def test_no_tail_and_no_comment_text() -> None:
    paragraph = lxml.html.fromstring(TRICKY).find(".//p")
    assert text_content(paragraph) == "abboldtail & \xa0 caf\u00e9 \u6f22\u5b57"


@pytest.mark.parametrize("node", [etree.Comment(" c "), etree.ProcessingInstruction("php", "x")])
def test_comments_and_processing_instructions_raise_as_in_lxml(node: object) -> None:
    with pytest.raises(ValueError):
        text_content(node)
