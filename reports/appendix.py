"""The report's 数据附表 as both the PDF and the .docx print it: the same captions, header rows and cells."""

from dataclasses import dataclass

from .figures import display


@dataclass
class AppendixTable:
    caption: str
    headers: list[str]
    widths: list[str]  # the CSS class of each <col> ("" for the column that takes the rest)
    numeric: list[bool]  # right-aligned columns
    rows: list[tuple[list[str], str]]  # the cells, and the row's trace link (shown in the preview only)
    chart: str = ""  # the SVG bar chart under the table

    @property
    def body(self) -> list[tuple[list[tuple[str, bool]], str]]:
        return [(list(zip(cells, self.numeric, strict=True)), url) for cells, url in self.rows]


def appendix_tables(document) -> list[AppendixTable]:
    """附表1 lists every single figure the text cites; each table figure gets its own 附表 with its chart."""
    year = document.report.year
    tables = []
    if document.scalars:
        rows = [
            ([str(i), f.label + ("" if f.year == year else f"（{f.year}年）"), f.text()], f.url)
            for i, f in enumerate(document.scalars, start=1)
        ]
        tables.append(
            AppendixTable(
                f"附表1　主要数据一览（{year}年）",
                ["序号", "指标", "数值"],
                ["col-no", "", "col-value"],
                [True, False, True],
                rows,
            )
        )
    for f in document.tables:
        rows = [([row["label"], display(row["value"], "count", f.unit)], row.get("url", "")) for row in f.rows]
        caption = f"附表{len(tables) + 1}　{f.label}（{f.year}年）"
        tables.append(
            AppendixTable(
                caption, ["项目", "数值"], ["", "col-value"], [False, True], rows, document.charts.get(f.key, "")
            )
        )
    return tables
