"""Every file the portal hands out goes through here: one safe `Content-Disposition`.

A file name comes from what users typed (a report's 文件名称, an uploaded file's original name), so
it may hold path separators (`../../etc/passwd`), quotes, control characters or line breaks. It is
cleaned to one plain name and sent as RFC 6266: an ASCII `filename="…"` for old clients and the
full UTF-8 name in `filename*=UTF-8''…` (RFC 5987 percent-encoding), which every current browser uses.
"""

import re
import unicodedata
from pathlib import PurePosixPath
from urllib.parse import quote

from django.http import HttpResponse

MAX_NAME = 150  # characters; the suffix is kept when a name is cut
_UNSAFE = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|]+')


def safe_filename(name: str, *, default: str = "下载文件") -> str:
    """A file name with no directory part, no control or reserved characters, no leading dots."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in name)
    name = _UNSAFE.sub("_", name)
    name = re.sub(r"\s+", " ", name).strip(" ._")
    name = re.sub(r"_{2,}", "_", name)
    if not name.strip("_ "):
        return default
    if len(name) > MAX_NAME:
        suffix = PurePosixPath(name).suffix[:10]
        name = name[: MAX_NAME - len(suffix)].rstrip(" ._") + suffix
    return name


def content_disposition(name: str, *, attachment: bool = True) -> str:
    """`attachment` (or `inline`) with the cleaned name, ASCII fallback and RFC 5987 UTF-8 form."""
    name = safe_filename(name)
    fallback = name.encode("ascii", "replace").decode("ascii").replace("?", "_")
    kind = "attachment" if attachment else "inline"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def download(content: bytes | str, *, filename: str, mimetype: str, inline: bool = False) -> HttpResponse:
    """A generated file (export, PDF, Word) as a response that is never cached or sniffed."""
    response = HttpResponse(content, content_type=mimetype)
    response["Content-Disposition"] = content_disposition(filename, attachment=not inline)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    return response
