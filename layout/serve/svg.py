"""A page as SVG for the browser: the print drawing, then the proof layer.

Text is drawn from the display list with every glyph at its own x (the
typesetter's positions, not the browser's), in the same TrueType files the
PDF embeds (served by key as web fonts). 扁体 is the same trick as in the
PDF: a smaller size stretched back to full width. The proof layer's marks
carry their problem's id, so the report can point at them.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from ..proof.adapter import Drawing, ProofPage, Rect, Run

# inside the SVG, so the page looks the same inline and as a thumbnail <img>
PROOF_CSS = (
    "text{white-space:pre}"
    ".proof text{font-family:sans-serif}"
    ".grid .column{fill:rgba(0,158,217,.035);stroke:rgba(0,158,217,.6);"
    "stroke-width:.3;stroke-dasharray:2 2}"
    ".module rect{fill:none;stroke:#1a40bf;stroke-width:.9}"
    ".module .tag{font-size:6.5px;fill:#1a40bf;font-weight:600}"
    ".mark.overset .cut{fill:#d00}"
    ".mark.overset .label{fill:#d00;font-size:10px;font-weight:700}"
    ".mark.short .area{fill:rgba(242,140,0,.22);stroke:#f28c00;stroke-width:.6;"
    "stroke-dasharray:3 2}"
    ".mark.short .label{fill:#b86a00;font-size:8px;font-weight:700}"
    ".mark.hole .area{fill:rgba(191,0,191,.18);stroke:#bf00bf;stroke-width:.6;"
    "stroke-dasharray:3 2}"
    ".mark.hole .label{fill:#8f008f;font-size:8px;font-weight:700}"
    ".mark.loose .wedge{fill:#e5196f}.mark.loose .under{stroke:#e5196f;stroke-width:.8}"
    ".mark.loose .label{fill:#e5196f;font-size:7px;font-weight:700}"
    ".mark.error .area,.mark.warning .area{fill:none;stroke:#d00;stroke-width:1.5}"
)


def _f(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


def font_family(key: str) -> str:
    return f"np-{key}"


def page_svg(drawing: Drawing, proof: ProofPage, *, overlay: bool = True) -> str:
    w, h = drawing.trim_w, drawing.trim_h
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="page" viewBox="0 0 {_f(w)} {_f(h)}" '
        f'data-page="{proof.number}" preserveAspectRatio="xMidYMin meet">',
        f"<style>{PROOF_CSS}</style>",
        f'<rect class="paper" x="0" y="0" width="{_f(w)}" height="{_f(h)}" fill="#fff"/>',
        '<g class="print">',
    ]
    for x, y, bw, bh, stroke, tint in drawing.boxes:
        if tint:
            grey = round(255 * (1 - tint))
            out.append(
                f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(bw)}" height="{_f(bh)}" '
                f'fill="rgb({grey},{grey},{grey})"/>'
            )
        if stroke:
            out.append(
                f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(bw)}" height="{_f(bh)}" '
                f'fill="none" stroke="#000" stroke-width="{_f(stroke)}"/>'
            )
    for x0, y0, x1, y1, width in drawing.rules:
        out.append(
            f'<line x1="{_f(x0)}" y1="{_f(y0)}" x2="{_f(x1)}" y2="{_f(y1)}" '
            f'stroke="#000" stroke-width="{_f(width)}"/>'
        )
    for run in drawing.runs:
        out.extend(_run(run))
    out.append("</g>")
    if overlay:
        out.append(proof_layer(proof))
    out.append("</svg>")
    return "".join(out)


def _run(run: Run) -> list[str]:
    """One line: a <text> per stretch of glyphs in one face."""
    parts = []
    n = len(run.chars)
    i = 0
    while i < n:
        alt = run.alt[i]
        j = i + 1
        while j < n and run.alt[j] == alt:
            j += 1
        face = run.alt_face if alt and run.alt_face else run.face
        c = run.condense
        xs = " ".join(_f((run.x + run.xs[k]) * c) for k in range(i, j))
        size = run.size * c
        transform = f' transform="scale({_f(1 / c)} 1)"' if abs(c - 1.0) > 1e-6 else ""
        parts.append(
            f'<text x="{xs}" y="{_f(run.baseline)}" font-family="{font_family(face)}" '
            f'font-size="{_f(size)}"{transform}>{escape(run.chars[i:j])}</text>'
        )
        i = j
    return parts


def _r(r: Rect) -> str:
    return f'x="{_f(r.x)}" y="{_f(r.y)}" width="{_f(r.w)}" height="{_f(r.h)}"'


def proof_layer(p: ProofPage) -> str:
    out = ['<g class="proof">', '<g class="grid">']
    for col in p.columns:
        out.append(f'<rect class="column" {_r(col)}/>')
    out.append("</g>")
    for m in p.modules:
        out.append(
            f'<g class="module" data-article="{escape(m.article)}"><rect {_r(m.rect)}/>'
            f'<text class="tag" x="{_f(m.rect.x + 1.5)}" y="{_f(m.rect.y + 7)}">'
            f"{escape(m.label)}</text></g>"
        )
    for pr in p.problems:
        attrs = f'id="{escape(pr.id)}" class="mark {pr.kind}" data-article="{escape(pr.article)}"'
        title = f"<title>{escape(pr.message)}</title>"
        if pr.kind == "overset":
            r = pr.rect
            out.append(
                f'<g {attrs}>{title}<rect class="cut" {_r(r)}/>'
                f'<text class="label" x="{_f(r.x + r.w)}" y="{_f(r.y + r.h + 10)}" '
                f'text-anchor="end">{escape(pr.label)}</text></g>'
            )
        elif pr.kind in ("short", "hole"):
            areas = "".join(f'<rect class="area" {_r(a)}/>' for a in pr.areas or (pr.rect,))
            big = max(pr.areas or (pr.rect,), key=lambda a: a.w * a.h)
            out.append(
                f"<g {attrs}>{title}{areas}"
                f'<text class="label" x="{_f(big.x + big.w - 2)}" y="{_f(big.y + 9)}" '
                f'text-anchor="end">{escape(pr.label)}</text></g>'
            )
        elif pr.kind == "loose":
            r = pr.rect
            left = r.x < p.area.x + p.area.w / 2
            tip = p.area.x - 2 if left else p.area.x + p.area.w + 2
            d = -1 if left else 1
            mid = r.y + r.h / 2
            wedge = f"M{_f(tip)},{_f(mid)} l{_f(d * 7)},-3.5 l0,7 z"
            lx = tip + d * 9
            anchor = "end" if left else "start"
            out.append(
                f'<g {attrs}>{title}<path class="wedge" d="{wedge}"/>'
                f'<line class="under" x1="{_f(r.x)}" y1="{_f(r.y + r.h)}" '
                f'x2="{_f(r.x + r.w)}" y2="{_f(r.y + r.h)}"/>'
                f'<text class="label" x="{_f(lx)}" y="{_f(mid + 2.5)}" '
                f'text-anchor="{anchor}">{escape(pr.label)}</text></g>'
            )
        else:
            out.append(f'<g {attrs}>{title}<rect class="area" {_r(pr.rect)}/></g>')
    out.append("</g>")
    return "".join(out)
