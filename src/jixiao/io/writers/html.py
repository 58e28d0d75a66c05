"""``.html`` exporter: one standalone page (inline CSS, no scripts) with every form."""

from __future__ import annotations

from html import escape

from jixiao.io.writers import Exporter, register_exporter
from jixiao.io.writers.layout import Sheet, Style, layout_for

_CSS = """
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", "WenQuanYi Micro Hei", serif;
       margin: 2em auto; max-width: 60em; color: #000; }
h1 { font-size: 1.5em; text-align: center; margin: 1.5em 0 0.2em;
     font-family: "SimHei", "Noto Sans CJK SC", sans-serif; }
p.year { text-align: center; margin: 0 0 0.8em; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin-bottom: 2em; }
td, th { border: 1px solid #000; padding: 0.3em 0.4em; font-size: 0.9em; vertical-align: middle;
         text-align: center; white-space: pre-wrap; word-break: break-all; }
td.text { text-align: left; }
th { font-weight: bold; }
@media print { section.form { break-after: page; } }
"""


def sheet_html(sheet: Sheet) -> str:
    total = sum(sheet.widths)
    cols = "".join(f'<col style="width:{w / total * 100:.1f}%">' for w in sheet.widths)
    lines = [
        '<section class="form">',
        f"<h1>{escape(sheet.heading)}</h1>",
        f'<p class="year">{escape(sheet.subheading)}</p>' if sheet.subheading else "",
        f"<table><colgroup>{cols}</colgroup>",
    ]
    for row in _rows(sheet):
        lines.append("<tr>" + "".join(row) + "</tr>")
    lines.append("</table></section>")
    return "\n".join(line for line in lines if line)


def _rows(sheet: Sheet) -> list[list[str]]:
    rows: list[list[str]] = [[] for _ in range(sheet.n_rows)]
    for place in sorted(sheet.places, key=lambda p: (p.row, p.col)):
        tag = "th" if place.style is Style.HEAD else "td"
        attrs = ""
        if place.rowspan > 1:
            attrs += f' rowspan="{place.rowspan}"'
        if place.colspan > 1:
            attrs += f' colspan="{place.colspan}"'
        if place.style is Style.TEXT:
            attrs += ' class="text"'
        rows[place.row].append(f"<{tag}{attrs}>{escape(place.text)}</{tag}>")
    return rows


@register_exporter
class HtmlExporter(Exporter):
    id = "html"
    name = "HTML page"
    extension = ".html"
    content_type = "text/html; charset=utf-8"

    def render(self) -> bytes:
        sheets = [layout_for(t, self.options.year) for t in self.tables]
        title = sheets[0].heading if sheets else "项目绩效目标表"
        body = "\n".join(sheet_html(s) for s in sheets)
        page = (
            '<!DOCTYPE html>\n<html lang="zh-Hans">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
            f"{body}\n</body>\n</html>\n"
        )
        return page.encode("utf-8")
