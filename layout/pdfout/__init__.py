"""Our own PDF writer: a page's display list → a PDF/X-1a:2003 file, in one pass.

`objects` (PDF objects in memory and their bytes), `truetype` (faces from the
mapped face files, subsets), `content` (the content stream), `page` (the
document: fonts, PDF/X keys, XMP). `layout.render` uses it for every page
without photos or placed PDFs; those still go through reportlab and pikepdf.
"""
