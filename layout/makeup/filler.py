"""Fillers: the house items of an edition's `fillers/` folder, put in the hole a
short page's copy leaves (the last of the short-page steps, issue 10).

A filler is chosen by the hole's size, columns × lines: a notice (text) set in
the brief block's frame at the hole's span, with at least half the hole's
lines of its own; or a picture (an image or a PDF page) scaled whole into the
hole, covering at least half of it. Of those that fit, the one that fills
most goes in; with none, the hole stays (待补 N 字) and the page is not ready.
A filler's text belongs to no article: it is furniture, like the 导读 box.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..copy import BodyItem, Copy
from ..fonts import FontSet
from ..model import Article, Filler, PageSpec
from ..style import Style
from ..typeset import set_paragraph
from .briefs import BriefBlock
from .display import Form, Image
from .hole import Hole
from .module import Module, Option, Part, Placed

LEAST_SHARE = 0.5  # of the hole a filler must fill


class NoticeFiller(BriefBlock):
    """A text filler: its title in the brief block's bar, its paragraphs below."""

    kind = "filler"
    fills_frame = True

    def __init__(self, filler: Filler, style: Style, fonts: FontSet, page: PageSpec):
        article = Article(
            filler.id, filler.path, page.section, 10**6, "brief", filler.headline or "", ()
        )
        measure = float(style.chars - 1)  # half an em of air inside the frame each side
        body_m = fonts.face(*style.body_font).metrics
        copy = Copy(article, 99, [], style.body_font, measure)
        for n, block in enumerate(filler.blocks):
            para = set_paragraph(block.text, body_m, measure, style=style.typeset)
            copy.body.extend(BodyItem("line", (ln,), 1, n) for ln in para.lines)
            copy.missing.extend((ch, n) for ch in para.missing)
        super().__init__(copy, style, fonts, page)
        self.title = filler.headline or ""
        self.filler = filler

    def item_article(self, item: BodyItem) -> str:
        return self.id

    def part_of(self, para: int) -> str:
        return self.id

    def parts(self) -> list[Part]:
        return []

    def fitted(self, span: int, depth: int) -> Option | None:
        """Its option at `span` that fills `depth` lines best (its own lines at
        least half of them), deepened with air to the hole's foot."""
        fits = [o for o in self.options(span) if o.depth <= depth and not o.pad]
        if not fits:
            return None
        best = max(fits, key=lambda o: o.depth)
        if best.depth < LEAST_SHARE * depth:
            return None
        return replace(best, depth=depth, pad=depth - best.depth)


class PictureFiller(Module):
    """A picture filler, scaled whole into the hole and centred in it."""

    kind = "filler"
    fills_frame = True

    def __init__(self, filler: Filler, style: Style, page: PageSpec):
        article = Article(filler.id, filler.path, page.section, 10**6, "brief", "", ())
        super().__init__(Copy(article, 99, [], style.body_font, float(style.chars)), style)
        self.filler = filler

    def heads(self, span: int):
        return []

    def options(self, span: int) -> list[Option]:
        return []

    def parts(self) -> list[Part]:
        return []

    def _placed_size(self, w: float, h: float) -> tuple[float, float]:
        iw, ih = self.filler.size
        scale = min(w / iw, h / ih)
        return iw * scale, ih * scale

    def share(self, span: int, depth: int) -> float:
        """How much of a hole of span × depth the picture covers, scaled whole."""
        st = self.style
        w, h = st.span_width(span), depth * st.pitch - st.pitch / 2
        fw, fh = self._placed_size(w, h)
        return fw * fh / (w * h)

    def fitted(self, span: int, depth: int) -> Option | None:
        if self.share(span, depth) < LEAST_SHARE:
            return None
        return Option(span, depth, None, 0, 0, depth, 0.0)

    def draw(self, p: Placed, paint) -> None:
        st = self.style
        x, y, w, h = p.frame(st)
        h -= st.pitch / 2  # half a line of air at the foot, as a framed module
        fw, fh = self._placed_size(w, h)
        fx, fy = x + (w - fw) / 2, y + (h - fh) / 2
        if self.filler.kind == "pdf":
            paint.display.forms.append(Form(fx, fy, fw, fh, self.filler.path, self.filler.sha256))
        else:
            paint.image(Image(fx, fy, fw, fh, self.filler.path))


def filler_modules(
    fillers: tuple[Filler, ...], style: Style, fonts: FontSet, page: PageSpec
) -> list[tuple[Filler, Module]]:
    """Each filler as the module that draws it in a hole."""
    return [
        (
            f,
            PictureFiller(f, style, page)
            if f.kind != "text"
            else NoticeFiller(f, style, fonts, page),
        )
        for f in fillers
    ]


def filler_fits(
    fillers: tuple[Filler, ...], style: Style, fonts: FontSet, page: PageSpec
) -> Callable[[int, int], bool] | None:
    """Whether some filler fits a hole of span × depth (None: the edition has
    no fillers), for the search to prefer a hole a filler fills (hole.py)."""
    if not fillers:
        return None
    mods = [md for _, md in filler_modules(fillers, style, fonts, page)]
    memo: dict[tuple[int, int], bool] = {}

    def fits(span: int, depth: int) -> bool:
        key = (span, depth)
        if key not in memo:
            memo[key] = any(md.fitted(span, depth) is not None for md in mods)
        return memo[key]

    return fits


def fill_holes(
    mods: list[Module],
    placed: list[Placed],
    fillers: tuple[Filler, ...],
    style: Style,
    fonts: FontSet,
    page: PageSpec,
) -> tuple[list[Module], list[Placed], list[str]]:
    """The modules and placements with a filler in each hole one fits, and the
    steps taken ("filler: …"). Each filler goes in one hole at most."""
    if not fillers or not any(isinstance(mods[p.m], Hole) for p in placed):
        return mods, placed, []
    mods, out, steps = list(mods), [], []
    left = list(fillers)
    for p in placed:
        if not isinstance(mods[p.m], Hole) or not left:
            out.append(p)
            continue
        span, depth = p.option.span, p.depth
        best = None
        for f, md in filler_modules(tuple(left), style, fonts, page):
            opt = md.fitted(span, depth)
            if opt is None:
                continue
            share = (opt.depth - opt.pad) / depth if f.kind == "text" else md.share(span, depth)
            if best is None or share > best[0]:
                best = (share, f, md, opt)
        if best is None:
            out.append(p)
            continue
        _, f, md, opt = best
        left.remove(f)
        mods[p.m] = md  # the hole's module: nothing else is placed with it
        out.append(Placed(p.m, p.col, p.top, opt, opt.body))
        steps.append(
            f"filler: {f.id} in the hole of {span} columns × {depth} lines "
            f"at column {p.col + 1}, line {p.top + 1}"
        )
    return mods, out, steps
