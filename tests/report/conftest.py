"""A reader for the report's HTML (the published folder fixtures live in tests/conftest.py)."""

from __future__ import annotations

from html.parser import HTMLParser


class Elements(HTMLParser):
    """Every element of a document as (tag, attributes, text inside it), in document order."""

    VOID = {"br", "meta", "img", "input", "hr", "link"}

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str], list[str]]] = []
        self._open: list[tuple[str, dict[str, str], list[str]]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        entry = (tag, {k: v or "" for k, v in attrs}, [])
        self.found.append(entry)
        if tag not in self.VOID:
            self._open.append(entry)

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, _, text in self._open:
            text.append(data)

    def of(self, tag: str, **attrs: str) -> list[tuple[dict[str, str], str]]:
        """(attributes, text) of every `tag` whose attributes include `attrs`."""
        return [(a, "".join(t)) for g, a, t in self.found
                if g == tag and all(a.get(k) == v for k, v in attrs.items())]
