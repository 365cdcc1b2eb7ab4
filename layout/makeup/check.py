"""The page's report data: what each module holds, what is short or overset,
and which make-up rules the page meets (a warning for each it does not)."""

from __future__ import annotations

from ..style import HAO, Style
from .hole import Hole
from .module import Module, Placed, head_span, title_lines
from .result import ArticleReport, Diagnostic, Grid, PageReport, Placement
from .result import Hole as HoleReport
from .story import Story


def report_page(
    report: PageReport, mods: list[Module], placed: tuple[Placed, ...], style: Style, page: str
) -> None:
    used = 0
    feet = [0] * style.columns  # per page column: grid lines down to its last text
    heights: dict[int, list[int]] = {}  # per module: lines in each of its columns
    for p in placed:
        md = mods[p.m]
        opt = p.option
        if isinstance(md, Hole):
            hole = HoleReport(p.col, opt.span, p.top, p.depth, md.fill_chars(p))
            report.holes.append(hole)
            for j in range(opt.span):
                feet[p.col + j] = max(feet[p.col + j], p.top + p.depth)
            msg = (
                f"hole of {opt.span} columns × {p.depth} lines at column {p.col + 1}, "
                f"line {p.top + 1}: 待补 {hole.chars} 字 (add copy or a filler)"
            )
            report.diagnostics.append(Diagnostic("error", page, msg))
            continue
        if md.fills_frame:  # a house item in a hole (filler.py): its rectangle is full
            for j in range(opt.span):
                feet[p.col + j] = max(feet[p.col + j], p.top + p.depth)
            used += opt.span * p.depth
            report.placements.append(Placement(md.id, md.kind, p.col, opt.span, p.top, p.depth))
            continue
        kept = md.placed_items(p)
        cols, _ = md.flow_placed(p)
        over_chars = md.chars(md.copy.body) - md.chars(kept)
        col_lines = [sum(it.height for it in c) for c in cols] + [0] * (opt.span - len(cols))
        heights[p.m] = col_lines
        body_top = p.top + md.body_top(opt)
        for j, n in enumerate(col_lines):
            feet[p.col + j] = max(feet[p.col + j], body_top + n + opt.extra)
        # short: lines of copy (one column wide) that would fill the module's
        # columns to its foot and the blank grid lines under it
        short = sum(max(p.fit_body - n, 0) for n in col_lines)
        short += free_below(p, placed, style) * opt.span
        used += sum(col_lines) + opt.span * opt.head + opt.over * opt.head
        for j in range(opt.span, opt.span + opt.over):  # a headline over: its title block
            feet[p.col + j] = max(feet[p.col + j], p.top + opt.head + opt.pad)
        report.placements.append(
            Placement(
                md.id,
                md.kind,
                p.col,
                opt.span,
                p.top,
                p.depth,
                over_chars,
                short,
                opt.over,
                (opt.head + opt.pad) if opt.over else 0,
                title_lines(opt) if md.has_head else 0,
                md.air_above(opt) if md.has_head else 0,
            )
        )
        parts = md.parts()
        for part in parts:
            if part.para is None:
                chars, over = md.chars(md.copy.body), over_chars
            else:
                chars = md.chars(md.copy.body, part.para)
                over = chars - md.chars(kept, part.para)
            # a block's short lines are its last part's to fill
            mod_short = short if part is parts[-1] else 0
            report.articles.append(
                ArticleReport(
                    part.id,
                    part.kind,
                    f"cols {p.col + 1}–{p.col + opt.span} × lines {p.top + 1}–{p.top + p.depth}",
                    p.col + 1,
                    opt.span,
                    p.top + 1,
                    p.depth,
                    chars,
                    over,
                    0 if over else mod_short,
                    0 if over else mod_short * style.chars,
                )
            )
    for md in mods:
        for ch, para in md.copy.missing:
            msg = f"character '{ch}' (U+{ord(ch):04X}) is missing from the font"
            report.diagnostics.append(Diagnostic("error", md.part_of(para), msg))
        for prob in md.copy.problems:
            report.diagnostics.append(Diagnostic("warning", md.id, prob))
    for p in placed:
        report.diagnostics.extend(mods[p.m].notes(p))
    on_page = {p.m for p in placed}
    for m, md in enumerate(mods):
        if m in on_page:
            continue
        # no room even for a cut module: reported whole, never dropped silently
        for part in md.parts():
            chars = md.chars(md.copy.body, part.para)
            if part.para is None:  # a story's title block is not in its flow (a brief's is)
                chars += md.article.title_chars
            report.articles.append(
                ArticleReport(part.id, part.kind, "not placed", 0, 0, 0, 0, chars, chars, 0, 0)
            )
        report.diagnostics.append(
            Diagnostic(
                "warning",
                md.id,
                "no room on the page: not placed, its whole text (title block and body) is overset",
            )
        )
    report.fill_ratio = used / (style.columns * style.lines)
    check_rules(report, mods, placed, style, feet, heights, page)


def check_rules(
    report: PageReport,
    mods: list[Module],
    placed: tuple[Placed, ...],
    style: Style,
    feet: list[int],
    heights: dict[int, list[int]],
    page: str,
) -> None:
    """Which of the make-up rules the page meets; a warning for each it does not."""
    warn = report.diagnostics.append
    ok: dict[str, bool] = {}

    ok["no_overset"] = not report.overset
    # 栏底齐: every column ends on the last grid line, within one (its text; a
    # declared hole's columns count as full down to the hole's foot: the hole
    # is the rule no_hole's, not a column ending short)
    short_cols = [(c + 1, style.lines - f) for c, f in enumerate(feet) if style.lines - f > 1]
    ok["full"] = not short_cols
    if short_cols:
        cols = ", ".join(f"column {c} {n} lines" for c, n in short_cols)
        warn(Diagnostic("warning", page, f"columns end short of the foot (栏底不齐): {cols}"))

    ok["modules_level"] = True
    ok["shapes_in_range"] = True
    ok["no_hole"] = not report.holes
    for p in placed:
        md = mods[p.m]
        if p.m not in heights:
            continue
        col_lines = heights[p.m]
        if p.option.span > 1:
            spread = max(col_lines) - min(col_lines)
            if spread > 1:
                ok["modules_level"] = False
                msg = f"its columns end {spread} lines apart (keep rules for subheads, lines)"
                warn(Diagnostic("warning", md.id, msg))
        # a story cut to fit takes the depth the page gives it (to the foot)
        most = style.lines if p.fit_body < p.option.body else style.max_lines
        if md.shape_rule and not (style.min_lines <= p.fit_body <= most):
            ok["shapes_in_range"] = False
            msg = (
                f"{p.fit_body} lines per column, outside the style's "
                f"{style.min_lines}–{most} for a module"
            )
            warn(Diagnostic("warning", md.id, msg))

    stories = [p for p in placed if isinstance(mods[p.m], Story)]
    strips = [
        mods[p.m].id
        for p in stories
        if p.option.span == style.columns > 1
        and mods[p.m].body_depth(style.columns - 1, p.option.tight) <= style.max_lines
    ]
    ok["no_full_width_strips"] = not strips
    for aid in strips:
        warn(Diagnostic("warning", aid, "full width though its body does not need it"))
    lead = min(stories, key=lambda p: p.m, default=None)
    ok["lead_on_top_widest"] = lead is None or (
        lead.top == 0 and all(head_span(q.option) <= head_span(lead.option) for q in stories)
    )
    ok["lead_not_cut"] = lead is None or lead.fit_body >= lead.option.body
    if not ok["lead_not_cut"] and lead is not None:
        msg = "the lead is cut: it is longer than the page holds with the others at their least"
        warn(Diagnostic("warning", mods[lead.m].id, msg))
    if not ok["lead_on_top_widest"] and lead is not None:
        msg = "the lead is not on top and widest (a pin or the page's copy put it elsewhere)"
        warn(Diagnostic("warning", mods[lead.m].id, msg))

    bumps = bumping(placed, mods)
    ok["no_bumping_heads"] = not bumps
    for a, b in bumps:
        msg = f"bumping heads (撞题) with {b}: every arrangement without it fits worse"
        warn(Diagnostic("warning", a, msg))

    # copy-fitting that changed a headline from its rank's size (information)
    sizes = [(p.m, p.option.title.headline_size) for p in stories if p.option.title]
    ok["sizes_follow_rank"] = all(
        a[1] >= b[1] for a, b in zip(sorted(sizes), sorted(sizes)[1:], strict=False)
    )
    for p in stories:
        md = mods[p.m]
        assert isinstance(md, Story)
        tb = p.option.title
        nominal = md.nominal_size()
        if tb is not None and tb.headline_size < nominal:
            msg = f"copy-fit: headline at {hao(tb.headline_size)} (rank's size {hao(nominal)})"
            report.diagnostics.append(Diagnostic("info", md.id, msg))
        if p.option.tight:
            msg = "copy-fit: subheads in one grid line each"
            report.diagnostics.append(Diagnostic("info", md.id, msg))
    report.rules_met = ok


def lead_of(mods: list[Module], placed: tuple[Placed, ...]) -> tuple[int, float | None] | None:
    """The page's lead (its first story) as placed: the columns its title
    block spans and its headline's size (None: not placed)."""
    stories = [p for p in placed if isinstance(mods[p.m], Story)]
    lead = min(stories, key=lambda p: p.m, default=None)
    if lead is None:
        return None
    tb = lead.option.title
    return head_span(lead.option), tb.headline_size if tb is not None else None


def lead_on_top_widest(mods: list[Module], placed: tuple[Placed, ...]) -> bool:
    """The page's lead (its first story) on top, and no story wider than it."""
    stories = [p for p in placed if isinstance(mods[p.m], Story)]
    lead = min(stories, key=lambda p: p.m, default=None)
    return lead is None or (
        lead.top == 0 and all(head_span(q.option) <= head_span(lead.option) for q in stories)
    )


def cross_bumps(areas: list[tuple[int, int, list[Module], tuple[Placed, ...]]]) -> int:
    """Headlines side by side (撞题) across the edge of two areas of a page
    (each: its first column and line on the page, its modules, placements)."""
    heads = [
        (k, c0 + p.col, head_span(p.option), t0 + p.top + mods[p.m].air_above(p.option), p)
        for k, (c0, t0, mods, placed) in enumerate(areas)
        for p in placed
        if mods[p.m].has_head
    ]
    n = 0
    for i, (ka, ca, sa, ta, a) in enumerate(heads):
        for kb, cb, sb, tb, b in heads[i + 1 :]:
            if ka == kb or (ca + sa != cb and cb + sb != ca):
                continue
            if ta < tb + title_lines(b.option) and tb < ta + title_lines(a.option):
                n += 1
    return n


LEAD_RULES = ("lead_on_top_widest", "lead_not_cut")


def rules_broken(
    mods: list[Module], placed: tuple[Placed, ...], style: Style, main: bool = True
) -> tuple[int, int]:
    """How many of the make-up's rules an arrangement breaks, as the report
    checks them: (the lead's rules, the others). Overset aside: it is the
    editor's to cut; `main`: the area that holds the page's lead, else its
    lead rules are not counted."""
    rep = PageReport(Grid(style.columns, style.lines, style.chars))
    report_page(rep, mods, placed, style, "probe")
    broken = [rule for rule, ok in rep.rules_met.items() if not ok and rule != "no_overset"]
    lead = sum(rule in LEAD_RULES for rule in broken) if main else 0
    return lead, sum(rule not in LEAD_RULES for rule in broken)


def hao(size: float) -> str:
    """A size as the trade names it (二号), with its points."""
    names = {v: k for k, v in reversed(HAO.items())}
    return f"{names[size]} {size:g} pt" if size in names else f"{size:g} pt"


def free_below(p: Placed, placed: tuple[Placed, ...], style: Style) -> int:
    """Blank grid lines between a module's foot and what is under it."""
    bottom = p.top + p.depth
    below = [
        q.top - style.gap_lines
        for q in placed
        if q.top >= bottom and q.col < p.col + p.option.span and p.col < q.col + q.option.span
    ]
    return max(0, min(below, default=style.lines) - bottom)


def bumping(placed: tuple[Placed, ...], mods: list[Module]) -> list[tuple[str, str]]:
    """Pairs of headed modules side by side whose title blocks overlap in height (撞题)."""
    heads = [p for p in placed if mods[p.m].has_head]
    out = []
    for i, a in enumerate(heads):
        for b in heads[i + 1 :]:
            if a.col + head_span(a.option) != b.col and b.col + head_span(b.option) != a.col:
                continue
            ta, tb = a.top + mods[a.m].air_above(a.option), b.top + mods[b.m].air_above(b.option)
            if ta < tb + title_lines(b.option) and tb < ta + title_lines(a.option):
                out.append((mods[a.m].id, mods[b.m].id))
    return out
