"""`newspage preflight`: print-readiness checks for ANY PDF (ours or another tool's).

Checks (print-ready.md section 8; severities: error = exit 1, warning = report only):

* ``qpdf``          ``qpdf --check`` (exit 2 → error, 3 → warning); skipped without qpdf.
* ``pdfx``          header version (≤ 1.4 for X-1a, ≤ 1.6 for X-4), no object/xref streams
                    in a 1.4 file, no encryption, trailer ``/ID``, Info Title/CreationDate/
                    ModDate/Trapped, ``GTS_PDFXVersion`` (X-4: XMP ``pdfxid``), exactly one
                    ``/GTS_PDFX`` OutputIntent with its keys (and the profile if embedded),
                    XMP present and agreeing with Info.
* ``boxes``         exactly one of TrimBox/ArtBox, BleedBox present, Trim ⊆ Bleed ⊆ Media,
                    CropBox ⊇ Bleed, optional expected trim size and bleed.
* ``fonts``         every font in page / Form XObject / pattern / appearance resources
                    embedded (Type0 via its descendant, Type 3 exempt) — unused ones too;
                    fonts that show text have a ToUnicode map (warning).
* ``colour``        no RGB anywhere (``rg``/``RG``, ``cs``/``CS`` to RGB spaces, images,
                    shadings, annotation ``/C``); X-1a: no ICCBased/Cal/Lab either
                    (Separation/DeviceN alternates included); no spot plates in the render.
* ``text-colour``   text is shown (Tj/TJ/'/") only while the fill (and, for stroked text
                    render modes, the stroke) colour is K only: DeviceGray, CMYK with
                    C = M = Y = 0, Separation /Black. The colour state is tracked through
                    the content stream (k, g, cs/sc/scn, q/Q, Form XObjects).
* ``transparency``  X-1a: ExtGState ca/CA < 1, SMask, blend modes, page/form ``/Group``,
                    image ``/SMask``.
* ``content``       forbidden constructs: annotations inside the BleedBox, JavaScript,
                    additional actions, embedded files, form fields, PostScript XObjects,
                    OPI, transfer functions, LZW/JBIG2/JPX filters.
* ``rules``         strokes (and hairline-thin filled rectangles) touching the BleedBox
                    thinner than ``min_rule_error`` (error) / ``min_rule_warn`` (warning);
                    rules ≤ 4 pt in more than one ink (warning).
* ``tac``           total area coverage inside the BleedBox from one Ghostscript
                    ``tiffsep`` render: > ``tac_error`` error, > ``tac_warn`` warning, one
                    finding per over-limit area with its box in mm from the trim's top-left.

Positions in ``where`` are millimetres from the trim's top-left corner (x right, y down),
plus the content-stream operator index. The structural pass is pure Python over pikepdf
objects (milliseconds per page); only the ink check renders. pikepdf, numpy and Pillow
are imported inside the functions so importing this module is cheap.
"""

from .findings import Finding, PreflightSettings, format_findings


def __getattr__(name: str):
    # the checks themselves load on first use: formatting findings (a cached
    # build) needs none of them
    if name in ("preflight", "run"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Finding", "PreflightSettings", "format_findings", "preflight", "run"]
