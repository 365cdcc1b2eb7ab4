"""Preflight: the content-stream walk (colour state, text, rules, resources)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from .colour import (
    _CMYK,
    _CS,
    _GRAY,
    _RGB,
    _colour_text,
    _cs_problems,
    _initial_colour,
    _inks,
    _k_only,
    _plates,
    _resolve_cs,
)
from .findings import _MAX_FORM_DEPTH, MM, PreflightSettings, _Findings
from .fontinfo import _FontInfo
from .geometry import (
    _IDENTITY,
    Matrix,
    _apply,
    _get,
    _intersects,
    _matrix,
    _mul,
    _name,
    _num,
    _objkey,
    _Pos,
)

# ---------------------------------------------------------------------------
# The content-stream walk (colour state, text, rules, resources)
# ---------------------------------------------------------------------------


@dataclass
class _GState:
    ctm: Matrix = _IDENTITY
    fill_cs: _CS = _GRAY
    fill: tuple[float, ...] | None = (0.0,)
    stroke_cs: _CS = _GRAY
    stroke: tuple[float, ...] | None = (0.0,)
    lw: float = 1.0
    tr: int = 0
    font: _FontInfo | None = None
    font_key: Any = None
    font_res: str = ""
    tl: float = 0.0

    def copy(self) -> _GState:
        return _GState(**{k: getattr(self, k) for k in self.__dataclass_fields__})


@dataclass
class _PageCtx:
    number: int
    pos: _Pos
    measure: tuple[float, float, float, float]  # rules are checked where they touch this
    x1a: bool
    settings: PreflightSettings
    out: _Findings
    fonts: dict[Any, tuple[_FontInfo, str]] = field(default_factory=dict)  # key → (info, res)
    used_fonts: set[Any] = field(default_factory=set)
    walked: set[Any] = field(default_factory=set)
    res_seen: set[Any] = field(default_factory=set)
    parsed: dict[Any, list] = field(default_factory=dict)
    # the ink proof: most ink any painting inside `measure` puts on each plate, and
    # why the page cannot be proven without a render (empty: it can)
    plate_max: dict[str, float] = field(default_factory=dict)
    unproven: list[str] = field(default_factory=list)
    inked: set[Any] = field(default_factory=set)  # colours already in plate_max
    _k_only_memo: dict[Any, bool] = field(default_factory=dict)

    def k_only(self, cs: _CS, values: tuple[float, ...] | None) -> bool:
        """_k_only, once per colour (a page shows thousands of strings in a few)."""
        key = (cs, values)
        hit = self._k_only_memo.get(key)
        if hit is None:
            hit = self._k_only_memo[key] = _k_only(cs, values)
        return hit

    def ink(self, cs: _CS, values: tuple[float, ...] | None, bbox=None, what: str = "") -> None:
        if bbox is not None and not _intersects(bbox, self.measure):
            return  # printer's marks and slug outside the BleedBox
        if (cs, values) in self.inked:
            return  # the same colour again: nothing new for the bound
        self.inked.add((cs, values))
        plates = _plates(cs, values)
        if plates is None:
            self.unproven.append(what or f"{cs.label} paint")
            return
        for plate, v in plates.items():
            if v > self.plate_max.get(plate, 0.0):
                self.plate_max[plate] = v

    def ink_bound(self) -> float | None:
        """Upper bound of the total ink (%) anywhere inside `measure`, or None."""
        if self.unproven:
            return None
        return 100.0 * sum(self.plate_max.values())


class _Walker:
    """Interprets one content stream (page, form, pattern, appearance) for the checks."""

    def __init__(self, ctx: _PageCtx, resources: Any, where: str, gs: _GState, depth: int):
        self.ctx = ctx
        self.res = resources
        self._tf: dict[str, Any] = {}  # font resource name → its key in ctx.fonts
        self.where = where
        self.gs = gs
        self.depth = depth
        self.stack: list[_GState] = []
        self.tm: Matrix = _IDENTITY
        self.tlm: Matrix = _IDENTITY
        self.path_pts: list[tuple[float, float]] = []
        self.path_rects: list[tuple[float, float, float, float]] = []
        self.path_other = False
        self.op_index = 0
        self.suffix = ""  # where this stream was called from
        self._register_fonts(resources)

    # -- helpers ----------------------------------------------------------
    def _at(self) -> str:
        return f"{self.where} op {self.op_index}{self.suffix}"

    def _err(self, check, message, where=None, merge=True):
        self.ctx.out.error(self.ctx.number, check, message, where or self._at(), merge)

    def _warn(self, check, message, where=None, merge=True):
        self.ctx.out.warning(self.ctx.number, check, message, where or self._at(), merge)

    def _report(self, problems, where=None, check="colour"):
        for sev, msg in problems:
            self.ctx.out.add(sev, self.ctx.number, check, msg, where or self._at())

    def _register_fonts(self, resources, depth: int = 0) -> None:
        """Every font in these resources and, recursively, in the resources of their
        form XObjects, tiling patterns and Type 3 fonts (shown or not)."""
        if resources is None or depth > _MAX_FORM_DEPTH:
            return
        rkey = _objkey(resources)
        if rkey is not None:
            if rkey in self.ctx.res_seen:
                return
            self.ctx.res_seen.add(rkey)
        try:
            fonts = list(_get(resources, "/Font", {}).items())
            subs = list(_get(resources, "/XObject", {}).values())
            subs += list(_get(resources, "/Pattern", {}).values())
        except Exception:
            return
        for res_name, font in fonts:
            key = _objkey(font) or ("direct", res_name, str(_get(font, "/BaseFont", "")))
            if key not in self.ctx.fonts:
                info = _FontInfo(font)
                self.ctx.fonts[key] = (info, res_name)
                if info.type3:
                    self._register_fonts(_get(font, "/Resources"), depth + 1)
        for sub in subs:
            if str(_get(sub, "/Subtype", "")) == "/Form" or _get(sub, "/PatternType") is not None:
                self._register_fonts(_get(sub, "/Resources"), depth + 1)

    # -- the walk ---------------------------------------------------------
    def run(self, instructions) -> None:
        from .kinds import inline_image_type

        ops = self.OPS
        inline = inline_image_type()  # None: no inline image can be here
        for i, ins in enumerate(instructions):
            self.op_index = i
            if inline is not None and isinstance(ins, inline):
                self._inline_image(ins)
                continue
            operands, operator = ins
            # a page we wrote hands its instructions as (list, str): no copies
            handler = ops.get(operator if type(operator) is str else str(operator))
            if handler is not None:
                try:
                    handler(self, operands if type(operands) is list else list(operands))
                except (IndexError, TypeError, ValueError, AttributeError):
                    self._warn("content", f"malformed operands for operator {operator}")

    # graphics state
    def op_q(self, ops):
        self.stack.append(self.gs.copy())

    def op_Q(self, ops):
        if self.stack:
            self.gs = self.stack.pop()

    def op_cm(self, ops):
        m = _matrix(ops)
        if m is not None:
            self.gs.ctm = _mul(m, self.gs.ctm)

    def op_w(self, ops):
        self.gs.lw = abs(_num(ops[0], 1.0))

    def op_gs(self, ops):
        name = str(ops[0])
        egs = _get(_get(self.res, "/ExtGState"), name)
        if egs is None:
            self._err("content", f"ExtGState {name} is not defined in the resources")
            return
        if _get(egs, "/LW") is not None:
            self.gs.lw = abs(_num(egs.LW, self.gs.lw))
        fnt = _get(egs, "/Font")
        if fnt is not None:
            try:
                self._set_font(fnt[0], _num(fnt[1], 0), f"ExtGState {name}")
            except Exception:
                pass
        where = f"ExtGState {name}, {self._at()}"
        if self.ctx.x1a:
            for key in ("/ca", "/CA"):
                v = _get(egs, key)
                if v is not None and _num(v, 1.0) < 1.0:
                    self._err("transparency", f"constant alpha {key[1:]} {_num(v):g}", where)
            sm = _get(egs, "/SMask")
            if sm is not None and _name(sm) != "/None":
                self._err("transparency", "soft mask (SMask)", where)
            bm = _get(egs, "/BM")
            if bm is not None:
                modes = [str(x) for x in bm] if not _name(bm) else [str(bm)]
                if modes and modes[0] not in ("/Normal", "/Compatible"):
                    self._err("transparency", f"blend mode {modes[0]}", where)
        for key in ("/TR", "/TR2"):
            v = _get(egs, key)
            if v is not None and _name(v) not in ("/Identity", "/Default"):
                self._err("content", f"transfer function {key[1:]}", where)
        if _get(egs, "/HT") is not None and _name(egs.HT) != "/Default":
            self._warn("content", "halftone (HT) in the file overrides the RIP's screening", where)

    # colour
    def _set_cs(self, ops, stroke: bool):
        cs = _resolve_cs(ops[0], self.res)
        self._report(_cs_problems(cs, self.ctx.x1a))
        values = None if cs.kind == "pattern" else _initial_colour(cs)
        if stroke:
            self.gs.stroke_cs, self.gs.stroke = cs, values
        else:
            self.gs.fill_cs, self.gs.fill = cs, values

    def op_cs(self, ops):
        self._set_cs(ops, False)

    def op_CS(self, ops):
        self._set_cs(ops, True)

    def _set_sc(self, ops, stroke: bool):
        from .kinds import is_name

        if ops and is_name(ops[-1]):
            self._pattern(str(ops[-1]))
            values = None
        else:
            values = tuple(_num(x) for x in ops)
        if stroke:
            self.gs.stroke = values
        else:
            self.gs.fill = values

    def op_sc(self, ops):
        self._set_sc(ops, False)

    def op_scn(self, ops):
        self._set_sc(ops, False)

    def op_SC(self, ops):
        self._set_sc(ops, True)

    def op_SCN(self, ops):
        self._set_sc(ops, True)

    def op_g(self, ops):
        self.gs.fill_cs, self.gs.fill = _GRAY, (_num(ops[0]),)

    def op_G(self, ops):
        self.gs.stroke_cs, self.gs.stroke = _GRAY, (_num(ops[0]),)

    def op_k(self, ops):
        self.gs.fill_cs, self.gs.fill = _CMYK, tuple(_num(x) for x in ops[:4])

    def op_K(self, ops):
        self.gs.stroke_cs, self.gs.stroke = _CMYK, tuple(_num(x) for x in ops[:4])

    def _rgb(self, ops, op: str):
        values = tuple(_num(x) for x in ops[:3])
        self._err("colour", f"DeviceRGB colour operator {op}")
        return values

    def op_rg(self, ops):
        self.gs.fill_cs, self.gs.fill = _RGB, self._rgb(ops, "rg")

    def op_RG(self, ops):
        self.gs.stroke_cs, self.gs.stroke = _RGB, self._rgb(ops, "RG")

    def _pattern(self, name: str):
        pat = _get(_get(self.res, "/Pattern"), name)
        if pat is None:
            self._err("content", f"pattern {name} is not defined in the resources")
            return
        where = f"pattern {name}, {self._at()}"
        ptype = int(_num(_get(pat, "/PatternType"), 0))
        if ptype == 2:
            self._shading(_get(pat, "/Shading"), where)
        elif ptype == 1:
            key = _objkey(pat)
            if key in self.ctx.walked or self.depth >= _MAX_FORM_DEPTH:
                return
            if key is not None:
                self.ctx.walked.add(key)
            self._sub_stream(pat, _get(pat, "/Resources"), f"tiling pattern {name}", _GState())

    def _shading(self, sh, where):
        if sh is None:
            return
        self.ctx.unproven.append(f"a shading ({where})")
        cs = _resolve_cs(_get(sh, "/ColorSpace"), self.res)
        self._report([(s, f"shading in {m}") for s, m in _cs_problems(cs, self.ctx.x1a)], where)

    def op_sh(self, ops):
        name = str(ops[0])
        sh = _get(_get(self.res, "/Shading"), name)
        if sh is None:
            self._err("content", f"shading {name} is not defined in the resources")
            return
        self._shading(sh, f"shading {name}, {self._at()}")

    # text
    def op_BT(self, ops):
        self.tm = self.tlm = _IDENTITY

    def op_ET(self, ops):
        pass

    def _set_font(self, font, size, res_name):
        key = _objkey(font) or ("direct", res_name, str(_get(font, "/BaseFont", "")))
        if key not in self.ctx.fonts:
            self.ctx.fonts[key] = (_FontInfo(font), res_name)
        self.gs.font = self.ctx.fonts[key][0]
        self.gs.font_key = key
        self.gs.font_res = res_name

    def op_Tf(self, ops):
        name = str(ops[0])
        key = self._tf.get(name)  # this stream's resources looked up before
        if key is not None:
            gs = self.gs
            gs.font, gs.font_key, gs.font_res = self.ctx.fonts[key][0], key, name
            return
        font = _get(_get(self.res, "/Font"), name)
        if font is None:
            self._err("fonts", f"font resource {name} is not defined")
            self.gs.font = self.gs.font_key = None
            return
        self._set_font(font, _num(ops[1]), name)
        self._tf[name] = self.gs.font_key

    def op_Tr(self, ops):
        self.gs.tr = int(_num(ops[0]))

    def op_TL(self, ops):
        self.gs.tl = _num(ops[0])

    def op_Tm(self, ops):
        m = _matrix(ops)
        if m is not None:
            self.tm = self.tlm = m

    def op_Td(self, ops):
        self.tlm = _mul((1.0, 0.0, 0.0, 1.0, _num(ops[0]), _num(ops[1])), self.tlm)
        self.tm = self.tlm

    def op_TD(self, ops):
        self.gs.tl = -_num(ops[1])
        self.op_Td(ops)

    def op_Tstar(self, ops):
        self.op_Td([0.0, -self.gs.tl])

    def op_Tj(self, ops):
        self._show([ops[0]])

    def op_TJ(self, ops):
        from .kinds import is_string

        arr = ops[0]
        self._show([x for x in arr if is_string(x)])

    def op_quote(self, ops):
        self.op_Tstar([])
        self._show([ops[-1]])

    def _show(self, strings):
        gs = self.gs
        if gs.tr in (3, 7):  # invisible (7: clip only)
            return
        data = bytes(strings[0]) if len(strings) == 1 else b"".join(bytes(s) for s in strings)
        if not data:
            return
        if gs.font_key is not None:
            self.ctx.used_fonts.add(gs.font_key)
        fills = gs.tr in (0, 2, 4, 6)
        strokes = gs.tr in (1, 2, 5, 6)
        if fills:
            self.ctx.ink(gs.fill_cs, gs.fill, None, "text in a pattern or spot colour")
        if strokes:
            self.ctx.ink(gs.stroke_cs, gs.stroke, None, "text in a pattern or spot colour")
        bad = []
        if fills and not self.ctx.k_only(gs.fill_cs, gs.fill):
            bad.append(("fill", gs.fill_cs, gs.fill))
        if strokes and not self.ctx.k_only(gs.stroke_cs, gs.stroke):
            bad.append(("stroke", gs.stroke_cs, gs.stroke))
        if not bad:
            return
        x, y = _apply(_mul(self.tm, gs.ctm), 0.0, 0.0)
        sample = gs.font.decode(data) if gs.font is not None else ""
        where = f"'{sample}' at {self.ctx.pos.point(x, y)}, {self._at()}"
        for what, cs, values in bad:
            self._err(
                "text-colour",
                f"text {what} {_colour_text(cs, values)} is not K only",
                where,
            )

    # paths and rules
    def op_m(self, ops):
        self.path_pts.append(_apply(self.gs.ctm, _num(ops[0]), _num(ops[1])))
        self.path_other = True

    op_l = op_m

    def op_c(self, ops):
        for i in range(0, len(ops) - 1, 2):
            self.path_pts.append(_apply(self.gs.ctm, _num(ops[i]), _num(ops[i + 1])))
        self.path_other = True

    op_v = op_c
    op_y = op_c

    def op_re(self, ops):
        x, y, w, h = (_num(v) for v in ops[:4])
        pts = [
            _apply(self.gs.ctm, px, py)
            for px, py in ((x, y), (x + w, y), (x, y + h), (x + w, y + h))
        ]
        self.path_pts.extend(pts)
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        self.path_rects.append((min(xs), min(ys), max(xs), max(ys)))

    def op_h(self, ops):
        pass

    def _end_path(self):
        self.path_pts = []
        self.path_rects = []
        self.path_other = False

    def _path_bbox(self):
        if not self.path_pts:
            return None
        xs = [p[0] for p in self.path_pts]
        ys = [p[1] for p in self.path_pts]
        return (min(xs), min(ys), max(xs), max(ys))

    def _paint_ink(self, fill: bool, stroke: bool) -> None:
        bbox = self._path_bbox()
        if bbox is None:
            return
        if stroke:  # a stroke reaches half its width beyond the path
            a, b, c, d = self.gs.ctm[:4]
            half = self.gs.lw * math.sqrt(abs(a * d - b * c)) / 2
            grown = (bbox[0] - half, bbox[1] - half, bbox[2] + half, bbox[3] + half)
            self.ctx.ink(self.gs.stroke_cs, self.gs.stroke, grown, "a pattern or spot stroke")
        if fill:
            self.ctx.ink(self.gs.fill_cs, self.gs.fill, bbox, "a pattern or spot fill")

    def _stroke(self):
        bbox = self._path_bbox()
        if bbox is None:
            return
        if not _intersects(bbox, self.ctx.measure):
            return  # printer's marks and slug between the BleedBox and the MediaBox
        a, b, c, d = self.gs.ctm[:4]
        width = self.gs.lw * math.sqrt(abs(a * d - b * c))
        self._rule(width, bbox, "stroke", self.gs.stroke_cs, self.gs.stroke)

    def _rule(self, width, bbox, kind, cs, values):
        s = self.ctx.settings
        where = f"{self.ctx.pos.box(bbox)}, {self._at()}"
        if width < s.min_rule_error:
            what = "hairline (zero width)" if width == 0 else f"{width:.2f} pt"
            self._err("rules", f"{kind} {what} is thinner than {s.min_rule_error:g} pt", where)
        elif width < s.min_rule_warn:
            self._warn(
                "rules", f"{kind} {width:.2f} pt is thinner than {s.min_rule_warn:g} pt", where
            )
        if width <= s.single_ink_rule_max and _inks(cs, values) > 1:
            self._warn(
                "rules",
                f"{kind} {width:.2f} pt in {_colour_text(cs, values)}: "
                f"rules up to {s.single_ink_rule_max:g} pt should use one ink",
                where,
            )

    def _fill(self):
        if self.path_other or not self.path_rects:
            return
        s = self.ctx.settings
        for r in self.path_rects:
            short = min(r[2] - r[0], r[3] - r[1])
            long_ = max(r[2] - r[0], r[3] - r[1])
            if 0 < short < s.min_rule_warn and long_ >= MM and _intersects(r, self.ctx.measure):
                self._rule(short, r, "filled rule", self.gs.fill_cs, self.gs.fill)

    def op_S(self, ops):
        self._paint_ink(False, True)
        self._stroke()
        self._end_path()

    op_s = op_S

    def op_f(self, ops):
        self._paint_ink(True, False)
        self._fill()
        self._end_path()

    op_F = op_f
    op_fstar = op_f

    def op_B(self, ops):
        self._paint_ink(True, True)
        self._stroke()
        self._end_path()

    op_Bstar = op_B
    op_b = op_B
    op_bstar = op_B

    def op_n(self, ops):
        self._end_path()

    # XObjects
    def op_Do(self, ops):
        name = str(ops[0])
        xo = _get(_get(self.res, "/XObject"), name)
        if xo is None:
            self._err("content", f"XObject {name} is not defined in the resources")
            return
        sub = str(_get(xo, "/Subtype", ""))
        where = f"XObject {name}, {self._at()}"
        if _get(xo, "/OPI") is not None:
            self._err("content", "OPI reference", where)
        if sub == "/Image":
            self._image(xo, where)
        elif sub == "/Form":
            if str(_get(xo, "/Subtype2", "")) == "/PS":
                self._err("content", "PostScript form XObject", where)
            grp = _get(xo, "/Group")
            if self.ctx.x1a and grp is not None and str(_get(grp, "/S", "")) == "/Transparency":
                self._err("transparency", "transparency group on a form XObject", where)
            if self.depth >= _MAX_FORM_DEPTH:
                self._warn("content", "form XObjects nested too deeply to check", where)
                return
            gs = self.gs.copy()
            m = _matrix(_get(xo, "/Matrix", [])) or _IDENTITY
            gs.ctm = _mul(m, gs.ctm)
            res = _get(xo, "/Resources", self.res)
            self._sub_stream(xo, res, f"form {name}", gs)
        elif sub == "/PS":
            self._err("content", "PostScript XObject", where)

    def _sub_stream(self, stream, resources, where, gs):
        from .kinds import instructions

        key = _objkey(stream)
        instr = self.ctx.parsed.get(key) if key is not None else None
        if instr is None:
            try:
                instr = instructions(stream)
            except Exception as exc:
                self._err("content", f"cannot parse content stream: {exc}", where)
                instr = []
            if key is not None:
                self.ctx.parsed[key] = instr
        sub = _Walker(self.ctx, resources, where, gs, self.depth + 1)
        sub.suffix = f" (from {self._at()})"
        sub.run(instr)

    def _image(self, xo, where):
        if self.ctx.x1a and _get(xo, "/SMask") is not None:
            self._err("transparency", "image with a soft mask (SMask)", where)
        if _get(xo, "/ImageMask") is not None and bool(xo.ImageMask):
            self.ctx.ink(self.gs.fill_cs, self.gs.fill, None, "a stencil mask in a pattern")
            return  # stencil mask: painted in the current fill colour
        self.ctx.unproven.append(f"an image ({where})")
        cs_obj = _get(xo, "/ColorSpace")
        if cs_obj is None:
            if "/JPXDecode" not in _filters(xo):
                self._warn("colour", "image without a colour space", where)
            return
        cs = _resolve_cs(cs_obj, self.res)
        self._report([(s, f"image in {m}") for s, m in _cs_problems(cs, self.ctx.x1a)], where)

    def _inline_image(self, ins):
        import pikepdf

        where = f"inline image, {self._at()}"
        try:
            img = ins.iimage
            if img.image_mask:
                self.ctx.ink(self.gs.fill_cs, self.gs.fill, None, "a stencil mask in a pattern")
                return
        except Exception:
            self.ctx.unproven.append(where)
            return
        self.ctx.unproven.append(where)
        try:
            cs_name = img.colorspace
        except Exception:
            return
        if cs_name is None:
            return
        cs = _resolve_cs(pikepdf.Name(cs_name), self.res)
        self._report([(s, f"image in {m}") for s, m in _cs_problems(cs, self.ctx.x1a)], where)


_Walker.OPS = {
    "q": _Walker.op_q,
    "Q": _Walker.op_Q,
    "cm": _Walker.op_cm,
    "w": _Walker.op_w,
    "gs": _Walker.op_gs,
    "cs": _Walker.op_cs,
    "CS": _Walker.op_CS,
    "sc": _Walker.op_sc,
    "scn": _Walker.op_scn,
    "SC": _Walker.op_SC,
    "SCN": _Walker.op_SCN,
    "g": _Walker.op_g,
    "G": _Walker.op_G,
    "k": _Walker.op_k,
    "K": _Walker.op_K,
    "rg": _Walker.op_rg,
    "RG": _Walker.op_RG,
    "sh": _Walker.op_sh,
    "BT": _Walker.op_BT,
    "ET": _Walker.op_ET,
    "Tf": _Walker.op_Tf,
    "Tr": _Walker.op_Tr,
    "TL": _Walker.op_TL,
    "Tm": _Walker.op_Tm,
    "Td": _Walker.op_Td,
    "TD": _Walker.op_TD,
    "T*": _Walker.op_Tstar,
    "Tj": _Walker.op_Tj,
    "TJ": _Walker.op_TJ,
    "'": _Walker.op_quote,
    '"': _Walker.op_quote,
    "m": _Walker.op_m,
    "l": _Walker.op_l,
    "c": _Walker.op_c,
    "v": _Walker.op_v,
    "y": _Walker.op_y,
    "re": _Walker.op_re,
    "h": _Walker.op_h,
    "S": _Walker.op_S,
    "s": _Walker.op_s,
    "f": _Walker.op_f,
    "F": _Walker.op_F,
    "f*": _Walker.op_fstar,
    "B": _Walker.op_B,
    "B*": _Walker.op_Bstar,
    "b": _Walker.op_b,
    "b*": _Walker.op_bstar,
    "n": _Walker.op_n,
    "Do": _Walker.op_Do,
}


def _filters(stream) -> list[str]:
    f = _get(stream, "/Filter")
    if f is None:
        return []
    if _name(f):
        return [str(f)]
    try:
        return [str(x) for x in f]
    except TypeError:
        return []
