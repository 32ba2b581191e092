"""A small element tree from html.parser, for the HTML report's tests (no extra dependency)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"meta", "br", "hr", "img", "input", "link", "col", "wbr", "source", "area", "base", "embed", "track"}
SVG_EMPTY = {"rect", "line", "path", "circle"}  # written as <rect .../> in the report


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    children: list["Element | str"] = field(default_factory=list)
    parent: "Element | None" = None

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def iter(self, tag: str | None = None, **attrs: str):
        """This element and every one below it, in document order, matching tag and attributes
        (a value of True matches any value; ``class_`` matches one class)."""
        for child in [self, *[d for c in self.children if isinstance(c, Element) for d in c.iter()]]:
            if tag is not None and child.tag != tag:
                continue
            ok = True
            for name, value in attrs.items():
                if name == "class_":
                    ok = value in (child.attrs.get("class") or "").split()
                elif value is True:
                    ok = name.replace("_", "-") in child.attrs
                else:
                    ok = child.attrs.get(name.replace("_", "-")) == value
                if not ok:
                    break
            if ok:
                yield child

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), parent=self.stack[-1])
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, dict(attrs), parent=self.stack[-1]))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.stack[-1].tag != tag:  # the report must nest its elements properly
            self.errors.append(f"</{tag}> closes <{self.stack[-1].tag}>")
            names = [e.tag for e in self.stack]
            if tag not in names:
                return
            while self.stack[-1].tag != tag:
                self.stack.pop()
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(page: str) -> tuple[Element, list[str]]:
    """The tree of ``page`` and its nesting errors (an unclosed or misclosed element)."""
    builder = _Builder()
    builder.feed(page)
    builder.close()
    errors = builder.errors + [f"<{e.tag}> is never closed" for e in builder.stack[1:]]
    return builder.root, errors
