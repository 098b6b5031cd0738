"""python manage.py annual_report --year 2021 --output report.pdf  (--docx / --html)

Writes the year's report: the frozen PDF once published, otherwise the current draft (watermarked).
When no report has been started for the year, a draft is generated from the year's data in memory.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from reports import rendering
from reports.docx_export import render_docx
from reports.drafting import default_title, draft_blocks
from reports.models import Block, Report
from reports.services.reports import report_issuer


class Command(BaseCommand):
    help = "导出法治政府建设年度报告（PDF，或 --docx / --html）"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="报告年度，如 2021")
        parser.add_argument("--output", required=True, help="输出文件路径")
        fmt = parser.add_mutually_exclusive_group()
        fmt.add_argument("--docx", action="store_true", help="导出Word（.docx）")
        fmt.add_argument("--html", action="store_true", help="导出HTML")
        parser.add_argument("--issuer", default="", help="发文机关统一社会信用代码（默认为本局）")

    def handle(self, *args, year, output, docx, html, issuer, **options):
        try:
            issuer_org = report_issuer(issuer)
        except ValidationError as exc:
            raise CommandError(exc.messages[0]) from exc
        report = Report.objects.filter(issuer=issuer_org, year=year).first()
        blocks = None
        if report is None:
            report = Report(year=year, issuer=issuer_org, title=default_title(year), publisher=issuer_org.name)
            report.file_name = report.title
            blocks = [
                Block(kind=b.kind, level=b.level, text=b.text, position=i) for i, b in enumerate(draft_blocks(year))
            ]
            self.stdout.write(f"{year}年度尚未起草报告，按当前数据生成临时初稿（带“草稿”水印）。")
        if docx:
            content = render_docx(rendering.build(report, blocks), draft=not report.is_published)
        elif html:
            content = (
                rendering.report_html(report)
                if blocks is None
                else rendering.standalone_html(rendering.build(report, blocks), watermark=rendering.WATERMARK)
            )
            content = content.encode()
        else:
            content = (
                rendering.report_pdf(report) if blocks is None else rendering.draft_pdf(rendering.build(report, blocks))
            )
        Path(output).write_bytes(content)
        state = "已发布版本（冻结）" if report.is_published else f"{report.get_status_display() or '草稿'}（草稿水印）"
        self.stdout.write(self.style.SUCCESS(f"已写入 {output}（{len(content):,} 字节）：{report.title}，{state}。"))
        if not report.is_published:
            document = rendering.build(report, blocks)
            for figure in document.missing:
                self.stdout.write(self.style.WARNING(f"缺少数据：{figure.missing}"))
