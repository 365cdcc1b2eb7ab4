"""PDF/X-1a:2003 finishing step: reportlab's output → a PDF a printing plant accepts.

reportlab writes neither an OutputIntent nor the GTS keys (print-ready.md 3.6), so
this module reopens its file with pikepdf and adds what PDF/X-1a:2003 asks for:

* Info ``GTS_PDFXVersion``, ``Trapped /False``, ``Title``, ``CreationDate``,
  ``ModDate`` (both from ``created``, in UTC), ``Creator``;
* one ``/GTS_PDFX`` OutputIntent naming a registered characterization (IFRA26,
  ICC registry, no embedded profile: allowed for X-1a, print-ready.md 1.2 row 12);
* an XMP packet that agrees with the Info dictionary (recommended for X-1a),
  written without pikepdf's "now" MetadataDate so that it is deterministic;
* saved as PDF 1.4 without object streams, with a deterministic trailer ``/ID``.

The same input and ``created`` give byte-identical output. ``pikepdf`` is imported
inside the function so that importing this module (and starting the CLI) stays cheap.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PdfxSettings", "finish_pdfx", "pdf_date", "xmp_date"]

# Namespace for the deterministic XMP document/instance IDs (uuid5 of title + date).
_UUID_NS = uuid.UUID("6f1c0a52-3b1e-5d7a-9a43-6e6577737061")


@dataclass(frozen=True)
class PdfxSettings:
    version: str = "PDF/X-1a:2003"
    output_condition_identifier: str = "IFRA26"
    registry_name: str = "http://www.color.org"
    output_condition: str = "Coldset offset lithography on newsprint (ISO 12647-3), IFRA26"


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
) -> None:
    """Add the PDF/X-1a keys to ``src`` (a reportlab PDF) and write ``dst``.

    ``src`` and ``dst`` must differ. Dates come from ``created`` only (never the
    clock), so the output is reproducible.
    """
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    src, dst = Path(src), Path(dst)
    if src.resolve() == dst.resolve():
        raise ValueError("finish_pdfx: src and dst must be different files")
    date = pdf_date(created)
    iso = xmp_date(created)
    doc_uuid = "uuid:" + str(uuid.uuid5(_UUID_NS, title + "\n" + iso))

    with pikepdf.open(src) as pdf:
        oi = Dictionary(
            Type=Name.OutputIntent,
            S=Name.GTS_PDFX,
            OutputConditionIdentifier=String(settings.output_condition_identifier),
            RegistryName=String(settings.registry_name),
            OutputCondition=String(settings.output_condition),
            Info=String(settings.output_condition),
        )
        pdf.Root.OutputIntents = Array([pdf.make_indirect(oi)])

        info = pdf.docinfo
        info[Name.Title] = String(title)
        info[Name.Creator] = String(creator)
        if not str(info.get(Name.Producer, "")):
            info[Name.Producer] = String(creator)
        info[Name.CreationDate] = String(date)
        info[Name.ModDate] = String(date)
        info[Name("/GTS_PDFXVersion")] = String(settings.version)
        info[Name.Trapped] = Name("/False")  # not Name.False_ (that is /False_)
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
            xmp["xmpMM:InstanceID"] = doc_uuid
            xmp["xmpMM:VersionID"] = "1"
            xmp["xmpMM:RenditionClass"] = "default"

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
