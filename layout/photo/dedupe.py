"""One copy of each image in a PDF made of several pages' files.

Each page is rendered on its own, so a photo used on two pages (or a house image
repeated) arrives once per page file; `share_images` points every page at the first
copy of an identical image XObject (same stream bytes and dictionary), and the
duplicates, no longer referenced, are not written when the PDF is saved.
"""

from __future__ import annotations

import hashlib


def _key(xobj) -> str:
    h = hashlib.sha256(xobj.read_raw_bytes())
    for k in sorted(str(k) for k in xobj.keys()):
        if k != "/Length":
            h.update(f"{k}={xobj[k]!r}".encode())
    return h.hexdigest()


def share_images(pdf) -> int:
    """Makes identical image XObjects of an open pikepdf.Pdf one object; returns how
    many references were redirected."""
    first: dict[str, object] = {}
    moved = 0
    for page in pdf.pages:
        res = page.obj.get("/Resources")
        xobjects = res.get("/XObject") if res is not None else None
        if xobjects is None:
            continue
        for name in list(xobjects.keys()):
            xo = xobjects[name]
            if str(xo.get("/Subtype")) != "/Image":
                continue
            key = _key(xo)
            if key not in first:
                first[key] = xo
            elif first[key].objgen != xo.objgen:
                xobjects[name] = first[key]
                moved += 1
    return moved
