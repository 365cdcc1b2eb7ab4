"""Before/after picture of punctuation compression (标点挤压) on one paragraph.

    python3 scripts/compression_demo.py [OUT_DIR]

Writes OUT_DIR/compression.pdf (default output/compression) with the same
paragraph set twice on a 16-em measure: left as a plain grid composer sets
it (every character and mark on a full em, broken every 16 characters),
right as newspage sets it (blanks of adjacent marks removed, clreq 3.1.6;
line-start/line-end rules; flush lines). Render it with
`pdftoppm -r 150 -png` to look at it.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TEXT = (
    "“这是谁的书？”“《江城志》。”他答道，“（上卷）、（下卷）都在这里。”"
    "她问：“‘老街’的故事呢？”——“在第三章，《柳巷》、《石桥》……”"
    "他笑了：“你看，‘时光’是慢的。”"
)
SIZE = 14.0
MEASURE = 16  # em


def main() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from layout.fonts import load_fontset
    from layout.typeset import set_paragraph

    face = load_fontset().face("song")
    pdfmetrics.registerFont(TTFont("Song", str(face.pdf_file), subfontIndex=face.pdf_index))
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "output" / "compression"
    out.mkdir(parents=True, exist_ok=True)

    width = (2 * MEASURE + 6) * SIZE
    c = canvas.Canvas(str(out / "compression.pdf"), pagesize=(width, 16 * SIZE * 1.6))
    top = 16 * SIZE * 1.6 - 2.5 * SIZE
    c.setFont("Song", SIZE * 0.7)
    c.drawString(2 * SIZE, top + 1.2 * SIZE, "before: every mark on a full em")
    c.drawString((MEASURE + 4) * SIZE, top + 1.2 * SIZE, "after: newspage (clreq compression)")

    def frame(x0: float, n_lines: int) -> None:
        c.setLineWidth(0.3)
        c.setStrokeGray(0.6)
        h = n_lines * SIZE * 1.6
        c.rect(x0, top - h + 1.1 * SIZE, MEASURE * SIZE, h, stroke=1, fill=0)

    # before: a plain grid, one em per character, 2-em indent
    chars = list("\u3000\u3000" + TEXT)
    rows = [chars[i : i + MEASURE] for i in range(0, len(chars), MEASURE)]
    x0 = 2 * SIZE
    frame(x0, len(rows))
    c.setFont("Song", SIZE)
    for r, row in enumerate(rows):
        for k, ch in enumerate(row):
            c.drawString(x0 + k * SIZE, top - r * SIZE * 1.6, ch)

    # after: the real typesetter, glyph origins as it placed them
    para = set_paragraph(TEXT, face.metrics, float(MEASURE), indent=2.0)
    x0 = (MEASURE + 4) * SIZE
    frame(x0, len(para.lines))
    for r, line in enumerate(para.lines):
        for g in line.glyphs:
            c.drawString(x0 + g.x * SIZE, top - r * SIZE * 1.6, g.ch)
    c.save()
    print(f"wrote {out / 'compression.pdf'}: before {len(rows)} lines, after {len(para.lines)}")


if __name__ == "__main__":
    main()
