"""Bar charts drawn on the server as SVG: the same drawing in the browser and in the PDF.

Only presentation attributes, no style attributes (the portal's CSP forbids inline styles), and every
label is escaped.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .figures import display

# Drawing units are points: the chart is 420 pt wide, within the 442 pt text width of the page.
ROW = 24
LABEL_WIDTH = 170
BAR_WIDTH = 190
VALUE_WIDTH = 60


def bar_chart(rows: list[dict], *, title: str, unit: str = "", font_family: str = "sans-serif") -> str:
    """A horizontal bar chart of table rows ({"label", "value"}), as an inline <svg> element."""
    rows = [r for r in rows if isinstance(r.get("value"), int | float)]
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    height = ROW * max(1, len(rows)) + 10
    top = max([r["value"] for r in rows] + [0]) or 1
    bars = []
    for i, row in enumerate(rows):
        y = 5 + i * ROW
        length = round(BAR_WIDTH * row["value"] / top, 1)
        bars.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" font-size="10.5">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="#1d4f91"></rect>'
                '<text x="{}" y="{}" font-size="10.5">{}</text>',
                LABEL_WIDTH - 6,
                y + 15,
                _short(row["label"]),
                LABEL_WIDTH,
                y + 4,
                max(length, 0.5),
                ROW - 9,
                LABEL_WIDTH + length + 4,
                y + 15,
                display(row["value"], "count", unit),
            )
        )
    return format_html(
        '<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}pt" height="{h}pt" '
        'role="img" aria-label="{title}" font-family="{font}"><title>{title}</title>'
        '<line x1="{x}" y1="0" x2="{x}" y2="{h}" stroke="#5f6b7a" stroke-width="0.8"></line>{bars}</svg>',
        w=width,
        h=height,
        title=title,
        font=font_family,
        x=LABEL_WIDTH,
        bars=mark_safe(format_html_join("", "{}", ((b,) for b in bars))),  # noqa: S308 - built by format_html
    )


def _short(label: str, limit: int = 16) -> str:
    label = str(label)
    return label if len(label) <= limit else label[: limit - 1] + "…"
