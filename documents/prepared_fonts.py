"""Prepared copies of the open CJK fonts: the GB 2312 repertoire only, so documents render faster.

A full CJK face holds 30,000–65,000 glyphs in a 16–27 MB file. WeasyPrint copies the whole face and
subsets it with HarfBuzz for every PDF, about 70 ms per face and four faces per official document.
A copy cut down once to the GB 2312 repertoire (7,500 characters: everything an official document
normally uses) is subset in a fraction of that. The copies carry their own family name
("WDoc Noto Serif CJK SC") and sit in the font stack just before the full family, so a character
outside GB 2312 (a rare character in a school's name) is still drawn from the full font: nothing goes
missing. Only fonts under the SIL Open Font License are copied (Noto CJK, LXGW WenKai, AR PL UKai);
licensed fonts a bureau installs are used as they are.

    python manage.py prepare_document_fonts      # once per machine (make run does it)
"""

import json
import subprocess
from contextlib import suppress
from functools import cache
from io import BytesIO
from pathlib import Path

from cffi import FFI
from django.conf import settings

OPEN_FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC", "LXGW WenKai", "AR PL UKai CN")
PREFIX = "WDoc "
MANIFEST = "manifest.json"
# Characters kept beyond GB 2312: those our documents print that GB 2312 lacks.
EXTRA = "—–‘’“”…·•●○■□◆◇★☆→←↑↓％＋－×÷＝＜＞〔〕【】（）《》〈〉「」『』︰"

_ffi = FFI()
_ffi.cdef(
    """
    typedef struct hb_blob_t hb_blob_t;
    typedef struct hb_face_t hb_face_t;
    typedef struct hb_set_t hb_set_t;
    typedef struct hb_subset_input_t hb_subset_input_t;
    typedef uint32_t hb_codepoint_t;
    hb_blob_t *hb_blob_create_from_file_or_fail (const char *file_name);
    void hb_blob_destroy (hb_blob_t *blob);
    const char *hb_blob_get_data (hb_blob_t *blob, unsigned int *length);
    hb_face_t *hb_face_create (hb_blob_t *blob, unsigned int index);
    void hb_face_destroy (hb_face_t *face);
    hb_blob_t *hb_face_reference_blob (hb_face_t *face);
    void hb_set_add (hb_set_t *set, hb_codepoint_t codepoint);
    hb_subset_input_t *hb_subset_input_create_or_fail (void);
    void hb_subset_input_destroy (hb_subset_input_t *input);
    hb_set_t *hb_subset_input_unicode_set (hb_subset_input_t *input);
    hb_face_t *hb_subset_or_fail (hb_face_t *source, const hb_subset_input_t *input);
    """
)


@cache
def _harfbuzz():
    for name in ("libharfbuzz-subset.so.0", "harfbuzz-subset", "libharfbuzz-subset.0.dylib"):
        try:
            return _ffi.dlopen(name)
        except OSError:
            continue
    raise RuntimeError("未找到 HarfBuzz 字体子集库（libharfbuzz-subset），请安装 libharfbuzz-subset0。")


def repertoire() -> str:
    """ASCII, the GB 2312 character set and a little extra punctuation."""
    chars = {chr(c) for c in range(0x20, 0x7F)}
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            with suppress(UnicodeDecodeError):
                chars.add(bytes([high, low]).decode("gb2312"))
    return "".join(sorted(chars | set(EXTRA)))


def subset_face(path: str, index: int, characters: str) -> bytes:
    """The face `index` of font file `path`, keeping only `characters` (HarfBuzz, with layout tables)."""
    hb = _harfbuzz()
    blob = hb.hb_blob_create_from_file_or_fail(str(path).encode())
    if blob == _ffi.NULL:
        raise OSError(f"cannot read font {path}")
    face = hb.hb_face_create(blob, index)
    subset_input = hb.hb_subset_input_create_or_fail()
    try:
        unicodes = hb.hb_subset_input_unicode_set(subset_input)
        for char in characters:
            hb.hb_set_add(unicodes, ord(char))
        result = hb.hb_subset_or_fail(face, subset_input)
        if result == _ffi.NULL:
            raise OSError(f"cannot subset font {path}")
        out = hb.hb_face_reference_blob(result)
        length = _ffi.new("unsigned int *")
        data = bytes(_ffi.buffer(hb.hb_blob_get_data(out, length), length[0]))
        hb.hb_blob_destroy(out)
        hb.hb_face_destroy(result)
        return data
    finally:
        hb.hb_subset_input_destroy(subset_input)
        hb.hb_face_destroy(face)
        hb.hb_blob_destroy(blob)


def renamed(data: bytes, family: str) -> bytes:
    """The font `data` under another family name (so it never stands in for the full family)."""
    from fontTools.ttLib import TTFont

    font = TTFont(BytesIO(data), lazy=True)
    style = font["name"].getDebugName(2) or "Regular"
    postscript = (family + "-" + style).replace(" ", "")
    for record in list(font["name"].names):
        if record.nameID in (1, 16):
            record.string = family
        elif record.nameID == 4:
            record.string = f"{family} {style}"
        elif record.nameID == 6:
            record.string = postscript
        elif record.nameID == 3:
            record.string = f"{postscript};prepared"
    out = BytesIO()
    font.save(out)
    return out.getvalue()


def directory() -> Path:
    return Path(getattr(settings, "DOCUMENT_PREPARED_FONTS_DIR", settings.BASE_DIR / "var" / "fonts"))


def locate(family: str, weight: int) -> tuple[str, int] | None:
    """(file, face index) of an installed `family` at `weight`, through fontconfig; None if absent."""
    try:
        out = subprocess.run(  # noqa: S603
            ["fc-match", "-f", "%{family}|%{file}|%{index}|%{weight}", f"{family}:weight={FC_WEIGHTS[weight]}"],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    families, path, index, _weight = out.split("|")
    return (path, int(index)) if family in families.split(",") else None


FC_WEIGHTS = {400: 80, 700: 200}  # CSS weight → fontconfig weight
# (family, CSS weight) faces an official document uses: title bold, body, 黑体 and 楷体 regular.
FACES = [
    ("Noto Serif CJK SC", 400),
    ("Noto Serif CJK SC", 700),
    ("Noto Sans CJK SC", 400),
    ("LXGW WenKai", 400),
    ("AR PL UKai CN", 400),
]


def prepare(*, stdout=None) -> dict:
    """Write the prepared copies and their manifest ({family: {weight: file}}); returns the manifest."""
    target = directory()
    target.mkdir(parents=True, exist_ok=True)
    characters = repertoire()
    manifest: dict[str, dict[str, str]] = {}
    for family, weight in FACES:
        found = locate(family, weight)
        if found is None:
            continue
        path, index = found
        data = renamed(subset_face(path, index, characters), PREFIX + family)
        suffix = ".otf" if data[:4] == b"OTTO" else ".ttf"
        name = f"{(PREFIX + family).replace(' ', '')}-{weight}{suffix}"
        (target / name).write_bytes(data)
        manifest.setdefault(family, {})[str(weight)] = name
        if stdout:
            stdout.write(f"{family} {weight}: {Path(path).name} → {name}（{len(data) // 1024} KB）\n")
    (target / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    prepared_manifest.cache_clear()
    return manifest


@cache
def prepared_manifest() -> dict:
    try:
        return json.loads((directory() / MANIFEST).read_text())
    except (OSError, ValueError):
        return {}


def prepared_files() -> list[Path]:
    root = directory()
    return [root / name for weights in prepared_manifest().values() for name in weights.values()]


def prepared_family(family: str) -> str | None:
    """The prepared copy's family name for `family`, if it has been prepared on this machine."""
    return PREFIX + family if family in prepared_manifest() and family in OPEN_FAMILIES else None
