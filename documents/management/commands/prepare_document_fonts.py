"""Prepare the GB 2312 copies of the open CJK fonts that official documents render with (about 2 minutes).

    python manage.py prepare_document_fonts

See documents/prepared_fonts.py. Without them documents still render, from the full fonts, slower.
"""

from django.core.management.base import BaseCommand

from documents import prepared_fonts


class Command(BaseCommand):
    help = "为公文PDF准备常用字（GB 2312）字体副本，加快生成速度。"

    def handle(self, *args, **options):
        self.stdout.write("正在准备公文字体副本（每台服务器一次，约需2分钟）……")
        manifest = prepared_fonts.prepare(stdout=self.stdout)
        if not manifest:
            self.stdout.write(
                "未找到可准备的开源中文字体（fonts-noto-cjk、fonts-lxgw-wenkai），PDF 将直接使用系统字体。"
            )
        else:
            self.stdout.write(f"字体副本已写入 {prepared_fonts.directory()}。")
