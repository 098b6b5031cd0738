"""python manage.py annual_report --year 2021 --output report.pdf  (--docx / --html)

Writes the year's report: the frozen PDF once published, otherwise the current draft (watermarked).
When no report has been started for the year, a draft is generated from the year's data in memory.
Only a year with a report or with records is accepted; a missing or unwritable output folder is a
one-line error with exit code 2.
"""

import errno
import os
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from reports import rendering
from reports.docx_export import render_docx
from reports.drafting import default_title
from reports.models import Block, Report
from reports.services.reports import first_draft, report_issuer, year_has_data

USAGE_ERROR = 2


def _fail(message: str):
    return CommandError(message, returncode=USAGE_ERROR)


def _check_output(output: str) -> Path:
    path = Path(output)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise _fail(f"输出路径“{output}”是一个文件夹，请给出文件名（如 {output.rstrip('/')}/报告.pdf）。")
    if not folder.is_dir():
        raise _fail(f"输出文件夹“{folder}”不存在，请先创建该文件夹。")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise _fail(f"没有写入“{output}”的权限，请换一个可写的输出位置。")
    return path


def _write_failure(output: str, exc: OSError) -> str:
    """Why the file could not be written, in Chinese (the system's own message is English)."""
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"没有写入“{output}”的权限，请换一个可写的输出位置。"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"磁盘空间不足，无法写入“{output}”。"
    return f"无法写入“{output}”（系统错误代码{exc.errno}），请换一个输出位置。"


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
        if not 2000 <= year <= 9999:
            raise _fail(f"报告年度“{year}”无效：应为2000年以后的四位年份，如 --year 2021。")
        path = _check_output(output)
        try:
            issuer_org = report_issuer(issuer)
        except ValidationError as exc:
            raise _fail(exc.messages[0]) from exc
        report = Report.objects.filter(issuer=issuer_org, year=year).first()
        if report is None and not year_has_data(year):
            years = sorted(Report.objects.filter(issuer=issuer_org).values_list("year", flat=True))
            known = f"已有报告的年度：{'、'.join(f'{y}年' for y in years)}。" if years else "目前还没有任何年度报告。"
            raise _fail(f"{year}年度既没有年度报告，也没有任何业务记录，无法导出。{known}")
        blocks = None
        if report is None:
            report = Report(year=year, issuer=issuer_org, title=default_title(year), publisher=issuer_org.name)
            report.file_name = report.title
            blocks = [
                Block(kind=b.kind, level=b.level, text=b.text, position=i, origin=b.origin, slot=b.slot)
                for i, b in enumerate(first_draft(year, issuer_org))
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
        try:
            path.write_bytes(content)
        except OSError as exc:
            raise _fail(_write_failure(output, exc)) from exc
        if report.is_published:
            if docx:
                note = "按发布时冻结的数据导出Word"
            elif html:
                note = "返回发布时冻结的正文HTML，不重新生成"
            else:
                note = f"返回发布时冻结的PDF原件，不重新生成（SHA-256 {report.snapshot.sha256}）"
            self.stdout.write(f"{report.title}已发布：{note}。")
        state = "已发布版本（冻结）" if report.is_published else f"{report.get_status_display() or '草稿'}（草稿水印）"
        self.stdout.write(self.style.SUCCESS(f"已写入 {output}（{len(content):,} 字节）：{report.title}，{state}。"))
        if not report.is_published:
            document = rendering.build(report, blocks)
            for figure in document.missing:
                self.stdout.write(self.style.WARNING(f"缺少数据：{figure.missing}"))
            flagged = sum(len(b.flags) for b in document.blocks)
            if flagged:
                self.stdout.write(
                    self.style.WARNING(f"有{flagged}句待核实（数据为0或无记录），草稿中以【待核实】标出。")
                )
