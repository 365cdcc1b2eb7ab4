"""Photos in the make-up: a story's photo element, and the picture story (图片新闻).

A story with `images:` carries its photos under its title block and above its body,
each as wide as the module (whole columns), stacked, each with its caption (图片说明 +
credit) under it on the grid, as wide as the photo (`layout.photo.frame`). The photos'
depth is the module's elastic part: every depth a photo can take (cropped around its
focus, at most 40 % cut, never distorted, at least 120 ppi) is an option of the module
at each span, so width, depth and crop are chosen by the search with the rest of the
page. Growing a photo costs far less than a short column, so on a short page the
photos grow before anything else; on a long one they shrink to their narrowest crop.

A picture story (`kind: photo`) is the same module with a body that may be empty.

`dominant_lead`: on a page with two photos or more whose lead has one, no other photo
may be larger than the lead's; the arrangement is redone with the others capped.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import TYPE_CHECKING

from ..copy import BodyItem, Copy, TitleSetter
from ..fonts import FontSet
from ..model import ImageRef
from ..photo.frame import IMAGE_FOOT_AIR, Caption, Frame, frames, set_caption
from ..photo.process import prepare
from ..photo.quality import ERROR_PPI, WARN_PPI, check_resolution
from ..style import SIZE_STEPS, Style
from .display import Image
from .flow import _keep_together as keep_together
from .module import Module, Option, Placed, body_baseline, cut_at_sentence_end
from .result import Diagnostic
from .story import Story
from .weights import W_OVERSET, W_TIGHT, pad_cost

if TYPE_CHECKING:
    from .paint import Painter
    from .search import Solution

PHOTO_GAP = 1  # grid lines between a caption and what follows (next photo, body)
DOMINANCE_ROUNDS = 4
W_NARROW = 6.0  # per column a photo is narrower than the widest it could be in its module


@dataclass(frozen=True)
class Stack:
    """A module's photos at one width, one frame each, stacked; `depth` in grid lines."""

    frames: tuple[Frame, ...]
    captions: tuple[Caption, ...]
    depth: int  # photos, captions and the gap after each
    cost: float

    @property
    def largest(self) -> float:
        return max((f.area for f in self.frames), default=0.0)


class PhotoElement:
    """The photos of one module: their frames and captions at each width, cached."""

    def __init__(self, images: tuple[ImageRef, ...], fonts: FontSet, style: Style):
        self.images = images
        self.fonts = fonts
        self.style = style
        self.cap: float | None = None  # the largest photo area allowed, pt² (dominance)
        self._captions: dict[tuple[int, int], Caption] = {}
        self._stacks: dict[tuple[int, float | None], dict[int, Stack]] = {}
        # Soft frames (< 200 ppi) only for a photo that has no sharp one at all, and
        # frames under 120 ppi only for one that has nothing better (it is reported).
        self.min_ppi = next((q for q in (WARN_PPI, ERROR_PPI) if self._all_have(q)), 0.0)

    def _all_have(self, ppi: float) -> bool:
        """Every photo has some frame of at least `ppi` at its narrowest width."""
        st = self.style
        for ref in self.images:
            cols = max(1, ref.min_columns)
            if cols > st.columns:
                return False
            w = st.span_width(cols)
            if not frames(ref, cols, w, st.pitch, 0, max_lines=st.lines, min_ppi=ppi):
                return False
        return True

    def least_area(self) -> float:
        """The area of the largest photo of the smallest stack at any width, pt²
        (`cap` ignored): a cap below it would leave the module no option."""
        cap, self.cap = self.cap, None
        try:
            areas = [
                s.largest
                for cols in range(1, self.style.columns + 1)
                for s in self.stacks(cols).values()
                if s.frames
            ]
        finally:
            self.cap = cap
        return min(areas, default=0.0)

    def caption(self, i: int, cols: int) -> Caption:
        key = (i, cols)
        if key not in self._captions:
            width = self.style.span_width(cols)
            self._captions[key] = set_caption(self.images[i], width, self.fonts, self.style)
        return self._captions[key]

    def stacks(self, cols: int) -> dict[int, Stack]:
        """Depth → the cheapest stack of all the photos `cols` wide (none: empty)."""
        key = (cols, self.cap)
        if key in self._stacks:
            return self._stacks[key]
        st = self.style
        width = st.span_width(cols)
        best: dict[int, Stack] = {0: Stack((), (), 0, 0.0)}
        for i, ref in enumerate(self.images):
            cap = self.caption(i, cols)
            nxt: dict[int, Stack] = {}
            for d, s in best.items():
                room = st.lines - d - cap.grid_lines - PHOTO_GAP
                for fr in frames(
                    ref, cols, width, st.pitch, cap.grid_lines, max_lines=room, min_ppi=self.min_ppi
                ):
                    if self.cap is not None and fr.area > self.cap + 1e-6:
                        continue
                    depth = d + fr.depth + PHOTO_GAP
                    cost = s.cost + fr.cost
                    if depth not in nxt or cost < nxt[depth].cost:
                        nxt[depth] = Stack(s.frames + (fr,), s.captions + (cap,), depth, cost)
            best = nxt
        self._stacks[key] = best
        return best


@dataclass(frozen=True)
class PhotoOption(Option):
    """An option of a module with photos: which width and stack depth they take."""

    photo_cols: int = 0  # the photos' width in columns, at the right of the module
    photo_depth: int = 0  # grid lines of the stack (photos, captions, gaps) atop the body


def flow_caps(items: list[BodyItem], caps: list[int]) -> tuple[list[list[BodyItem]], int]:
    """Items into columns of the given capacities (grid lines), balanced as `flow` is:
    each column ends within a line of its foot where the items allow it."""
    # prefix sums of the heights: a column's end is found by bisection (the
    # make-up flows every depth of every option: 50 000 calls on a broadsheet page)
    pre = list(accumulate((it.height for it in items), initial=0))
    total = pre[-1]
    cols: list[list[BodyItem]] = []
    i, n = 0, len(items)
    done = 0
    room = sum(caps)
    for c, cap in enumerate(caps):
        remaining = total - done
        left = len(caps) - c
        slack = max(0, room - remaining)
        room -= cap
        target = cap - slack // left
        j = i
        if j < n and pre[j + 1] - pre[i] <= cap:
            j += 1  # the first item goes in whenever it fits the column
            j = max(j, bisect_right(pre, pre[i] + min(cap, target), j, n + 1) - 1)
        col = items[i:j]
        i = j
        if c < len(caps) - 1:
            i = keep_together(items, col, i)
        done = pre[i]
        cols.append(col)
    return cols, i


class IllustratedStory(Story):
    """A story whose photos stand at the top right of its body, whole columns wide: all
    of them (above the text; the photos are part of the module's head then) or fewer
    (beside it, the text running on under the caption in the photo columns)."""

    def air_above(self, opt: Option) -> int:
        return 0  # a photo may stand above the headline: no stagger counted

    def __init__(self, copy: Copy, style: Style, titles: TitleSetter, fonts: FontSet):
        super().__init__(copy, style, titles)
        self.photos = PhotoElement(copy.article.images, fonts, style)
        self._text: dict[tuple[int, int, int, bool], int] = {}
        self._beside: dict[tuple, list[BodyItem] | None] = {}

    def set_cap(self, cap: float | None) -> None:
        """Limit every photo of this module to `cap` pt² (None: no limit)."""
        if cap != self.photos.cap:
            self.photos.cap = cap
            self.reset()

    # -- measure ----------------------------------------------------------

    def widths(self, span: int) -> list[int]:
        """Photo widths possible in a module `span` columns wide."""
        out = [w for w in range(1, span + 1) if self.photos.stacks(w)]
        if not self.items(False):  # nothing to run beside the photos
            return [w for w in out if w == span]
        # not a stamp in a wide module: at least half its width when the photo allows
        least = min(-(-span // 2), max(out, default=0))
        return [w for w in out if w >= least]

    def caps(self, span: int, cols: int, photo: int, depth: int) -> list[int]:
        """Text lines each column holds: the photo columns (at the right) start lower."""
        return [depth] * (span - cols) + [depth - photo] * cols

    def text_depth(self, span: int, cols: int, photo: int, tight: bool) -> int:
        """Fewest body lines per column that hold the text beside/under the photos."""
        key = (span, cols, photo, tight)
        if key not in self._text:
            items = self.items(tight)
            total = sum(it.height for it in items)
            d = max(photo, -(-(total + cols * photo) // span))
            while flow_caps(items, self.caps(span, cols, photo, d))[1] < len(items):
                d += 1
            self._text[key] = d
        return self._text[key]

    def level(self, span: int, cols: int, photo: int, tight: bool, depth: int) -> bool:
        """The module's columns (text beside the photos, and under them) end within a
        line of each other."""
        caps = self.caps(span, cols, photo, depth)
        flowed, _ = flow_caps(self.items(tight), caps)
        blank = [c - sum(it.height for it in col) for c, col in zip(caps, flowed, strict=True)]
        return max(blank) - min(blank) <= 1

    def _build_options(self, span: int, shaped: bool) -> list[Option]:
        widths = self.widths(span)
        opts: list[Option] = []
        for cols in widths:
            narrower = W_NARROW * (widths[-1] - cols)
            for photo, stack in self.photos.stacks(cols).items():
                for tight in (False, True) if self.copy.tight is not None else (False,):
                    if cols == span:  # above the text: the photos are part of the head
                        body = self.body_depth(span, tight)
                        above = photo
                    else:
                        body = self.text_depth(span, cols, photo, tight)
                        if not self.level(span, cols, photo, tight, body):
                            continue  # a photo deeper than its text: columns would end short
                        above = 0
                    if shaped and not self.shape_allowed(span, body, tight):
                        continue
                    shape = (W_TIGHT if tight else 0.0) + self.shape_cost(body) + narrower
                    for title, head, cost, extra in self.heads(span):
                        for pad in self.pads():
                            opts.append(
                                PhotoOption(
                                    span,
                                    head + above + pad + body + extra,
                                    title,
                                    head + above,
                                    pad,
                                    body,
                                    cost + pad_cost(pad) + shape + stack.cost,
                                    tight,
                                    extra,
                                    photo_cols=cols,
                                    photo_depth=photo,
                                )
                            )
        best: dict[int, Option] = {}
        for o in opts:
            if o.depth not in best or o.cost < best[o.depth].cost:
                best[o.depth] = o
        return sorted(best.values(), key=lambda o: o.depth)

    def options_uncut(self, span: int) -> list[Option]:
        """Photos above the text: cut as any story's body (`cut_options`); photos
        beside it are cut by `cut_beside`."""
        return [o for o in super().options_uncut(span) if _above(o)]

    def cut_options(self, span: int, ranged: bool = False) -> list[tuple[Option, int, float]]:
        """As any story's, plus the layouts with the photos beside the text, whose
        columns under the photos start lower; never cut into the photos."""
        key = (span, ranged)
        if key in self._cut:
            return self._cut[key]
        cut = super().cut_options(span, ranged)
        best = {o.depth - o.body + fit: (o, fit, c) for o, fit, c in cut}
        st = self.style
        beside = [o for o in self.options(span) if not _above(o)]
        if not beside and self.shape_rule:
            unshaped = self._build_options(span, shaped=False)
            beside = [o for o in unshaped if not _above(o) and o.body > st.max_lines]
        for opt in beside:
            assert isinstance(opt, PhotoOption)
            total = sum(it.height for it in self.items(opt.tight))
            top = min(opt.body, st.max_lines) if self.shape_rule else opt.body
            for fit in range(max(self.min_fit(span), opt.photo_depth + 1), top + 1):
                kept = self.cut_beside(opt, fit) if fit < opt.body else self.items(opt.tight)
                if kept is None:
                    continue  # no sentence ends near this depth's foot
                over = total - sum(it.height for it in kept)
                shape = self.shape_cost(fit) - self.shape_cost(opt.body)
                cost = opt.cost + shape + W_OVERSET * over
                depth = opt.depth - opt.body + fit
                if depth not in best or cost < best[depth][2]:
                    best[depth] = (opt, fit, cost)
        self._cut[key] = [best[d] for d in sorted(best)]
        return self._cut[key]

    def cut_beside(self, opt: Option, fit: int) -> list[BodyItem] | None:
        """The body cut at a sentence end to `fit` lines a column beside the photos,
        ending within a line of each column's foot; None when no sentence ends there."""
        assert isinstance(opt, PhotoOption)
        key = (opt.span, opt.photo_cols, opt.photo_depth, fit, opt.tight)
        if key in self._beside:
            return self._beside[key]
        caps = self.caps(opt.span, opt.photo_cols, opt.photo_depth, fit)
        items = self.items(opt.tight)
        _, i = flow_caps(items, caps)
        out: list[BodyItem] | None = None
        if i >= len(items):
            out = items
        else:
            floor = sum(caps) - opt.span + 1  # fewest column-lines kept
            out = cut_at_sentence_end(items, i, floor, lambda o: flow_caps(o, caps)[1] == len(o))
        self._beside[key] = out
        return out

    def fits(self, p: Placed):
        opt = p.option
        if _above(opt):
            return super().fits(p)
        assert isinstance(opt, PhotoOption)
        caps = self.caps(opt.span, opt.photo_cols, opt.photo_depth, p.fit_body)
        return lambda o: flow_caps(o, caps)[1] == len(o)

    def placed_items(self, p: Placed) -> list[BodyItem]:
        opt = p.option
        if _above(opt) or p.fit_body >= opt.body or self.jump_mark is not None:
            return super().placed_items(p)
        cut = self.cut_beside(opt, p.fit_body)
        if cut is not None:
            return cut
        assert isinstance(opt, PhotoOption)
        caps = self.caps(opt.span, opt.photo_cols, opt.photo_depth, p.fit_body)
        items = self.items(opt.tight)
        return items[: flow_caps(items, caps)[1]]

    def stack_of(self, opt: Option) -> Stack:
        assert isinstance(opt, PhotoOption)
        return self.photos.stacks(opt.photo_cols)[opt.photo_depth]

    def title_at_most(self, opt: Option, ceiling: float) -> Option | None:
        """A smaller headline in the same lines (the photos are below it, unchanged)."""
        assert isinstance(opt, PhotoOption)
        above = opt.photo_depth if _above(opt) else 0
        room = opt.head - above + opt.pad
        for step, size in enumerate(s for s in SIZE_STEPS if s <= ceiling):
            smaller = self.titles.block(self.article, opt.span, size, step)
            if smaller is not None and smaller.grid_lines <= room:
                head = smaller.grid_lines
                return replace(opt, title=smaller, head=head + above, pad=room - head)
        return None

    # -- place ------------------------------------------------------------

    def flow_placed(self, p: Placed) -> tuple[list[list[BodyItem]], int]:
        """The text in its columns; beside the text, each photo column starts with the
        photos' block (as an item of their depth, so the columns add up)."""
        opt = p.option
        assert isinstance(opt, PhotoOption)
        if _above(opt):
            return super().flow_placed(p)
        caps = self.caps(opt.span, opt.photo_cols, opt.photo_depth, p.fit_body)
        cols, i = flow_caps(self.placed_items(p), caps)
        block = BodyItem("photo", (), opt.photo_depth, -1)
        first = opt.span - opt.photo_cols
        return [c if j < first else [block, *c] for j, c in enumerate(cols)], i

    def placed_frames(self, p: Placed):
        """(image, frame, caption, x, first grid line on the page) of each photo."""
        st = self.style
        opt = p.option
        assert isinstance(opt, PhotoOption)
        stack = self.stack_of(opt)
        x = st.column_x(p.col + opt.span - opt.photo_cols)
        line = p.top + opt.pad + (opt.title.grid_lines if opt.title is not None else 0)
        for ref, fr, cap in zip(self.article.images, stack.frames, stack.captions, strict=True):
            yield ref, fr, cap, x, line
            line += fr.depth + PHOTO_GAP

    # -- draw -------------------------------------------------------------

    def draw_frame(self, p: Placed, paint: Painter) -> None:
        super().draw_frame(p, paint)
        st = self.style
        size = st.byline_size
        for ref, fr, cap, x, line in self.placed_frames(p):
            img = prepare(ref, fr.crop, fr.w_pt, fr.h_pt)
            paint.image(Image(x, st.area_top + line * st.pitch, fr.w_pt, fr.h_pt, img.path))
            for k, ln in enumerate(cap.lines):
                base = body_baseline(st, line + fr.lines + k, size)
                paint.text(st.byline_font, size, x, base, ln.glyphs, "caption", self.id)

    # -- report -----------------------------------------------------------

    def notes(self, p: Placed) -> list[Diagnostic]:
        out = []
        mm = 25.4 / 72
        for ref, fr, cap, _, _ in self.placed_frames(p):
            issue = check_resolution(self.id, ref.name, fr.ppi, fr.w_pt, fr.h_pt)
            if issue is not None:
                out.append(Diagnostic(issue.severity, issue.article, issue.message))
            out.append(
                Diagnostic(
                    "info",
                    self.id,
                    f"photo {ref.name}: {fr.cols} columns × {fr.lines} lines "
                    f"({fr.w_pt * mm:.0f} × {fr.h_pt * mm:.0f} mm), {fr.ppi:.0f} ppi, crop "
                    f"{fr.crop.width} × {fr.crop.height} px of {ref.width_px} × {ref.height_px}",
                )
            )
            for ch in cap.missing:
                msg = f"character '{ch}' (U+{ord(ch):04X}) of a caption is missing from the font"
                out.append(Diagnostic("error", self.id, msg))
        return out


def _above(opt: Option) -> bool:
    return isinstance(opt, PhotoOption) and opt.photo_cols == opt.span


class PhotoStory(IllustratedStory):
    """A picture story (图片新闻): headline, photos with captions, a body if any."""

    kind = "photo"
    shape_rule = False

    def body_depth(self, span: int, tight: bool = False) -> int:
        if not self.items(tight):
            return 0
        return super().body_depth(span, tight)

    def shape_cost(self, body: int) -> float:
        return 0.0


def photo_module(copy: Copy, style: Style, titles: TitleSetter, fonts: FontSet) -> Story:
    """The module kind for a story or picture story: with photos if it has any."""
    if copy.article.kind == "photo":
        return PhotoStory(copy, style, titles, fonts)
    if copy.article.images:
        return IllustratedStory(copy, style, titles, fonts)
    return Story(copy, style, titles)


def dominant_lead(
    mods: list[Module], arrange: Callable[[], tuple[Solution, list[Module], list[str]]]
) -> tuple[Solution, list[Module], list[str]]:
    """The arrangement in which no photo is larger than the lead's (when the lead has
    one and the page has two or more): others are capped at the lead's photo and the
    page arranged again, until it holds (a few rounds at most)."""
    result = arrange()
    lead = next((i for i, md in enumerate(mods) if isinstance(md, Story)), None)
    if lead is None or not isinstance(mods[lead], IllustratedStory):
        return result
    if sum(len(md.article.images) for md in mods if isinstance(md, IllustratedStory)) < 2:
        return result
    for _ in range(DOMINANCE_ROUNDS):
        areas = _largest_photos(result[1], result[0])
        if lead not in areas:
            return result
        others = [a for m, a in areas.items() if m != lead]
        if not others or max(others) <= areas[lead] + 1e-6:
            return result
        caps = {
            # never below the module's own smallest photos: it keeps an option
            m: max(areas[lead], md.photos.least_area())
            for m, md in enumerate(mods)
            if m != lead and isinstance(md, IllustratedStory)
        }
        if all(mods[m].photos.cap == cap for m, cap in caps.items()):
            return result  # as capped as they can be: arranging again changes nothing
        for m, cap in caps.items():
            mods[m].set_cap(cap)
        capped = arrange()
        if not _no_worse(capped[0], result[0]):
            # a lead photo that cannot be large (a small file) does not cost the page
            # its stories: the arrangement before the cap stands
            for m, md in enumerate(mods):
                if m != lead and isinstance(md, IllustratedStory):
                    md.set_cap(None)
            return arrange()
        result = capped
    return result


def _no_worse(capped: Solution, before: Solution) -> bool:
    """The capped arrangement places every module the one before placed, overset no
    more body lines, and costs at most twice as much."""
    was = {p.m: p.option.body - p.fit_body for p in before.placed}
    now = {p.m: p.option.body - p.fit_body for p in capped.placed}
    if not set(was) <= set(now):
        return False
    if sum(now.values()) > sum(was.values()):
        return False
    return capped.cost <= 2 * before.cost + 1.0


def _largest_photos(mods: list[Module], sol: Solution) -> dict[int, float]:
    out = {}
    for p in sol.placed:
        md = mods[p.m]
        if isinstance(md, IllustratedStory):
            out[p.m] = md.stack_of(p.option).largest
    return out


def photo_steps(mods: list[Module], placed: tuple[Placed, ...]) -> list[str]:
    """Step 2 of the make-up's order: photos set larger or smaller than at their own
    shape (the crop that cuts nothing), with the grid lines they gained or gave up."""
    grown, shrunk = [], []
    for p in placed:
        md = mods[p.m]
        if not isinstance(md, IllustratedStory):
            continue
        st = md.style
        for ref, fr, _cap, _x, _line in md.placed_frames(p):
            natural = (
                fr.w_pt * ref.height_px / ref.width_px + IMAGE_FOOT_AIR * st.pitch
            ) / st.pitch
            delta = fr.lines - round(natural)
            if delta > 0:
                grown.append(f"{md.id} +{delta}")
            elif delta < 0:
                shrunk.append(f"{md.id} {delta}")
    out = []
    if grown:
        out.append(f"photos grown (cropped deeper, grid lines): {', '.join(grown)}")
    if shrunk:
        out.append(f"photos cropped shallower (grid lines): {', '.join(shrunk)}")
    return out
