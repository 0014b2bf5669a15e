"""Parse the report's HTML strictly into an ElementTree: a stray or missing end tag fails."""

from __future__ import annotations

from html.parser import HTMLParser
from xml.etree.ElementTree import Element, TreeBuilder

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Strict(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = TreeBuilder()
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.builder.start(tag, {name: value or "" for name, value in attrs})
        if tag in VOID:
            self.builder.end(tag)
        else:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.builder.start(tag, {name: value or "" for name, value in attrs})
        self.builder.end(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            raise ValueError(f"</{tag}> closes <{self.open[-1] if self.open else 'nothing'}>")
        self.open.pop()
        self.builder.end(tag)

    def handle_data(self, data: str) -> None:
        self.builder.data(data)


def parse(html: str) -> Element:
    parser = _Strict()
    parser.feed(html)
    parser.close()
    if parser.open:
        raise ValueError(f"unclosed elements: {parser.open}")
    return parser.builder.close()


def text(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())


def classes(element: Element) -> set[str]:
    return set(element.get("class", "").split())
