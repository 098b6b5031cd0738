"""Inter-character justification of Chinese body text for WeasyPrint: every line but the last fills the measure.

WeasyPrint justifies a line by widening its spaces, and Chinese has none, so a line that cannot take its
next character (a comma may not begin a line, a number is not split) ends short of the margin. The
renderer therefore breaks the lines of body paragraphs itself, with the body font's advance widths and
the rules of Chinese line breaking (GB/T 15834: no closing punctuation at the start of a line, no opening
one at its end, numbers and Latin words kept whole), and gives each line but the last the letter-spacing
that makes it exactly as wide as the measure. The lines are joined by newlines in one `white-space: pre`
span, so WeasyPrint lays out exactly these lines and still splits a paragraph across pages between them
(orphans, widows); only a line whose spacing differs from the grid's gets a span of its own (elements
cost WeasyPrint layout time: a span and a <br> per line made the report's PDF 0.5 s slower).

It applies to each paragraph and heading inside an element of class "justify" in a document extending
documents/official.html (16 pt text on a 156 mm measure, first line indented 2 em unless the element
has class "noindent"; headings in 黑体/楷体 as official.html sets them). Widths are the font's own, with
the zh-Hans forms HarfBuzz substitutes for lang="zh-CN" (a full-width dash). Only the PDF renderer
calls it: browsers justify Chinese text themselves.
"""

import re
import unicodedata
from functools import cache
from html.parser import HTMLParser

from fontTools.ttLib import TTFont

from .fonts import metrics_font

SIZE = 16.0  # pt, 3号
MEASURE = 156 / 25.4 * 72  # the text width of documents/official.html, in pt
INDENT = 2 * SIZE
GRID = round((MEASURE - 28 * SIZE) / 27, 3)  # pt of letter-spacing that puts 28 characters on the measure
NO_START = set("、。，．：；？！‼⁇⁈⁉）］｝〕〗〙】》〉」』”’～·・％‰℃,.:;?!)]}")
NO_END = set("（［｛〔〖〘【《〈「『“‘([{")
REPEATED = set("—…")  # —— and …… are one mark: never split
ROLES = {"p": "body", "h2": "hei", "h3": "kai", "h4": "body", "h5": "body"}  # official.html's fonts
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Atom:
    """A character (or the markup of a void element such as <img>) with the inline elements it sits in."""

    __slots__ = ("markup", "tags", "text", "width")

    def __init__(self, text: str, tags: tuple, width: float, *, markup: bool = False):
        self.text, self.tags, self.width, self.markup = text, tags, width, markup


class _Inline(HTMLParser):
    """A paragraph's content as atoms; <br> as None (a forced line end)."""

    def __init__(self, advance):
        super().__init__(convert_charrefs=True)
        self.advance, self.atoms, self.open = advance, [], []

    def handle_starttag(self, tag, attrs):
        raw = self.get_starttag_text()
        if tag == "br":
            self.atoms.append(None)
        elif tag in VOID:
            self.atoms.append(Atom(raw, tuple(self.open), 0.0, markup=True))
        else:
            self.open.append((len(self.atoms), tag, raw))  # the position makes each element distinct

    def handle_endtag(self, tag):
        _close(self.open, tag, key=1)

    def handle_data(self, data):
        tags = tuple(self.open)
        for char in re.sub(r"[ \t\r\n\f]+", " ", data):
            self.atoms.append(Atom(char, tags, self.advance(char)))


def _close(stack: list, tag: str, *, key: int) -> None:
    """Drop the innermost open `tag` and what it contains (a stray end tag changes nothing)."""
    for i in range(len(stack) - 1, -1, -1):
        if stack[i][key] == tag:
            del stack[i:]
            return


def _breakable(before: Atom, after: Atom) -> bool:
    a, b = before.text, after.text
    if b == " " or a == " ":
        return True
    if b in NO_START or a in NO_END or (a == b and a in REPEATED) or "\xa0" in (a, b):
        return False
    return not (_narrow(a) and _narrow(b))  # a number or a Latin word stays whole


def _narrow(char: str) -> bool:
    return len(char) == 1 and unicodedata.east_asian_width(char) in ("Na", "H", "N")


def _units(atoms: list[Atom]) -> list[list[Atom]]:
    """Runs of atoms that may not be split across lines."""
    units: list[list[Atom]] = []
    for atom in atoms:
        if units and not _breakable(units[-1][-1], atom):
            units[-1].append(atom)
        else:
            units.append([atom])
    return units


def break_lines(atoms: list[Atom], first: float, other: float) -> list[list[Atom]]:
    """Greedy line breaking: as many whole units on each line as fit at the grid's spacing."""
    lines: list[list[Atom]] = [[]]
    width = 0.0  # the advances on the current line
    for unit in _units(atoms):
        line, room = lines[-1], first if len(lines) == 1 else other
        added = sum(a.width for a in unit)
        if unit[0].text == " ":
            if line:  # dropped again if the line ends here
                line.extend(unit)
                width += added
            continue
        if line and width + added + GRID * (len(line) + len(unit) - 1) > room + 0.01:
            _trim(line)
            lines.append(line := [])
            width, room = 0.0, other
        if added + GRID * (len(unit) - 1) <= room + 0.01:
            line.extend(unit)
            width += added
            continue
        for atom in unit:  # longer than a line (a long URL): split anywhere
            if line and width + atom.width + GRID * len(line) > room:
                lines.append(line := [])
                width, room = 0.0, other
            line.append(atom)
            width += atom.width
    _trim(lines[-1])
    return [line for line in lines if line]


def _trim(line: list[Atom]) -> None:
    while line and line[-1].text == " ":
        line.pop()


def _markup(atoms: list[Atom]) -> str:
    """The atoms as HTML, their inline elements closed at the end and reopened where they continue."""
    out: list[str] = []
    open_: tuple = ()
    for atom in atoms:
        if atom.tags != open_:
            keep = 0
            while keep < min(len(open_), len(atom.tags)) and open_[keep] == atom.tags[keep]:
                keep += 1
            out += [f"</{tag}>" for _pos, tag, _raw in reversed(open_[keep:])]
            out += [raw for _pos, _tag, raw in atom.tags[keep:]]
            open_ = atom.tags
        out.append(atom.text if atom.markup else _ESCAPE.get(atom.text, atom.text))
    out += [f"</{tag}>" for _pos, tag, _raw in reversed(open_)]
    return "".join(out)


_ESCAPE = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def justify_fragment(content: str, *, indent: bool = True, role: str = "body", advance=None) -> str:
    """A paragraph's inner HTML as justified lines (unchanged when it fits on one line)."""
    parser = _Inline(advance or advance_of(role))
    parser.feed(content)
    parser.close()
    segments, current = [], []
    for atom in parser.atoms:
        if atom is None:
            segments.append(current)
            current = []
        else:
            current.append(atom)
    segments.append(current)
    first = MEASURE - (INDENT if indent else 0)
    lines: list[tuple[list[Atom], bool]] = []  # (atoms, justified)
    for segment in segments:
        broken = break_lines(segment, first if not lines else MEASURE, MEASURE)
        lines += [(line, i < len(broken) - 1) for i, line in enumerate(broken)] or [([], False)]
    if len(lines) == 1:
        return content
    out = []
    for i, (line, justified) in enumerate(lines):
        spacing = ((first if i == 0 else MEASURE) - sum(a.width for a in line)) / max(len(line) - 1, 1)
        if justified and abs(spacing - GRID) > 0.004:
            out.append(f'<span style="letter-spacing: {spacing:.3f}pt">{_markup(line)}</span>')
        else:
            out.append(_markup(line))
    return f'<span class="jp">{chr(10).join(out)}</span>'


class _Paragraphs(HTMLParser):
    """Where the content of each <p> inside a .justify element starts and ends, and whether it is indented."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.starts = [0, *(m.end() for m in re.finditer("\n", html))]  # as HTMLParser counts lines
        self.stack: list[tuple[str, bool]] = []  # (tag, inside a .justify element)
        self.found: list[tuple[int, int, bool, str]] = []
        self.current = None

    def position(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        classes = dict(attrs).get("class") or ""
        inside = bool(self.stack and self.stack[-1][1]) or "justify" in classes.split()
        self.stack.append((tag, inside))
        if tag in ROLES and inside and self.current is None:
            self.current = (self.position() + len(self.get_starttag_text()), "noindent" not in classes.split(), tag)

    def handle_endtag(self, tag):
        if self.current is not None and tag == self.current[2]:
            start, indent, _tag = self.current
            self.found.append((start, self.position(), indent, ROLES[tag]))
            self.current = None
        _close(self.stack, tag, key=0)


def justify_paragraphs(html: str) -> str:
    """The document with the paragraphs of its .justify elements broken into justified lines."""
    if "justify" not in html:
        return html
    finder = _Paragraphs(html)
    finder.feed(html)
    finder.close()
    out, last, advances = [], 0, {role: advance_of(role) for role in set(ROLES.values())}
    for start, end, indent, role in finder.found:
        out += [html[last:start], justify_fragment(html[start:end], indent=indent, advance=advances[role])]
        last = end
    return "".join([*out, html[last:]])


def advance_of(role: str = "body"):
    """A function giving a character's advance in pt in the role's font (CJK full width if unknown)."""
    return _advances(*(metrics_font(role) or ("", 0)))


@cache
def _advances(path: str, index: int):
    widths: dict[str, float] = {}
    cmap, metrics, forms, scale = {}, {}, {}, 0.0
    if path:
        font = TTFont(path, fontNumber=index, lazy=True)
        cmap, metrics, forms = font.getBestCmap(), font["hmtx"].metrics, _zh_hans_forms(font)
        scale = SIZE / font["head"].unitsPerEm

    def advance(char: str) -> float:
        if char not in widths:
            glyph = forms.get(cmap.get(ord(char)), cmap.get(ord(char)))
            if glyph in metrics:
                widths[char] = metrics[glyph][0] * scale
            else:
                widths[char] = SIZE if unicodedata.east_asian_width(char) in ("W", "F", "A") else SIZE / 2
        return widths[char]

    return advance


def _zh_hans_forms(font) -> dict[str, str]:
    """The glyphs the 'locl' feature substitutes for Simplified Chinese (script hani, language ZHS)."""
    if "GSUB" not in font:
        return {}
    table = font["GSUB"].table
    features = [
        table.FeatureList.FeatureRecord[i]
        for script in table.ScriptList.ScriptRecord
        if script.ScriptTag == "hani"
        for lang in script.Script.LangSysRecord
        if lang.LangSysTag == "ZHS "
        for i in lang.LangSys.FeatureIndex
    ]
    forms: dict[str, str] = {}
    for feature in features:
        if feature.FeatureTag == "locl":
            for index in feature.Feature.LookupListIndex:
                for sub in table.LookupList.Lookup[index].SubTable:
                    forms.update(getattr(getattr(sub, "ExtSubTable", sub), "mapping", None) or {})
    return forms
