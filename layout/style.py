"""Style files (layout/styles/*.yaml) → a `Style` in points.

Units: `mm`, `pt`, `em` (of the body size, or of the element's own size
where the file says so), `Q` (级, 0.25 mm) and the Chinese 号 sizes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import StyleError
from .press import PrintSettings, print_settings
from .typeset import TypesetStyle

MM = 72 / 25.4
STYLES_DIR = Path(__file__).resolve().parent / "styles"

# 号 sizes in points (typesetting.md, the DTP/Word mapping).
HAO = {
    "初号": 42,
    "小初": 36,
    "一号": 26,
    "小一": 24,
    "二号": 22,
    "小二": 18,
    "三号": 16,
    "小三": 15,
    "四号": 14,
    "小四": 12,
    "五号": 10.5,
    "小五": 9,
    "六号": 7.5,
    "小六": 6.5,
    "七号": 5.5,
    "八号": 5,
}
SIZE_STEPS = sorted(set(HAO.values()), reverse=True)

_LEN_RE = re.compile(r"^\s*(-?[0-9.]+)\s*(mm|pt|em|q|Q)?\s*$")

FontRef = tuple[str, str]  # (role, weight)


@dataclass(frozen=True)
class Style:
    name: str
    # page
    trim_w: float
    trim_h: float
    bleed: float
    slug: float
    crop_marks: bool
    # grid
    columns: int
    chars: int
    body_size: float
    gutter: float
    pitch: float
    lines: int
    area_left: float  # from the trim's left edge
    area_top: float  # from the trim's top edge
    # text
    body_font: FontRef
    condense: float  # 扁体: body glyph height / width
    indent: float  # em
    typeset: TypesetStyle
    subhead_font: FontRef
    subhead_size: float
    subhead_lines: int
    headline_font: FontRef
    headline_sizes: tuple[float, ...]
    headline_min: float
    headline_gap: float  # em of the headline size
    kicker_font: FontRef
    kicker_scale: float
    kicker_min: float
    subtitle_font: FontRef
    subtitle_scale: float
    subtitle_min: float
    byline_font: FontRef
    byline_size: float
    brief_title_font: FontRef
    brief_title_size: float
    brief_title_lines: int
    brief_item_font: FontRef
    brief_rule: float
    brief_tint: float
    header_paper_font: FontRef
    header_paper_size: float
    header_info_font: FontRef
    header_info_size: float
    header_rule: float
    gap_lines: int
    min_lines: int
    max_lines: int
    max_pad: int
    press: PrintSettings = PrintSettings()  # `print:` marks, overprint, profile, file names

    @property
    def column_width(self) -> float:
        return self.chars * self.body_size

    @property
    def area_w(self) -> float:
        return self.columns * self.column_width + (self.columns - 1) * self.gutter

    @property
    def area_h(self) -> float:
        return self.lines * self.pitch

    def span_width(self, span: int) -> float:
        return span * self.column_width + (span - 1) * self.gutter

    def column_x(self, col: int) -> float:
        """Left edge of 0-based column `col`, from the trim's left edge."""
        return self.area_left + col * (self.column_width + self.gutter)

    def fonts(self) -> list[FontRef]:
        return list(
            dict.fromkeys(
                [
                    self.body_font,
                    self.subhead_font,
                    self.headline_font,
                    self.kicker_font,
                    self.subtitle_font,
                    self.byline_font,
                    self.brief_title_font,
                    self.brief_item_font,
                    self.header_paper_font,
                    self.header_info_font,
                ]
            )
        )


def load_style(name_or_path: str, base: Path | None = None) -> Style:
    """A built-in style name (tabloid) or a path relative to `base`."""

    builtin = STYLES_DIR / f"{name_or_path}.yaml"
    path = builtin if builtin.is_file() else (base or Path.cwd()) / name_or_path
    if not path.is_file():
        known = ", ".join(p.stem for p in sorted(STYLES_DIR.glob("*.yaml")))
        raise StyleError(f"style '{name_or_path}' is neither a built-in style ({known}) nor a file")
    data = _read(path, set())
    try:
        return _build(path.stem, data)
    except (KeyError, TypeError, ValueError) as exc:
        raise StyleError(f"{path}: {exc}") from None


def _read(path: Path, seen: set[Path]) -> dict:
    """A style file's settings, over those of the style it `extends` (if any)."""
    import yaml

    if path in seen:
        raise StyleError(f"{path}: 'extends' loops back to itself")
    seen.add(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise StyleError(f"{path}: cannot read style: {exc}") from None
    if not isinstance(data, dict):
        raise StyleError(f"{path}: a style file is a mapping of sections")
    parent = data.pop("extends", None)
    if parent is None:
        return data
    builtin = STYLES_DIR / f"{parent}.yaml"
    base = builtin if builtin.is_file() else path.parent / str(parent)
    if not base.is_file():
        raise StyleError(f"{path}: field 'extends': no style '{parent}'")
    return _merge(_read(base, seen), data)


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _get(data: dict, dotted: str):
    node = data
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(f"missing field '{dotted}'")
        node = node[part]
    return node


def size_pt(value) -> float:
    """A type size: points, a 号 name or a length."""
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip()
    if text in HAO:
        return float(HAO[text])
    return length(text, em=None)


def length(value, em: float | None) -> float:
    """A length in points; `em` is the size an `em` refers to."""
    if isinstance(value, (int, float)):
        return float(value)
    m = _LEN_RE.match(str(value))
    if not m:
        raise ValueError(f"'{value}' is not a length (use mm, pt, em or Q)")
    num, unit = float(m.group(1)), (m.group(2) or "pt")
    if unit == "mm":
        return num * MM
    if unit in ("q", "Q"):
        return num * 0.25 * MM
    if unit == "em":
        if em is None:
            raise ValueError(f"'{value}': em is not allowed here")
        return num * em
    return num


def _font(value) -> FontRef:
    if isinstance(value, str):
        return (value, "regular")
    role, weight = value
    return (str(role), str(weight))


def _build(name: str, d: dict) -> Style:
    body = size_pt(_get(d, "grid.body_size"))
    trim_w, trim_h = (length(v, None) for v in _get(d, "page.trim"))
    columns = int(_get(d, "grid.columns"))
    chars = int(_get(d, "grid.chars_per_column"))
    gutter = length(_get(d, "grid.gutter"), body)
    pitch = length(_get(d, "grid.pitch"), body)
    area_w = columns * chars * body + (columns - 1) * gutter
    if area_w > trim_w:
        raise ValueError(f"the type area ({area_w / MM:.1f} mm) is wider than the trim")
    area_top = length(_get(d, "page.type_area_top"), body)
    area_h = length(_get(d, "page.type_area_height"), body)
    lines = int(area_h // pitch)
    condense = float(d["body"].get("condense", 1.0))
    if not 0.7 <= condense <= 1.0:
        raise ValueError(f"body.condense {condense} is outside 0.7–1.0")
    if pitch < body * condense * 1.2:
        raise ValueError(
            f"grid.pitch {pitch:.2f} pt leaves less than a fifth of the glyph as line gap"
        )
    if lines < 10 or area_top + lines * pitch > trim_h:
        raise ValueError("the type area does not fit the trim height")
    sizes = tuple(size_pt(s) for s in _get(d, "headline.sizes"))
    return Style(
        name=name,
        trim_w=trim_w,
        trim_h=trim_h,
        bleed=length(_get(d, "page.bleed"), None),
        slug=length(_get(d, "page.slug"), None),
        crop_marks=bool(d["page"].get("crop_marks", True)),
        columns=columns,
        chars=chars,
        body_size=body,
        gutter=gutter,
        pitch=pitch,
        lines=lines,
        area_left=(trim_w - area_w) / 2,
        area_top=area_top,
        body_font=_font(_get(d, "body.font")),
        condense=float(d["body"].get("condense", 1.0)),
        indent=length(_get(d, "body.indent"), body) / body,
        typeset=TypesetStyle(
            punct_style=str(d["body"].get("punct_style", "quanjiao")),
            hanging=bool(d["body"].get("hanging", False)),
        ),
        subhead_font=_font(_get(d, "subhead.font")),
        subhead_size=size_pt(_get(d, "subhead.size")),
        subhead_lines=int(_get(d, "subhead.lines")),
        headline_font=_font(_get(d, "headline.font")),
        headline_sizes=sizes,
        headline_min=size_pt(_get(d, "headline.min_size")),
        headline_gap=length(_get(d, "headline.line_gap"), 1.0),
        kicker_font=_font(_get(d, "kicker.font")),
        kicker_scale=float(_get(d, "kicker.scale")),
        kicker_min=size_pt(_get(d, "kicker.min_size")),
        subtitle_font=_font(_get(d, "subtitle.font")),
        subtitle_scale=float(_get(d, "subtitle.scale")),
        subtitle_min=size_pt(_get(d, "subtitle.min_size")),
        byline_font=_font(_get(d, "byline.font")),
        byline_size=size_pt(_get(d, "byline.size")),
        brief_title_font=_font(_get(d, "briefs.title_font")),
        brief_title_size=size_pt(_get(d, "briefs.title_size")),
        brief_title_lines=int(_get(d, "briefs.title_lines")),
        brief_item_font=_font(_get(d, "briefs.item_font")),
        brief_rule=length(_get(d, "briefs.rule"), None),
        brief_tint=float(_get(d, "briefs.title_tint")),
        header_paper_font=_font(_get(d, "header.paper_font")),
        header_paper_size=size_pt(_get(d, "header.paper_size")),
        header_info_font=_font(_get(d, "header.info_font")),
        header_info_size=size_pt(_get(d, "header.info_size")),
        header_rule=length(_get(d, "header.rule"), None),
        gap_lines=int(_get(d, "module.gap_lines")),
        min_lines=int(_get(d, "module.min_lines_per_column")),
        max_lines=int(_get(d, "module.max_lines_per_column")),
        max_pad=int(_get(d, "module.max_pad_lines")),
        press=print_settings(d.get("print")),
    )
