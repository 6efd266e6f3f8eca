"""Tiny HTML building blocks every page people read shares (the report, the review page, the
diff pages): escaping, elements, tables, the ✎ of a corrected value, and the self-contained page
with its inline CSS."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

# Japanese text must render with a Japanese font: name the common ones on Linux, macOS, Windows.
FONT_FAMILY = ('"IPAexGothic", "IPAexゴシック", "Noto Sans CJK JP", "Noto Sans JP", '
               '"Source Han Sans JP", "Hiragino Kaku Gothic ProN", "Hiragino Sans", '
               '"Yu Gothic", "Meiryo", sans-serif')

# A value a reviewer corrected (corrections.csv) is marked so, its reason on hover.
MARK = "✎"

CSS = f"""
:root {{ --ink: #1a202c; --muted: #5a6474; --line: #d5dae1; --bg: #f7f8fa; --accent: #2b6cb0; }}
* {{ box-sizing: border-box; }}
body {{ font-family: {FONT_FAMILY}; color: var(--ink); margin: 0; background: #fff;
       line-height: 1.5; font-size: 14px; }}
header {{ background: #1f3a5f; color: #fff; padding: 18px 28px; }}
header h1 {{ margin: 0 0 4px; font-size: 22px; }}
header p {{ margin: 0; color: #d6e2f0; }}
nav {{ padding: 8px 28px; background: var(--bg); border-bottom: 1px solid var(--line); }}
nav a {{ margin-right: 16px; color: var(--accent); text-decoration: none; }}
main {{ padding: 8px 28px 40px; max-width: 1500px; }}
section {{ margin-top: 28px; }}
h2 {{ font-size: 18px; border-bottom: 2px solid var(--accent); padding-bottom: 4px; }}
h3 {{ font-size: 15px; margin: 18px 0 6px; }}
.sub {{ color: var(--muted); font-size: 12px; font-weight: normal; }}
.scroll {{ overflow-x: auto; }}
table {{ border-collapse: collapse; margin: 6px 0; }}
caption {{ text-align: left; white-space: nowrap; font-weight: bold; padding: 4px 0; }}
th, td {{ border: 1px solid var(--line); padding: 4px 7px; vertical-align: top;
          white-space: pre-line; }}
th {{ background: var(--bg); font-weight: bold; text-align: left; }}
tbody th {{ white-space: nowrap; }}
table.compare {{ font-size: 13px; }}
table.compare thead th {{ min-width: 3.2em; text-align: center; }}
table.compare td {{ max-width: 9em; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; white-space: pre; }}
td.no {{ color: #9aa3af; }}
td.bad, span.bad {{ color: #b42318; font-weight: bold; }}
span.ok {{ color: #18794e; font-weight: bold; }}
td[title], span[title] {{ cursor: help; }}
sup.note {{ color: var(--accent); }}
span.corrected {{ color: #8250df; cursor: help; margin-left: 2px; }}
.charts {{ display: flex; flex-wrap: wrap; gap: 18px; }}
figure {{ margin: 0; border: 1px solid var(--line); padding: 8px 10px; background: #fff; }}
figcaption {{ font-weight: bold; margin-bottom: 4px; }}
svg {{ font-family: {FONT_FAMILY}; display: block; max-width: 100%; height: auto; }}
details {{ margin: 6px 0; }}
summary {{ cursor: pointer; color: var(--accent); }}
.foot {{ color: var(--muted); font-size: 12px; }}
code {{ font-size: 12px; background: var(--bg); padding: 0 3px; }}
"""


def esc(text: object) -> str:
    """Text escaped for HTML content and attribute values."""
    return escape(str(text), quote=True)


def element(tag: str, body: str = "", **attrs: object) -> str:
    """`<tag attrs>body</tag>`; attribute names ending in _ lose it (class_ → class)."""
    parts = [tag]
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        parts.append(f'{name.rstrip("_").replace("_", "-")}="{esc(value)}"')
    return f"<{' '.join(parts)}>{body}</{tag}>"


def table(header: Iterable[str], rows: Iterable[Iterable[str]], caption: str = "") -> str:
    """A table from already-rendered header and body cells (<th>/<td> strings)."""
    head = "<tr>" + "".join(header) + "</tr>"
    body = "".join("<tr>" + "".join(row) + "</tr>" for row in rows)
    cap = element("caption", caption) if caption else ""
    inner = f"{cap}<thead>{head}</thead><tbody>{body}</tbody>"
    return f'<div class="scroll"><table>{inner}</table></div>'


def corrected_mark(label: str) -> str:
    """A ✎ whose tooltip is `label` (why a reviewer corrected the value)."""
    return element("span", MARK, class_="corrected", title=label)


def page(title: str, subtitle: str, nav: list[tuple[str, str]], sections: list[str],
         extra_css: str = "", lang: str = "ja") -> str:
    """The whole self-contained document in language `lang`: inline CSS (the shared one, then
    `extra_css`), no scripts, no external resources."""
    links = "".join(element("a", esc(label), href=f"#{anchor}") for anchor, label in nav)
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}{extra_css}</style>\n</head>\n<body>\n"
        f"<header><h1>{esc(title)}</h1><p>{esc(subtitle)}</p></header>\n"
        f"<nav>{links}</nav>\n<main>\n" + "\n".join(sections) + "\n</main>\n</body>\n</html>\n"
    )
