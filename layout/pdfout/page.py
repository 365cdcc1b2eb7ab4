"""A display list → one PDF/X-1a:2003 page, written directly (no reportlab, no pikepdf).

What reportlab drew and `layout.pdfx` finished, in one pass: DeviceCMYK
text and rules (black is K only), tints as K, marks in the Separation /All,
overprinting black, TrimBox and BleedBox, TrueType subsets of 255 glyphs
each with ToUnicode maps (characters beyond the BMP as surrogate pairs) and
tags from the SHA-256 of their program, the /GTS_PDFX OutputIntent, the
Info keys, an XMP packet that agrees with them and a trailer /ID from the
page's content hash. The same input gives the same bytes.

The page is kept in memory as the objects written (`layout.pdfout.objects`)
and the content stream's instructions as drawn, so preflight checks the
page it was handed without parsing its bytes again (`preflight.preflight_written`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .content import Fonts, draw, resource
from .objects import Array, Dict, Document, Name, Stream, String, fmt
from .subsets import subset_program
from .truetype import FF_NONSYMBOLIC, FF_SYMBOLIC, Face


@dataclass
class WrittenPage:
    """A page as preflight reads it: the page dictionary and its instructions."""

    obj: Dict
    instructions: list = field(default_factory=list)


class Written(Document):
    """The document as written, with what preflight asks of a pikepdf.Pdf."""

    pdf_version = "1.4"
    is_encrypted = False
    images = 0  # the writer draws no image (pages with photos go through reportlab)

    def __init__(self) -> None:
        super().__init__()
        self.pages: list[WrittenPage] = []
        self.Root = Dict()
        self.docinfo = Dict()
        self.xmp: dict[str, str] = {}
        self.digest = ""  # SHA-256 hex of what the page prints (slug, XMP, /ID)

    def open_metadata(self, **_: Any) -> dict[str, str]:
        return self.xmp

    def check_pdf_syntax(self) -> list[str]:
        """The file's cross-reference table against its bytes: each entry at its
        object, startxref at the table; each stream's /Length its data's."""
        data = self.data
        problems = []
        for i, off in enumerate(self.offsets, start=1):
            if not data.startswith(b"%d 0 obj\n" % i, off):
                problems.append(f"object {i}: xref offset {off} is not its start")
        tail = data[data.rfind(b"startxref") :].split()
        if len(tail) < 2 or not data.startswith(b"xref\n", int(tail[1])):
            problems.append("startxref does not point at the xref table")
        for obj in self.objects:
            if isinstance(obj, Stream):
                off = self.offsets[obj.objgen[0] - 1]
                start = data.find(b"\nstream\n", off) + 8
                end = start + obj["/Length"]
                if not data.startswith(b"\nendstream", end):
                    problems.append(f"object {obj.objgen[0]}: stream /Length is wrong")
        return problems


# --- the document ------------------------------------------------------------------


def build(
    dl,
    faces: dict[Any, Face],
    *,
    title: str,
    created: dt.datetime,
    status: str,
    proof: bool,
    settings,
    press,
    slug_text: str,
    note: str,
    slug_fallback: dict,
    outlines,
    profile: bytes | None,
) -> Written:
    """The page as a PDF/X-1a:2003 document in memory (`.write()` gives its bytes).

    The page's hash (slug, XMP InstanceID, /ID) is taken of what it prints:
    the content drawn before the slug, each face's file and the characters of
    its subsets, and the title, date, status and PDF/X and press settings."""
    from ..pdfx import NOT_FINAL, pdf_date, subset_tag, uuid5, uuid_text, xmp_date

    hashed: list[str] = []

    def slug_for(content, fonts) -> str:
        h = hashlib.sha256("\n".join(content.parts).encode("latin-1"))
        for key in fonts.order:
            face = fonts.by_key[key]
            h.update(repr((key, face.filename, fonts.subsets[key])).encode())
        parts = (title, pdf_date(created), status, proof, settings, press, note)
        h.update(repr(parts).encode("utf-8"))
        hashed.append(h.hexdigest())
        if not slug_text:
            return ""
        stamp = xmp_date(created)[:16].replace("T", " ")  # UTC
        return slug_text + f"  {stamp}Z  #{hashed[0][:8]}" + ("  NOT FINAL" if note else "")

    content, fonts, uses_all = draw(
        dl,
        faces,
        overprint=press.overprint,
        marks=press.marks,
        slug_text=slug_for,
        note=note,
        slug_fallback=slug_fallback,
        outlines=outlines,
    )
    digest = hashed[0]
    doc = Written()
    doc.digest = digest
    st = dl.sheet
    off = st.bleed + st.slug
    media = _box(0, 0, st.trim_w + 2 * off, st.trim_h + 2 * off)
    trim = _box(off, off, off + st.trim_w, off + st.trim_h)
    b = st.bleed
    bleed = _box(off - b, off - b, off + st.trim_w + b, off + st.trim_h + b)

    catalog = doc.add(Dict({"/Type": Name("/Catalog")}))
    info = doc.add(Dict())
    pages = doc.add(Dict({"/Type": Name("/Pages"), "/Count": 1}))
    catalog["/Pages"] = pages
    font_dict = Dict()
    resources = Dict({"/Font": font_dict, "/ProcSet": Array([Name("/PDF"), Name("/Text")])})
    if press.overprint:
        gs = Dict({"/Type": Name("/ExtGState"), "/op": True, "/OP": True, "/OPM": 1})
        resources["/ExtGState"] = Dict({"/GS0": gs})
    if uses_all:
        tint = Stream(
            b"{dup 1.0 mul exch dup 1.0 mul exch dup 1.0 mul exch 1.0 mul}",
            compress=False,
            **{
                "/FunctionType": 4,
                "/Domain": Array([0, 1]),
                "/Range": Array([0, 1, 0, 1, 0, 1, 0, 1]),
            },
        )
        doc.add(tint)
        sep = Array([Name("/Separation"), Name("/All"), Name("/DeviceCMYK"), tint])
        resources["/ColorSpace"] = Dict({"/All": sep})
    stream = doc.add(Stream("\n".join(content.parts).encode("latin-1")))
    page = doc.add(
        Dict(
            {
                "/Type": Name("/Page"),
                "/Parent": pages,
                "/MediaBox": media,
                "/TrimBox": trim,
                "/BleedBox": bleed,
                "/Resources": resources,
                "/Contents": stream,
            }
        )
    )
    pages["/Kids"] = Array([page])
    _add_fonts(doc, fonts, font_dict, subset_tag)

    date = pdf_date(created)
    iso = xmp_date(created)
    label = ""
    if proof or status:
        label = ("proof, " if proof else "") + f"{NOT_FINAL}: {status or 'proof'}"
    info.update(
        {
            "/Title": String.text(title),
            "/Author": String(b"newspage"),
            "/Subject": String.text(title),
            "/Creator": String(b"newspage"),
            "/Producer": String(b"newspage"),
            "/CreationDate": String(date.encode()),
            "/ModDate": String(date.encode()),
            "/GTS_PDFXVersion": String(settings.version.encode()),
            "/Trapped": Name("/False"),
        }
    )
    if label:
        info["/NewspageStatus"] = String.text(label)
    oi = Dict(
        {
            "/Type": Name("/OutputIntent"),
            "/S": Name("/GTS_PDFX"),
            "/OutputConditionIdentifier": String.text(settings.output_condition_identifier),
            "/OutputCondition": String.text(settings.output_condition),
            "/Info": String.text(settings.output_condition),
        }
    )
    if settings.registry_name:
        oi["/RegistryName"] = String.text(settings.registry_name)
    if profile is not None:
        icc = doc.add(Stream(profile, **{"/N": 1 if profile[16:20] == b"GRAY" else 4}))
        oi["/DestOutputProfile"] = icc
    catalog["/OutputIntents"] = Array([doc.add(oi)])
    doc.xmp = {
        "dc:title": title,
        "dc:format": "application/pdf",
        "xmp:CreateDate": iso,
        "xmp:ModifyDate": iso,
        "xmp:MetadataDate": iso,
        "xmp:CreatorTool": "newspage",
        "pdf:Producer": "newspage",
        "pdf:Trapped": "False",
        "pdfxid:GTS_PDFXVersion": settings.version,
        "xmpMM:DocumentID": "uuid:" + uuid5(title + "\n" + iso),
        "xmpMM:InstanceID": "uuid:" + uuid_text(bytes.fromhex(digest[:32])),
        "xmpMM:VersionID": digest[:8],
        "xmpMM:RenditionClass": "proof" if proof else ("draft" if status else "default"),
    }
    if label:
        doc.xmp["xmp:Label"] = label
    meta = Stream(
        xmp_packet(doc.xmp).encode("utf-8"),
        compress=False,
        **{"/Type": Name("/Metadata"), "/Subtype": Name("/XML")},
    )
    catalog["/Metadata"] = doc.add(meta)
    doc.trailer.update(
        {
            "/Root": catalog,
            "/Info": info,
            "/ID": Array(
                [String(bytes.fromhex(digest[:32])), String(bytes.fromhex(digest[32:64]))]
            ),
        }
    )
    doc.Root, doc.docinfo = catalog, info
    doc.pages.append(WrittenPage(page, content.ins))
    return doc


def _box(*values: float) -> Array:
    """A box as the file has it (numbers as written), so preflight checks those."""
    return Array([float(fmt(v)) for v in values])


def _add_fonts(doc: Written, fonts: Fonts, font_dict: Dict, subset_tag) -> None:
    """One TrueType font per subset, its program, descriptor and ToUnicode map."""
    seen: dict[str, bytes] = {}
    for i, ref in enumerate(fonts.order):
        face = fonts.by_key[ref]
        ps = bytes(face.name).decode("latin-1") + bytes(face.subfontNameX).decode("latin-1")
        flags = (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC
        for n, subset in enumerate(fonts.subsets[ref]):
            program, packed = subset_program(face, subset)
            cmap = _tounicode(ps, subset)
            h = hashlib.sha256(program + cmap).digest()
            base = Name("/" + subset_tag(h, ps, seen) + "+" + ps)
            file = doc.add(Stream(program, **{"/Length1": len(program)}))
            file.packed = packed
            desc = doc.add(
                Dict(
                    {
                        "/Type": Name("/FontDescriptor"),
                        "/FontName": base,
                        "/Flags": flags,
                        "/FontBBox": Array(face.bbox),
                        "/ItalicAngle": face.italicAngle,
                        "/Ascent": face.ascent,
                        "/Descent": face.descent,
                        "/CapHeight": face.capHeight,
                        "/StemV": face.stemV,
                        "/MissingWidth": face.defaultWidth,
                        "/FontFile2": file,
                    }
                )
            )
            tu = doc.add(Stream(cmap))
            font = doc.add(
                Dict(
                    {
                        "/Type": Name("/Font"),
                        "/Subtype": Name("/TrueType"),
                        "/BaseFont": base,
                        "/FirstChar": 0,
                        "/LastChar": len(subset) - 1,
                        "/Widths": Array([face.width(cp) for cp in subset]),
                        "/FontDescriptor": desc,
                        "/ToUnicode": tu,
                    }
                )
            )
            font_dict[resource(i, n)] = font


def _tounicode(name: str, subset: list[int]) -> bytes:
    """The ToUnicode CMap of a subset (code i → subset[i]; beyond the BMP as
    UTF-16 surrogate pairs)."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
        f"/CMapName /{name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<00> <%02X>" % (len(subset) - 1),
        "endcodespacerange",
    ]
    for start in range(0, len(subset), 100):
        chunk = subset[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        for i, cp in enumerate(chunk, start):
            lines.append(
                f"<{i:02X}> <{chr(cp).encode('utf-16-be', 'surrogatepass').hex().upper()}>"
            )
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")


_NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfxid": "http://www.npes.org/pdfx/ns/id/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
}


def xmp_packet(values: dict[str, str]) -> str:
    """An XMP packet of `values` (dc:title as a language alternative)."""
    props = []
    for key, value in values.items():
        prefix = key.split(":")[0]
        v = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if key == "dc:title":
            v = f'<rdf:Alt><rdf:li xml:lang="x-default">{v}</rdf:li></rdf:Alt>'
        props.append(f'<{key} xmlns:{prefix}="{_NS[prefix]}">{v}</{key}>')
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        ' <rdf:Description rdf:about="">' + "".join(props) + "</rdf:Description></rdf:RDF>\n"
        "</x:xmpmeta>\n" + " " * 100 + '\n<?xpacket end="w"?>'
    )


def profile_bytes(settings) -> bytes | None:
    from ..pdfx import read_profile

    return read_profile(settings.output_profile) if settings.output_profile else None


def faces_for(dl) -> dict[Any, Face] | None:
    """The light face of every face the page uses; None if one has no face file yet."""
    from ..fonts import face_file
    from ..rlface import ensure
    from .truetype import load

    out = {}
    for ref in dl.faces():
        store = face_file(ref.pdf_file, ref.pdf_index)
        face = load(store, Path(ref.pdf_file))
        if face is None and ensure(store, Path(ref.pdf_file), ref.pdf_index):
            face = load(store, Path(ref.pdf_file))  # the first page to embed the face
        if face is None:  # a face file that cannot be written (no cache): reportlab
            return None
        out[ref] = face
    return out
