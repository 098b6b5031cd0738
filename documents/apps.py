from django.apps import AppConfig
from django.core import checks


class DocumentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "documents"
    verbose_name = "公文排版"

    def ready(self):
        checks.register(check_font_files)


def check_font_files(app_configs=None, **kwargs):
    """A font file named in DOCUMENT_FONTS that cannot be read would silently fall back to the open fonts."""
    from .fonts import file_family, font_files

    return [
        checks.Warning(
            f"DOCUMENT_FONTS 中的字体文件无法读取：{path}",
            hint="检查路径和文件权限（须为 .ttf/.otf/.ttc 字体文件）；否则公文将改用开源字体。",
            id="documents.W001",
        )
        for path in font_files()
        if not path.is_file() or file_family(str(path)) is None
    ]
