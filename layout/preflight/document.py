"""Preflight: document-level checks."""

from __future__ import annotations

import re

from .findings import PreflightSettings, _Findings
from .geometry import _get, _name, _num
from .walker import _filters

# ---------------------------------------------------------------------------
# Document-level checks
# ---------------------------------------------------------------------------

_PDF_DATE = re.compile(r"^(D:)?\d{4}(\d{2}){0,5}([Zz]|[+-]\d{2}('?\d{2}'?)?)?$")


def _version_tuple(v: str) -> tuple[int, int]:
    try:
        a, b = v.strip().lstrip("/").split(".")[:2]
        return int(a), int(b)
    except ValueError:
        return (9, 9)


def _flavour(pdf, settings: PreflightSettings, out: _Findings) -> tuple[str, str]:
    """Returns (flavour, claimed version): flavour '1a', '4' or '' (unsupported/none)."""
    claimed_info = str(_get(pdf.docinfo, "/GTS_PDFXVersion", "")) if pdf.docinfo else ""
    claimed_xmp = ""
    try:
        meta = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        claimed_xmp = str(meta.get("pdfxid:GTS_PDFXVersion") or "")
    except Exception:
        pass
    claimed = claimed_info or claimed_xmp
    if claimed_info and claimed_xmp and claimed_info != claimed_xmp:
        out.error(
            None,
            "pdfx",
            f"Info GTS_PDFXVersion {claimed_info!r} differs from XMP {claimed_xmp!r}",
        )
    if settings.pdfx_version:
        if claimed != settings.pdfx_version:
            got = repr(claimed) if claimed else "nothing"
            out.error(None, "pdfx", f"file claims {got}, expected {settings.pdfx_version}")
        target = settings.pdfx_version
    else:
        target = claimed
        if not claimed:
            out.error(None, "pdfx", "no GTS_PDFXVersion: the file does not claim PDF/X")
        elif claimed not in ("PDF/X-1a:2003", "PDF/X-4"):
            out.error(
                None,
                "pdfx",
                f"PDF/X version {claimed!r} is not one this plant accepts "
                "(PDF/X-1a:2003 or PDF/X-4)",
            )
    if target.startswith("PDF/X-4"):
        return "4", claimed
    if target.startswith("PDF/X-1a") or not target:
        return "1a", claimed
    return "", claimed


def _check_document(pdf, settings: PreflightSettings, out: _Findings) -> bool:
    """PDF/X document keys; returns True when the X-1a content rules apply."""
    from .kinds import is_stream

    flavour, _ = _flavour(pdf, settings, out)
    x4 = flavour == "4"
    x1a = not x4

    # version and file structure
    version = pdf.pdf_version
    cat_version = _name(_get(pdf.Root, "/Version"))
    eff = max(_version_tuple(version), _version_tuple(cat_version) if cat_version else (0, 0))
    limit = (1, 6) if x4 else (1, 4)
    if eff > limit:
        out.error(
            None,
            "pdfx",
            f"PDF version {eff[0]}.{eff[1]} is above {limit[0]}.{limit[1]}",
            "catalog /Version" if cat_version else "file header",
        )
    uses_objstm = str(_get(pdf.trailer, "/Type", "")) == "/XRef"
    if not uses_objstm:
        uses_objstm = any(
            is_stream(o) and str(_get(o, "/Type", "")) == "/ObjStm" for o in pdf.objects
        )
    if uses_objstm and limit <= (1, 4):
        out.error(None, "pdfx", "object or cross-reference streams (PDF 1.5) in a PDF 1.4 file")
    if pdf.is_encrypted or "/Encrypt" in pdf.trailer:
        out.error(None, "pdfx", "the file is encrypted")

    # trailer ID
    file_id = _get(pdf.trailer, "/ID")
    ok_id = False
    try:
        ok_id = len(file_id) == 2 and all(len(bytes(x)) > 0 for x in file_id)
    except Exception:
        ok_id = False
    if not ok_id:
        out.error(None, "pdfx", "trailer /ID missing or not two non-empty strings")

    # Info dictionary
    info = pdf.docinfo if "/Info" in pdf.trailer else None
    if info is None:
        out.error(None, "pdfx", "no Info dictionary")
    info_dates: dict[str, str] = {}
    title = ""
    if info is not None:
        title = str(_get(info, "/Title", ""))
        if not title.strip():
            out.error(None, "pdfx", "Info /Title missing or empty")
        for key in ("/CreationDate", "/ModDate"):
            v = str(_get(info, key, ""))
            if not v:
                out.error(None, "pdfx", f"Info {key} missing")
            elif not _PDF_DATE.match(v.replace(" ", "")):
                out.error(None, "pdfx", f"Info {key} {v!r} is not a PDF date")
            else:
                info_dates[key] = v
        trapped = _get(info, "/Trapped")
        if trapped is None:
            out.error(None, "pdfx", "Info /Trapped missing (must be /True or /False)")
        elif _name(trapped) not in ("/True", "/False"):
            out.error(None, "pdfx", f"Info /Trapped is {trapped!r}, must be /True or /False")
        # newspage marks a page with overset or a hole, or a proof (issue 14 item 13)
        status = str(_get(info, "/NewspageStatus", "")).strip()
        if status:
            out.error(None, "final", f"not ready for print: {status}", "Info /NewspageStatus")
    _check_output_intent(pdf, settings, x4, out)
    _check_xmp(pdf, x4, title, info_dates, out)
    _check_catalog(pdf, x1a, out)
    return x1a


def _check_output_intent(pdf, settings: PreflightSettings, x4: bool, out: _Findings) -> None:
    intents = _get(pdf.Root, "/OutputIntents")
    gts = []
    if intents is not None:
        try:
            gts = [oi for oi in intents if str(_get(oi, "/S", "")) == "/GTS_PDFX"]
        except TypeError:
            gts = []
    if len(gts) != 1:
        out.error(None, "pdfx", f"{len(gts)} /GTS_PDFX OutputIntents (exactly one required)")
        return
    oi = gts[0]
    ident = str(_get(oi, "/OutputConditionIdentifier", "")).strip()
    where = "catalog /OutputIntents"
    if not ident:
        out.error(None, "pdfx", "OutputIntent has no OutputConditionIdentifier", where)
    elif settings.output_condition_identifier and ident != settings.output_condition_identifier:
        out.error(
            None,
            "pdfx",
            f"OutputConditionIdentifier {ident!r}, expected "
            f"{settings.output_condition_identifier!r}",
            where,
        )
    registry = str(_get(oi, "/RegistryName", "")).strip()
    profile = _get(oi, "/DestOutputProfile")
    if profile is None:
        if x4:
            out.error(None, "pdfx", "PDF/X-4 needs an embedded DestOutputProfile", where)
        elif registry.rstrip("/") != "http://www.color.org" or ident in ("", "Custom"):
            out.error(
                None,
                "pdfx",
                "OutputIntent without DestOutputProfile must name a registered condition "
                "with RegistryName http://www.color.org",
                where,
            )
    else:
        _check_profile(profile, x4, out)
    if ident == "Custom" and not str(_get(oi, "/Info", "")).strip():
        out.error(None, "pdfx", "a Custom OutputIntent needs an /Info text", where)


def _check_profile(profile, x4: bool, out: _Findings) -> None:
    where = "OutputIntent DestOutputProfile"
    try:
        head = profile.read_bytes()[:20]
    except Exception as exc:
        out.error(None, "pdfx", f"cannot read the output profile: {exc}", where)
        return
    if len(head) < 20:
        out.error(None, "pdfx", "output profile is too short to be ICC", where)
        return
    cls, space, major = head[12:16], head[16:20], head[8]
    n = int(_num(_get(profile, "/N"), 0))
    if cls != b"prtr":
        out.error(None, "pdfx", f"output profile class {cls!r}, must be 'prtr'", where)
    if (space, n) not in ((b"CMYK", 4), (b"GRAY", 1)):
        out.error(None, "pdfx", f"output profile space {space!r} with /N {n}", where)
    if major > (4 if x4 else 2):
        out.error(None, "pdfx", f"ICC version {major} profile is too new for this PDF", where)


_DATE_PARTS = re.compile(
    r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz])|([+-])(\d{2})'?(\d{2})?'?)?$"
)


def _parse_pdf_date(v: str):
    """A PDF date string as a datetime (with its zone when it names one), or None."""
    import datetime as dt

    m = _DATE_PARTS.match(v.strip())
    if m is None:
        return None
    year, month, day, hour, minute, sec, z, sign, tzh, tzm = m.groups()
    try:
        tz = None
        if z:
            tz = dt.UTC
        elif sign:
            delta = dt.timedelta(hours=int(tzh), minutes=int(tzm or 0))
            tz = dt.timezone(delta if sign == "+" else -delta)
        return dt.datetime(
            int(year), int(month or 1), int(day or 1), int(hour or 0), int(minute or 0),
            int(sec or 0), tzinfo=tz,
        )  # fmt: skip
    except ValueError:
        return None


def _check_xmp(pdf, x4: bool, title: str, info_dates: dict[str, str], out: _Findings) -> None:
    import datetime as dt

    if _get(pdf.Root, "/Metadata") is None:
        if x4:
            out.error(None, "pdfx", "no XMP metadata (required for PDF/X-4)")
        else:
            out.warning(None, "pdfx", "no XMP metadata (recommended for PDF/X-1a)")
        return
    try:
        meta = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        values = {
            k: meta.get(k)
            for k in (
                "dc:title",
                "xmp:CreateDate",
                "xmp:ModifyDate",
                "pdf:Trapped",
                "xmpMM:DocumentID",
                "xmpMM:VersionID",
                "xmpMM:RenditionClass",
                "pdfxid:GTS_PDFXVersion",
            )
        }
    except Exception as exc:
        out.error(None, "pdfx", f"XMP metadata cannot be read: {exc}")
        return
    sev = "error" if x4 else "warning"
    if x4:
        for k, v in values.items():
            if not v:
                out.error(None, "pdfx", f"XMP {k} missing (required for PDF/X-4)")
    xmp_title = values.get("dc:title")
    if xmp_title and title and str(xmp_title) != title:
        out.add(sev, None, "pdfx", "XMP dc:title differs from Info /Title")
    for xkey, ikey in (("xmp:CreateDate", "/CreationDate"), ("xmp:ModifyDate", "/ModDate")):
        xv, iv = values.get(xkey), info_dates.get(ikey)
        if not xv or not iv:
            continue
        try:
            xd = dt.datetime.fromisoformat(str(xv).replace("Z", "+00:00"))
        except ValueError:
            out.add(sev, None, "pdfx", f"XMP {xkey} {xv!r} is not a date")
            continue
        idate = _parse_pdf_date(iv)
        if idate is None:
            continue
        if xd.tzinfo is None or idate.tzinfo is None:
            same = xd.replace(tzinfo=None) == idate.replace(tzinfo=None)
        else:
            same = xd == idate
        if not same:
            out.add(sev, None, "pdfx", f"XMP {xkey} differs from Info {ikey}", f"{xv} vs {iv}")


def _check_catalog(pdf, x1a: bool, out: _Findings) -> None:
    from .kinds import is_dict, is_stream

    root = pdf.Root
    if _get(root, "/AA") is not None:
        out.error(None, "content", "document additional actions (/AA)", "catalog")
    oa = _get(root, "/OpenAction")
    if oa is not None and is_dict(oa):
        out.error(None, "content", f"open action {_get(oa, '/S', '')}", "catalog /OpenAction")
    names = _get(root, "/Names")
    if _get(names, "/JavaScript") is not None:
        out.error(None, "content", "document JavaScript", "catalog /Names")
    if _get(names, "/EmbeddedFiles") is not None:
        out.error(None, "content", "embedded files", "catalog /Names")
    form = _get(root, "/AcroForm")
    if form is not None and len(_get(form, "/Fields", [])) > 0:
        out.error(None, "content", "interactive form fields (AcroForm)", "catalog")
    bad = {"/LZWDecode", "/JBIG2Decode"} | ({"/JPXDecode"} if x1a else set())
    seen: set[str] = set()
    for obj in pdf.objects:
        if is_stream(obj):
            for f in _filters(obj):
                if f in bad and f not in seen:
                    seen.add(f)
                    out.error(None, "content", f"stream filter {f[1:]} is not allowed", "")
