"""The font stack of official documents (GB/T 9704-2012 style).

A bureau with licensed fonts (方正小标宋, 仿宋_GB2312, 黑体, 楷体_GB2312) installs them and lists them
first in the DOCUMENT_FONT_* settings; otherwise the open fonts from Debian packages stand in:
Noto Serif CJK SC (title and body, real bold face), Noto Sans CJK SC (黑体), LXGW WenKai / AR PL UKai (楷体).
"""

from django.conf import settings

from .prepared_fonts import prepared_family

DEFAULTS = {
    "title": ["方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "serif"],
    "body": ["仿宋_GB2312", "FangSong_GB2312", "FangSong", "Noto Serif CJK SC", "serif"],
    "hei": ["黑体", "SimHei", "Noto Sans CJK SC", "sans-serif"],
    "kai": ["楷体_GB2312", "KaiTi_GB2312", "KaiTi", "LXGW WenKai", "AR PL UKai CN", "serif"],
}


def font_stack(role: str) -> str:
    """A CSS font-family value for `role` (title, body, hei, kai)."""
    families = getattr(settings, "DOCUMENT_FONTS", {}).get(role) or DEFAULTS[role]
    # A prepared copy (documents.prepared_fonts) goes just before its full family, which stays as the
    # fallback for characters outside the copy.
    families = [copy for f in families for copy in (prepared_family(f), f) if copy]
    return ", ".join(f if f in {"serif", "sans-serif"} else f'"{f}"' for f in families)
