"""PDF/X-1a:2003 finishing step: reportlab's output → a PDF a printing plant accepts.

reportlab writes neither an OutputIntent nor the GTS keys (print-ready.md 3.6), so
this module reopens its file with pikepdf and adds what PDF/X-1a:2003 asks for:

* Info ``GTS_PDFXVersion``, ``Trapped /False``, ``Title``, ``CreationDate``,
  ``ModDate`` (both from ``created``, in UTC), ``Creator``;
* one ``/GTS_PDFX`` OutputIntent naming a registered characterization (IFRA26,
  ICC registry, no embedded profile: allowed for X-1a, print-ready.md 1.2 row 12);
* an XMP packet that agrees with the Info dictionary (recommended for X-1a),
  written without pikepdf's "now" MetadataDate so that it is deterministic;
* saved as PDF 1.4 without object streams, with a deterministic trailer ``/ID``;
* font subset tags derived from each subset's glyph program (reportlab names
  every subset ``AAAAAA+``, ``AAAAAB+``, … per file, so one tag named several
  glyph sets), and ToUnicode entries of characters beyond the BMP written as
  UTF-16 surrogate pairs (reportlab truncates them);
* the XMP InstanceID and both ``/ID`` halves from the page's content hash
  (``digest``), so a corrected page differs from the first one;
* a page that is not final (overset, a hole, a proof) says so in XMP
  (``xmpMM:RenditionClass`` proof/draft, ``xmp:Label``) and Info ``/NewspageStatus``.

The same input and ``created`` give byte-identical output. ``pikepdf`` is imported
inside the function so that importing this module (and starting the CLI) stays cheap.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PdfxSettings", "finish_pdfx", "pdf_date", "xmp_date", "content_digest", "NOT_FINAL"]

NOT_FINAL = "not final"  # Info /NewspageStatus prefix of a page that must not go to press

# Namespace for the deterministic XMP document/instance IDs (uuid5 of title + date).
_UUID_NS = "6f1c0a52-3b1e-5d7a-9a43-6e6577737061"


def uuid5(name: str) -> str:
    """uuid.uuid5(_UUID_NS, name) as text (RFC 4122: SHA-1, version 5), without
    importing uuid (it loads platform and ctypes helpers)."""
    import hashlib

    h = bytearray(
        hashlib.sha1(bytes.fromhex(_UUID_NS.replace("-", "")) + name.encode()).digest()[:16]
    )
    h[6] = (h[6] & 0x0F) | 0x50
    h[8] = (h[8] & 0x3F) | 0x80
    return uuid_text(bytes(h))


def uuid_text(b: bytes) -> str:
    """16 bytes as a UUID's text form (8-4-4-4-12 hex digits)."""
    x = b.hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:32]}"


@dataclass(frozen=True)
class PdfxSettings:
    version: str = "PDF/X-1a:2003"
    output_condition_identifier: str = "IFRA26"
    registry_name: str = "http://www.color.org"
    output_condition: str = "Coldset offset lithography on newsprint (ISO 12647-3), IFRA26"
    # the plant's ICC profile (print.output_profile in the style), embedded as
    # DestOutputProfile; then the identifier names that profile's condition
    output_profile: Path | None = None


def content_digest(*parts: object) -> str:
    """SHA-256 hex of the reprs of plain data (a page's display data, title, date).

    Files in the cache folder (converted faces, processed photos) are named by
    their content; their folder is not: it is left out, so the same page built
    with another NEWSPAGE_CACHE has the same digest (its /ID, XMP and slug)."""
    import hashlib

    from .fonts import cache_dir

    cache = str(cache_dir())
    h = hashlib.sha256()
    for part in parts:
        h.update(repr(part).replace(cache, "$NEWSPAGE_CACHE").encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def _utc(created: dt.datetime) -> dt.datetime:
    """``created`` in UTC, whole seconds; a naive datetime is taken as UTC."""
    if created.tzinfo is None:
        created = created.replace(tzinfo=dt.UTC)
    return created.astimezone(dt.UTC).replace(microsecond=0)


def pdf_date(created: dt.datetime) -> str:
    """PDF date string in UTC, e.g. ``D:20240601000000+00'00'``."""
    return _utc(created).strftime("D:%Y%m%d%H%M%S+00'00'")


def xmp_date(created: dt.datetime) -> str:
    """XMP (ISO 8601) date in UTC, e.g. ``2024-06-01T00:00:00+00:00``."""
    return _utc(created).isoformat()


def finish_pdfx(
    src: Path,
    dst: Path,
    *,
    title: str,
    created: dt.datetime,
    settings: PdfxSettings = PdfxSettings(),  # noqa: B008 - frozen, immutable default
    creator: str = "newspage",
    digest: str | None = None,
    status: str = "",
    proof: bool = False,
) -> None:
    """Add the PDF/X-1a keys to ``src`` (a reportlab PDF) and write ``dst``.

    ``src`` and ``dst`` must differ. Dates come from ``created`` only (never the
    clock), so the output is reproducible. ``digest`` (hex) identifies the
    content (default: a hash of ``src``'s bytes); ``status`` non-empty marks the
    page not final (e.g. "overset: 01-lead 120 字"), ``proof`` marks a proof.
    """
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    src, dst = Path(src), Path(dst)
    if src.resolve() == dst.resolve():
        raise ValueError("finish_pdfx: src and dst must be different files")
    date = pdf_date(created)
    iso = xmp_date(created)
    doc_uuid = "uuid:" + uuid5(title + "\n" + iso)
    if digest is None:
        digest = content_digest(src.read_bytes(), iso)
    instance_uuid = "uuid:" + uuid_text(bytes.fromhex(digest[:32]))
    profile = read_profile(settings.output_profile) if settings.output_profile else None

    with pikepdf.open(src) as pdf:
        oi = Dictionary(
            Type=Name.OutputIntent,
            S=Name.GTS_PDFX,
            OutputConditionIdentifier=String(settings.output_condition_identifier),
            OutputCondition=String(settings.output_condition),
            Info=String(settings.output_condition),
        )
        if settings.registry_name:
            oi.RegistryName = String(settings.registry_name)
        if profile is not None:
            stream = pdf.make_stream(profile)
            stream.N = 1 if profile[16:20] == b"GRAY" else 4
            oi.DestOutputProfile = stream
        pdf.Root.OutputIntents = Array([pdf.make_indirect(oi)])
        fix_fonts(pdf)
        pdf.trailer.ID = Array(
            [String(bytes.fromhex(digest[:32])), String(bytes.fromhex(digest[32:64]))]
        )

        info = pdf.docinfo
        info[Name.Title] = String(title)
        info[Name.Creator] = String(creator)
        if not str(info.get(Name.Producer, "")):
            info[Name.Producer] = String(creator)
        info[Name.CreationDate] = String(date)
        info[Name.ModDate] = String(date)
        info[Name("/GTS_PDFXVersion")] = String(settings.version)
        info[Name.Trapped] = Name("/False")  # not Name.False_ (that is /False_)
        label = ""
        if proof or status:
            label = ("proof, " if proof else "") + f"{NOT_FINAL}: {status or 'proof'}"
            info[Name("/NewspageStatus")] = String(label)
        elif Name("/NewspageStatus") in info:
            del info[Name("/NewspageStatus")]
        producer = str(info[Name.Producer])

        # Start from an empty packet so nothing stale (or clock-derived) survives.
        if Name.Metadata in pdf.Root:
            del pdf.Root[Name.Metadata]
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            xmp["dc:title"] = title
            xmp["dc:format"] = "application/pdf"
            xmp["xmp:CreateDate"] = iso
            xmp["xmp:ModifyDate"] = iso
            xmp["xmp:MetadataDate"] = iso
            xmp["xmp:CreatorTool"] = creator
            xmp["pdf:Producer"] = producer
            xmp["pdf:Trapped"] = "False"
            xmp["pdfxid:GTS_PDFXVersion"] = settings.version
            xmp["xmpMM:DocumentID"] = doc_uuid
            xmp["xmpMM:InstanceID"] = instance_uuid
            xmp["xmpMM:VersionID"] = digest[:8]
            xmp["xmpMM:RenditionClass"] = "proof" if proof else ("draft" if status else "default")
            if label:
                xmp["xmp:Label"] = label

        # Into memory, then written by Python: qpdf aborts the process on a
        # write error (disk full) instead of raising (issue 14, item 5).
        buf = io.BytesIO()
        pdf.save(
            buf,
            force_version="1.4",
            deterministic_id=True,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
            qdf=False,
        )
    dst.write_bytes(buf.getvalue())


def read_profile(path: Path) -> bytes:
    """An ICC output profile's bytes, checked: a printer (prtr) CMYK or GRAY profile."""
    from .errors import NewspageError

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise NewspageError(f"print.output_profile: cannot read {path}: {exc.strerror}") from None
    if len(data) < 128 or data[36:40] != b"acsp":
        raise NewspageError(f"print.output_profile: {path} is not an ICC profile")
    if data[12:16] != b"prtr" or data[16:20] not in (b"CMYK", b"GRAY"):
        kind = data[12:16].decode("latin-1") + "/" + data[16:20].decode("latin-1")
        raise NewspageError(
            f"print.output_profile: {path} is a {kind} profile; PDF/X needs an output"
            " (prtr) profile in CMYK or GRAY"
        )
    if data[8] > 2:
        raise NewspageError(
            f"print.output_profile: {path} is ICC version {data[8]}; PDF/X-1a (PDF 1.4)"
            " takes version 2 profiles"
        )
    return data


_TAG = __import__("re").compile(r"^[A-Z]{6}\+")
_WIDE = __import__("re").compile(rb"<([0-9A-Fa-f]{2,4})> <([0-9A-Fa-f]{5,6})>")


def _surrogates(m) -> bytes:
    cp = int(m.group(2), 16)
    v = cp - 0x10000
    hi, lo = 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF)
    return b"<" + m.group(1) + b"> <%04X%04X>" % (hi, lo)


def fix_fonts(pdf) -> None:
    """Subset tags from each subset's glyph program; non-BMP ToUnicode fixed.

    A tag is six letters of the SHA-256 of the embedded font program, so the
    same name always means the same glyphs, in one file and across files
    (PDF 32000 9.6.4: distinct subsets must have distinct tags).
    """
    import hashlib

    from pikepdf import Name

    seen: dict[str, bytes] = {}  # tag+name → program hash
    for font in _fonts(pdf):
        desc = font.get(Name.FontDescriptor)
        prog = None
        if desc is not None:
            for key in (Name.FontFile2, Name.FontFile, Name.FontFile3):
                if key in desc:
                    prog = desc[key]
                    break
        tu = font.get(Name.ToUnicode)
        if tu is not None:
            raw = tu.read_bytes()
            fixed = _WIDE.sub(_surrogates, raw)
            if fixed != raw:
                tu.write(fixed)
        name = str(font.get(Name.BaseFont, ""))[1:]
        if prog is None or not _TAG.match(name):
            continue
        data = prog.read_bytes()
        h = hashlib.sha256(data + (tu.read_bytes() if tu is not None else b"")).digest()
        bare = name[7:]
        new = Name("/" + subset_tag(h, bare, seen) + "+" + bare)
        font[Name.BaseFont] = new
        if desc is not None:
            desc[Name.FontName] = new


def subset_tag(h: bytes, name: str, seen: dict[str, bytes]) -> str:
    """The six-letter subset tag of a font program whose hash is `h`: derived
    from the glyphs, so the same subset gets the same tag; a different subset
    that already has it (in `seen`, tag + name → hash) takes the next one."""
    n = 0
    while True:
        tag = _letters(h, n)
        other = seen.get(tag + name)
        if other is None or other == h:
            break
        n += 1
    seen[tag + name] = h
    return tag


def _letters(h: bytes, n: int) -> str:
    import hashlib

    if n:
        h = hashlib.sha256(h + n.to_bytes(4, "big")).digest()
    num = int.from_bytes(h[:8], "big")
    out = []
    for _ in range(6):
        num, r = divmod(num, 26)
        out.append(chr(65 + r))
    return "".join(out)


def _fonts(pdf):
    """Every font dictionary used by the pages (and their form XObjects), once."""
    from pikepdf import Name

    seen = set()
    stack = [page.obj.get(Name.Resources) for page in pdf.pages]
    while stack:
        res = stack.pop()
        if res is None:
            continue
        for font in (res.get(Name.Font) or {}).values():
            key = font.objgen
            if key not in seen or key == (0, 0):
                seen.add(key)
                yield font
        for xo in (res.get(Name.XObject) or {}).values():
            if xo.get(Name.Subtype) == Name.Form and xo.objgen not in seen:
                seen.add(xo.objgen)
                stack.append(xo.get(Name.Resources))
