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
    # page 1's masthead (layout/makeup/masthead.py): the paper's name, its info lines
    masthead_font: FontRef = ("hei", "bold")
    masthead_size: float = 72.0
    masthead_info_size: float = 10.5

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
                    self.masthead_font,
                ]
            )
        )


_BUILTIN_NAME = re.compile(r"[A-Za-z0-9_-]+")


class _Source:
    """Where each setting of a style comes from: dotted field → (file, line)."""

    def __init__(self) -> None:
        self.lines: dict[str, tuple[Path, int]] = {}
        self.last: str | None = None  # the field `_get` read last (named in errors)


_SOURCE = _Source()


def builtin_styles() -> list[str]:
    return [p.stem for p in sorted(STYLES_DIR.glob("*.yaml"))]


def resolve_style(name: str, base: Path | None = None, *, exists: bool = True) -> Path:
    """The file of a style: a built-in name (tabloid), or a file inside `base`
    (the edition folder) after resolving symlinks. Nothing outside is read."""
    name = str(name)
    if _BUILTIN_NAME.fullmatch(name) and (STYLES_DIR / f"{name}.yaml").is_file():
        return STYLES_DIR / f"{name}.yaml"
    return _inside(base or Path.cwd(), Path(name), f"style '{name}'", exists=exists)


def _inside(top: Path, rel: Path, what: str, *, exists: bool = True) -> Path:
    known = ", ".join(builtin_styles())
    if rel.is_absolute():
        raise StyleError(
            f"{what} must be a built-in style ({known}) or a file inside the edition folder, "
            "not an absolute path"
        )
    try:
        real = (top / rel).resolve()
        root = top.resolve()
    except (OSError, RuntimeError):
        raise StyleError(f"{what} cannot be resolved (a symlink loop?)") from None
    if root not in real.parents:
        raise StyleError(f"{what} leads outside the edition folder; refused")
    if exists and not real.is_file():
        raise StyleError(f"{what} is neither a built-in style ({known}) nor a file")
    return real


def load_style(name_or_path: str, base: Path | None = None) -> Style:
    """A built-in style name (tabloid) or a file inside `base` (the edition folder)."""
    path = resolve_style(name_or_path, base)
    top = STYLES_DIR if path.parent == STYLES_DIR else (base or Path.cwd()).resolve()
    source = _Source()
    data = _read(path, set(), top, source)
    _SOURCE.__dict__.update(source.__dict__)
    try:
        return _build(path.stem, data)
    except _FieldError as exc:
        raise StyleError(_where(path, exc.field, str(exc))) from None
    except KeyError as exc:
        raise StyleError(f"{path}: {exc.args[0]}") from None
    except (TypeError, ValueError, ArithmeticError) as exc:
        raise StyleError(_where(path, _SOURCE.last, _short(exc))) from None
    finally:
        _SOURCE.last = None


class _FieldError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _where(path: Path, field: str | None, message: str) -> str:
    if field is None:
        return f"{path}: {message}"
    file, line = _SOURCE.lines.get(field, (path, None))
    at = f"{file}:{line}" if line else str(file)
    return f"{at}: field '{field}': {message}"


def _short(exc: BaseException) -> str:
    text = str(exc)
    if "invalid literal" in text or "could not convert" in text:
        value = text.rsplit(": ", 1)[-1]
        return f"must be a number, not {value[:40]}"
    return text[:200]


def _read(path: Path, seen: set[Path], top: Path, source: _Source) -> dict:
    """A style file's settings, over those of the style it `extends` (if any).

    Syntax errors give the line, never the line's text (a style could be any
    file by mistake, and its content is not ours to print).
    """
    import yaml

    from .content.fields import compose_yaml

    if path in seen:
        raise StyleError(f"{path}: 'extends' loops back to itself")
    seen.add(path)
    try:
        text = path.read_text(encoding="utf-8")
        node = compose_yaml(text)  # libyaml's composer when present (same nodes, marks)
        data = yaml.SafeLoader("").construct_document(node) if node is not None else None
    except OSError as exc:
        raise StyleError(
            f"{path}: cannot read style: {exc.strerror or type(exc).__name__}"
        ) from None
    except UnicodeDecodeError:
        raise StyleError(f"{path}: cannot read style: not UTF-8 text") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = f"{path}:{mark.line + 1}" if mark else str(path)
        raise StyleError(f"{at}: YAML syntax error: {exc.problem or exc.context}") from None
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        raise StyleError(f"{path}: cannot read style: {type(exc).__name__}") from None
    if not isinstance(data, dict):
        raise StyleError(f"{path}: a style file is a mapping of sections")
    lines: dict[str, tuple[Path, int]] = {}
    _record_lines(node, "", path, lines)
    parent = data.pop("extends", None)
    if parent is None:
        source.lines.update(lines)
        return data
    parent = str(parent)
    if _BUILTIN_NAME.fullmatch(parent) and (STYLES_DIR / f"{parent}.yaml").is_file():
        base = STYLES_DIR / f"{parent}.yaml"
        base_top = STYLES_DIR
    else:
        try:
            base = _inside(top, path.parent.relative_to(top) / parent, f"style '{parent}'")
        except (StyleError, ValueError) as exc:
            line = lines.get("extends", (path, None))[1]
            raise StyleError(f"{path}:{line}: field 'extends': {exc}") from None
        base_top = top
    merged = _merge(_read(base, seen, base_top, source), data)
    source.lines.update(lines)
    return merged


def _record_lines(node, prefix: str, path: Path, out: dict[str, tuple[Path, int]]) -> None:
    from yaml.nodes import MappingNode

    if not isinstance(node, MappingNode):
        return
    for knode, vnode in node.value:
        key = prefix + str(knode.value)
        out[key] = (path, knode.start_mark.line + 1)
        _record_lines(vnode, key + ".", path, out)


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _get(data: dict, dotted: str, default=KeyError):
    """The setting at `dotted` (section.key); remembered for error messages."""
    _SOURCE.last = dotted
    node = data
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            if default is not KeyError:
                return default
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
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise ValueError("must be a font role (song) or [role, weight]")
    role, weight = value
    return (str(role), str(weight))


def _int(value) -> int:
    """A whole number; true/false and fractions are refused."""
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise ValueError(f"must be a whole number, not {str(value)[:40]}")
    if isinstance(value, int | float):
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    raise ValueError(f"must be a whole number, not {str(value)[:40]}")


def _float(value) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"must be a number, not {str(value)[:40]}")
    try:
        out = float(value)
    except ValueError:
        raise ValueError(f"must be a number, not {str(value)[:40]}") from None
    if out != out or out in (float("inf"), float("-inf")):
        raise ValueError(f"must be a number, not {value}")
    return out


def _in(value: float, lo: float, hi: float, unit: str = "") -> float:
    """`value` if lo <= value <= hi (the field is the one read last), else an error."""
    if not lo <= value <= hi:
        raise ValueError(f"must be between {lo:g} and {hi:g}{unit}, not {value:g}{unit}")
    return value


def _size(d: dict, dotted: str, lo: float = 4, hi: float = 144) -> float:
    return _in(size_pt(_get(d, dotted)), lo, hi, " pt")


def _len(d: dict, dotted: str, em: float | None, lo: float, hi: float) -> float:
    return _in(length(_get(d, dotted), em), lo, hi, " pt")


def _count(d: dict, dotted: str, lo: int, hi: int) -> int:
    return int(_in(_int(_get(d, dotted)), lo, hi))


def _build(name: str, d: dict) -> Style:
    body = _size(d, "grid.body_size", 4, 36)
    trim = _get(d, "page.trim")
    if not isinstance(trim, list) or len(trim) != 2:
        raise ValueError("must be [width, height], e.g. [270mm, 390mm]")
    trim_w, trim_h = (_in(length(v, None), 100, 6000, " pt") for v in trim)
    columns = _count(d, "grid.columns", 1, 24)
    chars = _count(d, "grid.chars_per_column", 2, 80)
    gutter = _len(d, "grid.gutter", body, 0, 72)
    pitch = _len(d, "grid.pitch", body, 1, 72)
    area_w = columns * chars * body + (columns - 1) * gutter
    if area_w > trim_w:
        raise _FieldError("grid", f"the type area ({area_w / MM:.1f} mm) is wider than the trim")
    area_top = _len(d, "page.type_area_top", body, 0, trim_h)
    area_h = _len(d, "page.type_area_height", body, 0, trim_h)
    lines = int(area_h // pitch)
    condense = _in(_float(_get(d, "body.condense", 1.0)), 0.7, 1.0)
    if pitch < body * condense * 1.2:
        raise _FieldError(
            "grid.pitch", f"{pitch:.2f} pt leaves less than a fifth of the glyph as line gap"
        )
    if lines < 10 or area_top + lines * pitch > trim_h:
        raise _FieldError("page.type_area_height", "the type area does not fit the trim height")
    sizes = _get(d, "headline.sizes")
    if not isinstance(sizes, list) or not sizes:
        raise ValueError("must be a list of sizes, e.g. [小初, 一号, 二号]")
    sizes = tuple(_in(size_pt(s), 4, 144, " pt") for s in sizes)
    min_lines = _count(d, "module.min_lines_per_column", 1, lines)
    max_lines = _count(d, "module.max_lines_per_column", min_lines, 10_000)
    punct = str(_get(d, "body.punct_style", "quanjiao"))
    if punct not in ("quanjiao", "kaiming", "banjiao"):
        raise ValueError(f"must be quanjiao, kaiming or banjiao, not {punct[:40]}")
    return Style(
        name=name,
        trim_w=trim_w,
        trim_h=trim_h,
        bleed=_len(d, "page.bleed", None, 0, 72),
        slug=_len(d, "page.slug", None, 0, 144),
        crop_marks=bool(_get(d, "page.crop_marks", True)),
        columns=columns,
        chars=chars,
        body_size=body,
        gutter=gutter,
        pitch=pitch,
        lines=lines,
        area_left=(trim_w - area_w) / 2,
        area_top=area_top,
        body_font=_font(_get(d, "body.font")),
        condense=condense,
        indent=_len(d, "body.indent", body, 0, 8 * body) / body,
        typeset=TypesetStyle(
            punct_style=punct,
            hanging=bool(_get(d, "body.hanging", False)),
            max_char_shrink=_in(
                _float(_get(d, "body.max_char_shrink", TypesetStyle.max_char_shrink)), 0.0, 0.1
            ),
        ),
        subhead_font=_font(_get(d, "subhead.font")),
        subhead_size=_size(d, "subhead.size"),
        subhead_lines=_count(d, "subhead.lines", 1, 4),
        headline_font=_font(_get(d, "headline.font")),
        headline_sizes=sizes,
        headline_min=_size(d, "headline.min_size"),
        headline_gap=_len(d, "headline.line_gap", 1.0, 0, 2),
        kicker_font=_font(_get(d, "kicker.font")),
        kicker_scale=_in(_float(_get(d, "kicker.scale")), 0.1, 1.0),
        kicker_min=_size(d, "kicker.min_size"),
        subtitle_font=_font(_get(d, "subtitle.font")),
        subtitle_scale=_in(_float(_get(d, "subtitle.scale")), 0.1, 1.0),
        subtitle_min=_size(d, "subtitle.min_size"),
        byline_font=_font(_get(d, "byline.font")),
        byline_size=_size(d, "byline.size", 4, 72),
        brief_title_font=_font(_get(d, "briefs.title_font")),
        brief_title_size=_size(d, "briefs.title_size"),
        brief_title_lines=_count(d, "briefs.title_lines", 1, 12),
        brief_item_font=_font(_get(d, "briefs.item_font")),
        brief_rule=_len(d, "briefs.rule", None, 0, 12),
        brief_tint=_in(_float(_get(d, "briefs.title_tint")), 0.0, 1.0),
        header_paper_font=_font(_get(d, "header.paper_font")),
        header_paper_size=_size(d, "header.paper_size"),
        header_info_font=_font(_get(d, "header.info_font")),
        header_info_size=_size(d, "header.info_size", 4, 72),
        header_rule=_len(d, "header.rule", None, 0, 12),
        gap_lines=_count(d, "module.gap_lines", 0, 12),
        min_lines=min_lines,
        max_lines=max_lines,
        max_pad=_count(d, "module.max_pad_lines", 0, 24),
        press=print_settings(d.get("print")),
        masthead_font=_font(_get(d, "masthead.name_font", ["hei", "bold"])),
        masthead_size=_in(size_pt(_get(d, "masthead.name_size", 72)), 12, 400, " pt"),
        masthead_info_size=_in(size_pt(_get(d, "masthead.info_size", 10.5)), 4, 72, " pt"),
    )
