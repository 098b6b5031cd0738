"""The fonts of official documents (GB/T 9704-2012 style), given to WeasyPrint by @font-face rules.

Each role (title, body, hei, kai) has a list of fonts, first choice first. A bureau with licensed fonts
(方正小标宋, 仿宋_GB2312, 黑体, 楷体_GB2312) names them in DOCUMENT_FONTS, by installed family name or by
the path of the font file (docs/deploy.md); otherwise the open fonts from Debian packages stand in:
Noto Serif CJK SC (title and body, real bold face), Noto Sans CJK SC (黑体), LXGW WenKai / AR PL UKai
(楷体). Every stack ends with 花园明朝 HanaMin A/B (CJK Extension A to F, such as 𠀀) for what those
lack, so a rare character in a name is drawn, never a blank box; emoji come from Noto Color Emoji through
fontconfig's fallback (naming it in the stack would make fontconfig prefer it for the digits it also has).
"""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from fontTools.ttLib import TTFont

from .prepared_fonts import locate, prepared_faces, prepared_family

DEFAULTS = {
    "title": ["方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC"],
    "body": ["仿宋_GB2312", "FangSong_GB2312", "FangSong", "Noto Serif CJK SC"],
    "hei": ["黑体", "SimHei", "Noto Sans CJK SC"],
    "kai": ["楷体_GB2312", "KaiTi_GB2312", "KaiTi", "LXGW WenKai", "AR PL UKai CN"],
}
FALLBACKS = ["HanaMinA", "HanaMinB"]
GENERIC = {"hei": "sans-serif"}
FONT_FILE_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc", ".woff", ".woff2")


def is_font_file(entry: str) -> bool:
    return entry.lower().endswith(FONT_FILE_SUFFIXES)


def configured(role: str) -> list[str]:
    """The role's fonts as configured (family names or font files), the open defaults if none."""
    return getattr(settings, "DOCUMENT_FONTS", {}).get(role) or DEFAULTS[role]


def font_files() -> list[Path]:
    """Every font file named in DOCUMENT_FONTS (existing or not: the system check reports missing ones)."""
    return [Path(e) for entries in getattr(settings, "DOCUMENT_FONTS", {}).values() for e in entries if is_font_file(e)]


@cache
def file_family(path: str) -> str | None:
    """The family name inside a font file (its first face), None if it cannot be read."""
    try:
        return TTFont(path, fontNumber=0, lazy=True)["name"].getBestFamilyName()
    except Exception:  # noqa: BLE001 - any unreadable file means "no such font": the check names it
        return None


def family_names(role: str) -> list[str]:
    """The role's family names in order of preference (font files by the family inside them)."""
    names = [file_family(e) if is_font_file(e) else e for e in configured(role)]
    return [name for name in names if name]


def families(role: str) -> list[str]:
    """The whole stack: each installed open family preceded by its prepared copy, then the fallback fonts."""
    stack = []
    for entry in configured(role):
        names = [file_family(entry)] if is_font_file(entry) else [prepared_family(entry), entry]
        stack += [name for name in names if name]
    return stack + [f for f in FALLBACKS if f not in stack]


def _css_string(text: str) -> str:
    """`text` as a quoted CSS string that cannot end the string, the rule or the <style> element."""
    return '"' + text.replace("\\", "\\5c ").replace('"', "\\22 ").replace("<", "\\3c ").replace(">", "\\3e ") + '"'


def font_stack(role: str) -> SafeString:
    """A CSS font-family value for `role` (title, body, hei, kai), safe to print in a template's <style>:
    family names (from DOCUMENT_FONTS or the installed fonts) are escaped as CSS strings, so templates
    need no |safe."""
    return mark_safe(", ".join([*(_css_string(f) for f in families(role)), GENERIC.get(role, "serif")]))


def preferred_family(role: str) -> str:
    """The family a word processor should use for `role` (the first configured one)."""
    return family_names(role)[0] if family_names(role) else DEFAULTS[role][-1]


def font_faces() -> str:
    """@font-face rules for the prepared copies and the configured font files (read by the PDF renderer only)."""
    faces = [(family, weight, path) for family, weight, path in prepared_faces()]
    faces += [(file_family(str(path)), None, path) for path in font_files() if file_family(str(path))]
    return "\n".join(
        f'@font-face {{ font-family: "{family}"; {f"font-weight: {weight}; " if weight else ""}'
        f'src: url("{Path(path).resolve().as_uri()}"); }}'
        for family, weight, path in faces
    )


def metrics_font(role: str) -> tuple[str, int] | None:
    """(file, face index) of the role's regular font, for the line breaker; None when none is found."""
    files = {family: path for family, weight, path in prepared_faces() if weight == 400}
    for family in families(role):
        if family in files:
            return str(files[family]), 0
        for path in font_files():
            if file_family(str(path)) == family and path.exists():
                return str(path), 0
        if found := locate(family):
            return found
    return None
