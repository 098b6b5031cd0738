"""Prepared copies of the open CJK fonts: the GB 2312 repertoire only, so documents render faster.

A full CJK face holds 30,000–65,000 glyphs in a 16–27 MB file, and WeasyPrint reads and subsets the
whole face for every PDF. A copy cut down once (fontTools' subsetter) to GB 2312 — everything an
official document normally uses — is subset in a fraction of that time (docs/performance.md). The
renderer declares each copy with @font-face as "WDoc <family>" just before the full family in the
font stack, so a character outside GB 2312 is still drawn from the full font. Only fonts under the
SIL Open Font License are copied; licensed fonts a bureau installs are used as they are.

    python manage.py prepare_document_fonts      # once per machine (make run does it), about 2 minutes
"""

import json
import subprocess
from contextlib import suppress
from functools import cache
from pathlib import Path

from django.conf import settings
from fontTools import subset
from fontTools.ttLib import TTFont

PREFIX = "WDoc "
MANIFEST = "manifest.json"
# Characters kept beyond GB 2312: those our documents print that GB 2312 lacks.
EXTRA = "—–‘’“”…·•●○■□◆◇★☆→←↑↓％＋－×÷＝＜＞〔〕【】（）《》〈〉「」『』︰"
# (family, CSS weight) of the faces an official document uses: title bold, body, 黑体 and 楷体 regular.
FACES = [
    ("Noto Serif CJK SC", 400),
    ("Noto Serif CJK SC", 700),
    ("Noto Sans CJK SC", 400),
    ("LXGW WenKai", 400),
    ("AR PL UKai CN", 400),
]
FC_WEIGHTS = {400: 80, 700: 200}  # CSS weight → fontconfig weight


def repertoire() -> str:
    """ASCII, the GB 2312 character set and a little extra punctuation."""
    chars = {chr(c) for c in range(0x20, 0x7F)}
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            with suppress(UnicodeDecodeError):
                chars.add(bytes([high, low]).decode("gb2312"))
    return "".join(sorted(chars | set(EXTRA)))


def subset_face(path: str, index: int, characters: str) -> TTFont:
    """Face `index` of font file `path`, keeping only `characters` (with every layout feature)."""
    options = subset.Options(layout_features=["*"], name_IDs=["*"], name_languages=["*"], notdef_outline=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in characters])
    font = TTFont(path, fontNumber=index)
    subsetter.subset(font)
    return font


def directory() -> Path:
    return Path(getattr(settings, "DOCUMENT_PREPARED_FONTS_DIR", settings.BASE_DIR / "var" / "fonts"))


@cache
def locate(family: str, weight: int = 400) -> tuple[str, int] | None:
    """(file, face index) of an installed `family` at `weight`, through fontconfig; None if absent."""
    try:
        out = subprocess.run(  # noqa: S603
            ["fc-match", "-f", "%{family}|%{file}|%{index}", f"{family}:weight={FC_WEIGHTS[weight]}"],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    families, path, index = out.split("|")
    return (path, int(index)) if family in families.split(",") else None


def prepare(*, faces=FACES, stdout=None) -> dict:
    """Write the prepared copies and their manifest ({family: {weight: file}}); returns the manifest."""
    target = directory()
    target.mkdir(parents=True, exist_ok=True)
    characters = repertoire()
    manifest: dict[str, dict[str, str]] = {}
    for family, weight in faces:
        found = locate(family, weight)
        if found is None:
            continue
        path, index = found
        font = subset_face(path, index, characters)
        name = f"{(PREFIX + family).replace(' ', '')}-{weight}.{'otf' if font.sfntVersion == 'OTTO' else 'ttf'}"
        font.save(target / name)
        manifest.setdefault(family, {})[str(weight)] = name
        if stdout:
            size = (target / name).stat().st_size // 1024
            stdout.write(f"{family} {weight}: {Path(path).name} → {name}（{size} KB）\n")
    (target / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    prepared_manifest.cache_clear()
    return manifest


@cache
def prepared_manifest() -> dict:
    try:
        return json.loads((directory() / MANIFEST).read_text())
    except (OSError, ValueError):
        return {}


def prepared_faces() -> list[tuple[str, int, Path]]:
    """(copy's family name, CSS weight, file) of every prepared copy on this machine."""
    root = directory()
    return [
        (PREFIX + family, int(weight), root / name)
        for family, weights in prepared_manifest().items()
        for weight, name in weights.items()
        if (root / name).exists()
    ]


def prepared_family(family: str) -> str | None:
    """The prepared copy's family name for `family`, if it has been prepared on this machine."""
    return PREFIX + family if family in prepared_manifest() else None
