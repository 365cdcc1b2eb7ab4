"""Font roles → usable TrueType files and their metrics.

In: `fonts/fonts.yaml` (roles such as song/hei/kai/fang with weights, and a
search path). Out: `Face` records — the TrueType file reportlab embeds and the
`Metrics` the typesetter measures with.

Only this module knows font files. Noto CJK ships CFF outlines, which
reportlab cannot embed ("postscript outlines are not supported"), so a CFF face
is converted to TrueType (cu2qu) once and cached on disk, keyed by the source
file's SHA-256; its metrics are cached beside it. A warm build therefore opens
two small cache files per face and never touches the outlines.

Cache folder: $NEWSPAGE_CACHE, else $XDG_CACHE_HOME/newspage, else
~/.cache/newspage.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import FontError
from .outdir import write_bytes_atomic

# Bump when the conversion or the metrics format changes: old cache files are
# then simply not found and rebuilt.
CACHE_VERSION = 3
# The face file's format (advances as packed arrays, layout.advances); its name
# carries it, so a checkout of another version sharing the cache keeps its own.
FACE_FORMAT = "a1"

# fonts/fonts.yaml: an installed wheel carries it as layout/fontdata (pyproject.toml),
# a checkout has it at the top of the repository.
_HERE = Path(__file__).resolve().parent
PROJECT_FONTS = _HERE / "fontdata" if (_HERE / "fontdata").is_dir() else _HERE.parent / "fonts"

# Code points whose ink box we record: punctuation and symbols, where the
# typesetter needs to know which half of the em box is blank (clreq 3.1.6).
_INK_RANGES = (
    (0x0020, 0x007F),
    (0x00A0, 0x00FF),
    (0x2000, 0x206F),
    (0x2100, 0x214F),
    (0x2190, 0x21FF),
    (0x25A0, 0x25FF),
    (0x2E00, 0x2E7F),
    (0x3000, 0x303F),
    (0xFE10, 0xFE6F),
    (0xFF00, 0xFFEF),
)

# GSUB features whose single substitutions we bake into the cmap of the
# converted font: `fwid` gives U+2014 a full 1-em glyph (the cmap glyph is
# 0.89 em, so `——` would be 1.78 em instead of 2; cjk-typesetting.md 2.4).
_BAKED_FEATURES = ("fwid",)
_BAKED_CHARS = (0x2014, 0x2E3A, 0x2015)


def cache_dir() -> Path:
    env = os.environ.get("NEWSPAGE_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "newspage"


@dataclass(frozen=True)
class Metrics:
    """Horizontal metrics in em (1.0 = the font size), from the font itself."""

    ascent: float  # OS/2 typo ascender, e.g. 0.88 for Noto CJK
    descent: float  # OS/2 typo descender (negative)
    advances: Mapping[int, float]  # code point → advance width (layout.advances)
    ink: dict[int, tuple[float, float, float, float]]  # punctuation: xmin, ymin, xmax, ymax

    def covers(self, ch: str) -> bool:
        return ord(ch) in self.advances

    def advance(self, ch: str) -> float:
        return self.advances.get(ord(ch), 1.0)


@dataclass(frozen=True)
class Face:
    """One font for one role and weight, ready for measuring and embedding."""

    role: str
    weight: str
    family: str
    source: Path  # the file the user named (may be CFF)
    pdf_file: Path  # the TrueType file reportlab embeds
    pdf_index: int  # face index inside pdf_file (a .ttc) or 0
    metrics: Metrics

    @property
    def key(self) -> str:
        """A PDF font resource name, unique per role and weight."""
        return f"{self.role}-{self.weight}"


@dataclass(frozen=True)
class FaceSpec:
    role: str
    weight: str
    file: str
    family: str | None


class FontSet:
    """The roles of one fonts.yaml; faces are resolved and converted on demand."""

    def __init__(self, specs: dict[tuple[str, str], FaceSpec], search_path: list[Path]):
        self._specs = specs
        self._search = search_path
        self._faces: dict[tuple[str, str], Face] = {}
        self._ready: dict[tuple[str, str], tuple[FaceSpec, Path]] = {}  # cached, not yet read

    @property
    def roles(self) -> list[tuple[str, str]]:
        return sorted(self._specs)

    def has(self, role: str, weight: str = "regular") -> bool:
        return (role, weight) in self._specs

    def face(self, role: str, weight: str = "regular") -> Face:
        key = (role, weight)
        if key not in self._faces:
            if key not in self._ready:
                self.prepare([key])
            spec, path = self._ready.pop(key)
            self._faces[key] = _load_face(spec, path)
        return self._faces[key]

    def load(self) -> None:
        """Read every prepared face now (before forking workers that share them)."""
        for key in list(self._ready):
            self.face(*key)

    def prepare(self, keys: Iterable[tuple[str, str]]) -> None:
        """Resolve several faces and make their cache files (cold CFF conversions run in
        parallel processes); each face's metrics are read when it is first asked for,
        so a page never unpickles a face it does not use."""
        todo = []
        for key in dict.fromkeys(keys):
            if key in self._faces or key in self._ready:
                continue
            spec = self._specs.get(key)
            if spec is None:
                known = ", ".join(f"{r}/{w}" for r, w in self.roles)
                raise FontError(
                    f"font role '{key[0]}' weight '{key[1]}' is not in fonts.yaml ({known})"
                )
            todo.append((key, spec, self._locate(spec)))
        cold = [t for t in todo if not _cached(t[2], t[1].family)]
        if len(cold) > 1:
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(max_workers=min(len(cold), os.cpu_count() or 1)) as pool:
                list(pool.map(_warm, [(str(p), s.family) for _, s, p in cold]))
        for key, spec, path in todo:
            self._ready[key] = (spec, path)

    def _locate(self, spec: FaceSpec) -> Path:
        name = Path(spec.file).expanduser()
        if name.is_absolute():
            if name.is_file():
                return name
        else:
            for folder in self._search:
                hit = folder / name
                if hit.is_file():
                    return hit
            for folder in self._search:  # system folders keep fonts in subfolders
                if folder.is_dir() and folder != PROJECT_FONTS:
                    for hit in folder.rglob(name.name):
                        if hit.is_file():
                            return hit
        where = ", ".join(str(p) for p in self._search)
        raise FontError(
            f"font file '{spec.file}' for role {spec.role}/{spec.weight} not found in {where}"
            " (on Debian: apt-get install fonts-noto-cjk fonts-lxgw-wenkai)"
        )


def load_fontset(config: Path | str | None = None) -> FontSet:
    """Read fonts.yaml (default: the project's fonts/fonts.yaml)."""
    import yaml

    path = Path(config) if config else PROJECT_FONTS / "fonts.yaml"
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise FontError(f"{path}: cannot read font configuration: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("roles"), dict):
        raise FontError(f"{path}: field 'roles' must map role names to weights")
    search = []
    for entry in data.get("search_path") or ["."]:
        p = Path(str(entry)).expanduser()
        search.append(p if p.is_absolute() else (path.parent / p).resolve())
    specs: dict[tuple[str, str], FaceSpec] = {}
    for role, weights in data["roles"].items():
        if not isinstance(weights, dict):
            raise FontError(f"{path}: role '{role}' must map weights to {{file: ...}}")
        for weight, entry in weights.items():
            if not isinstance(entry, dict) or not entry.get("file"):
                raise FontError(f"{path}: role '{role}' weight '{weight}' needs a 'file'")
            specs[(str(role), str(weight))] = FaceSpec(
                str(role), str(weight), str(entry["file"]), entry.get("family")
            )
    return FontSet(specs, search)


# --- cache -------------------------------------------------------------------


_HASHES: dict[tuple[str, int, int], str] = {}  # this process's memo of _file_hash


def _file_hash(path: Path) -> str:
    """SHA-256 of a font file, memoised on (path, size, mtime) to skip re-reading."""
    st = path.stat()
    memo = (str(path), st.st_size, st.st_mtime_ns)
    if memo in _HASHES:
        return _HASHES[memo]
    _HASHES[memo] = digest = _file_hash_stored(path, st)
    return digest


def _file_hash_stored(path: Path, st: os.stat_result) -> str:
    index_file = cache_dir() / "hashes.json"
    try:
        index = json.loads(index_file.read_text())
    except (OSError, ValueError):
        index = {}
    stamp = [st.st_size, st.st_mtime_ns]
    hit = index.get(str(path))
    if hit and hit[:2] == stamp:
        return hit[2]
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    digest = h.hexdigest()
    index[str(path)] = [*stamp, digest]
    _atomic_write(index_file, json.dumps(index, indent=0).encode())
    return digest


def _cache_stem(path: Path, family: str | None) -> Path:
    tag = hashlib.sha256(f"{family or ''}|{CACHE_VERSION}".encode()).hexdigest()[:8]
    return cache_dir() / "fonts" / f"{_file_hash(path)[:32]}-{tag}"


def _cached(path: Path, family: str | None) -> bool:
    return _face_path(_cache_stem(path, family)).is_file()


def _face_path(stem: Path) -> Path:
    return stem.with_name(f"{stem.name}-{FACE_FORMAT}.face")


# face files of the faces this process has read, by the file they embed:
# render adds reportlab's parse to the same file (one metrics file per face)
_FACE_FILES: dict[tuple[str, int], Path] = {}


def face_file(pdf_file: Path, pdf_index: int) -> Path:
    """The one metrics file of the face that embeds (pdf_file, pdf_index).

    A face this process measured has its file; any other TrueType file gets
    one of its own, keyed by its identity (path, size, mtime)."""
    hit = _FACE_FILES.get((str(pdf_file), pdf_index))
    if hit is not None:
        return hit
    st = pdf_file.stat()
    ident = f"{pdf_file}|{pdf_index}|{st.st_size}|{st.st_mtime_ns}"
    return cache_dir() / "faces" / f"{hashlib.sha256(ident.encode()).hexdigest()[:32]}.face"


def _atomic_write(target: Path, data: bytes) -> None:
    write_bytes_atomic(target, data, make_parent=True)


def _warm(args: tuple[str, str | None]) -> None:
    """Worker entry point: build the cache for one face."""
    path, family = args
    _build_cache(Path(path), family)


def _load_face(spec: FaceSpec, path: Path) -> Face:
    from . import facefile
    from .advances import Advances

    stem = _cache_stem(path, spec.family)
    face_path = _face_path(stem)
    info = facefile.read_meta(face_path)
    if not info and _upgrade(stem, face_path):
        info = facefile.read_meta(face_path)
    if not info:
        _build_cache(path, spec.family)
        info = facefile.read_meta(face_path)
        if not info:
            raise FontError(f"{path}: cannot write the font cache in {face_path.parent}")
    pdf_file = Path(info["pdf_file"]) if info["pdf_file"] else stem.with_suffix(".ttf")
    _FACE_FILES[(str(pdf_file), info["pdf_index"])] = face_path
    advances = Advances(*info["advances"])
    metrics = Metrics(info["ascent"], info["descent"], advances, info["ink"])
    return Face(spec.role, spec.weight, info["family"], path, pdf_file, info["pdf_index"], metrics)


def _open_face(path: Path, family: str | None):
    """The fontTools TTFont of the wanted face (by family name inside a .ttc)."""
    from fontTools.ttLib import TTCollection, TTFont

    try:
        if path.suffix.lower() in (".ttc", ".otc"):
            coll = TTCollection(str(path), lazy=True)
            for i, font in enumerate(coll.fonts):
                if family is None or font["name"].getDebugName(1) == family:
                    return font, i
            names = ", ".join(str(f["name"].getDebugName(1)) for f in coll.fonts)
            raise FontError(f"{path}: no face named '{family}' (faces: {names})")
        return TTFont(str(path), lazy=True), 0
    except FontError:
        raise
    except Exception as exc:  # fontTools raises many kinds on a broken file
        raise FontError(f"{path}: not a usable font file: {exc}") from None


def _build_cache(path: Path, family: str | None) -> None:
    """Measure the face and, for CFF outlines, convert it to TrueType."""
    font, index = _open_face(path, family)
    stem = _cache_stem(path, family)
    cmap = dict(font.getBestCmap())
    is_cff = "CFF " in font or "CFF2" in font
    if is_cff:
        _bake_features(font, cmap)
    upm = font["head"].unitsPerEm
    hmtx = font["hmtx"].metrics
    advances = {cp: hmtx[g][0] / upm for cp, g in cmap.items()}
    gs = font.getGlyphSet()
    ink: dict[int, tuple[float, float, float, float]] = {}
    from fontTools.pens.boundsPen import BoundsPen

    for lo, hi in _INK_RANGES:
        for cp in range(lo, hi + 1):
            g = cmap.get(cp)
            if g is None:
                continue
            pen = BoundsPen(gs)
            gs[g].draw(pen)
            if pen.bounds:
                x0, y0, x1, y1 = pen.bounds
                ink[cp] = (x0 / upm, y0 / upm, x1 / upm, y1 / upm)
    from .advances import pack

    os2 = font["OS/2"]
    info = {
        "family": font["name"].getDebugName(1) or path.stem,
        "ascent": os2.sTypoAscender / upm,
        "descent": os2.sTypoDescender / upm,
        "advances": pack(advances),
        "ink": ink,
        "pdf_file": None if is_cff else str(path),
        "pdf_index": 0 if is_cff else index,
    }
    out = stem.with_suffix(".ttf")
    if is_cff and not out.is_file():  # the conversion is keyed by CACHE_VERSION alone
        _convert_to_truetype(font, cmap)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
        font.save(str(tmp))
        os.replace(tmp, out)
    from . import facefile

    facefile.write(_face_path(stem), info)


def _upgrade(stem: Path, target: Path) -> bool:
    """The face file of the format before (advances as a dict, `stem.face`)
    rewritten in this one, its renderer part kept: no font is measured again."""
    from . import facefile
    from .advances import pack

    old = stem.with_suffix(".face")
    info = facefile.read_meta(old)
    if not info or not isinstance(info.get("advances"), dict):
        return False
    info = {**info, "advances": pack(info["advances"])}
    found = facefile.map_renderer(old)
    try:
        if found is None:
            facefile.write(target, info)
        else:
            fields, arrays = found
            facefile.write(target, info, fields, [(k, _arr(v)) for k, v in arrays.items()])
    except OSError:
        return False
    return True


def _arr(view):
    from array import array

    return array(view.format, view.tobytes())


def _bake_features(font, cmap: dict[int, str]) -> None:
    """Point the cmap at the feature-substituted glyph for a few characters."""
    if "GSUB" not in font:
        return
    table = font["GSUB"].table
    lookups: set[int] = set()
    for rec in table.FeatureList.FeatureRecord:
        if rec.FeatureTag in _BAKED_FEATURES:
            lookups.update(rec.Feature.LookupListIndex)
    for li in sorted(lookups):
        lookup = table.LookupList.Lookup[li]
        for sub in lookup.SubTable:
            mapping = getattr(sub, "mapping", None)
            if sub.__class__.__name__ == "ExtensionSubst":
                mapping = getattr(sub.ExtSubTable, "mapping", None)
            if not mapping:
                continue
            for cp in _BAKED_CHARS:
                g = cmap.get(cp)
                if g in mapping:
                    cmap[cp] = mapping[g]


def _convert_to_truetype(font, cmap: dict[int, str]) -> None:
    """CFF → glyf in place (after fontTools' Snippets/otf2ttf.py)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable
    from fontTools.ttLib.tables._c_m_a_p import cmap_format_4, cmap_format_12

    order = font.getGlyphOrder()
    gs = font.getGlyphSet()
    glyphs = {}
    for name in order:
        tt_pen = TTGlyphPen(None)
        gs[name].draw(Cu2QuPen(tt_pen, 1.0, reverse_direction=True))
        glyphs[name] = tt_pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    for tag in ("CFF ", "CFF2", "VORG", "GSUB", "GPOS", "BASE", "vhea", "vmtx", "DSIG"):
        if tag in font:
            del font[tag]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, g in glyphs.items():
        adv = hmtx.metrics[name][0]
        hmtx.metrics[name] = (adv, getattr(g, "xMin", 0))
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    post = font["post"]
    post.formatType = 3.0  # 65 535 CID glyphs overflow format 2 names
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = None
    # A fresh cmap with the baked substitutions: format 4 (BMP) + format 12.
    table = font["cmap"] = newTable("cmap")
    table.tableVersion = 0
    bmp = {cp: g for cp, g in cmap.items() if cp <= 0xFFFF}
    subs = []
    for cls, fmt, plat, enc, mapping in (
        (cmap_format_4, 4, 3, 1, bmp),
        (cmap_format_12, 12, 3, 10, cmap),
    ):
        sub = cls(fmt)
        sub.platformID, sub.platEncID, sub.language = plat, enc, 0
        if fmt == 12:
            sub.reserved, sub.length, sub.nGroups = 0, 0, 0
        sub.cmap = dict(mapping)
        subs.append(sub)
    table.tables = subs
    font.sfntVersion = "\x00\x01\x00\x00"
    font.recalcTimestamp = False


def outlines(face: Face, text: str) -> list[tuple[list, float]]:
    """Glyph outlines of `text` as recorded pen calls in em, with each advance.

    For marks outside the trim (the slug line), which are drawn as vector
    art rather than text so that the page's text is only what prints. Outlines
    are cached per face, so opening the big font is paid once per character.
    """
    store = _cache_stem(face.source, face.family).with_suffix(".outlines")
    try:
        with store.open("rb") as fh:
            known: dict[str, tuple[list, float]] = pickle.load(fh)
    except (OSError, pickle.PickleError, EOFError):
        known = {}
    todo = [ch for ch in dict.fromkeys(text) if ch not in known]
    if todo:
        from fontTools.pens.recordingPen import RecordingPen
        from fontTools.pens.transformPen import TransformPen
        from fontTools.ttLib import TTFont

        font = TTFont(str(face.pdf_file), fontNumber=face.pdf_index, lazy=True)
        upm = font["head"].unitsPerEm
        cmap = font.getBestCmap()
        gs = font.getGlyphSet()
        for ch in todo:
            name = cmap.get(ord(ch))
            if name is None:
                known[ch] = ([], face.metrics.advance(ch))
                continue
            rec = RecordingPen()
            gs[name].draw(TransformPen(rec, (1 / upm, 0, 0, 1 / upm, 0, 0)))
            known[ch] = (rec.value, gs[name].width / upm)
        _atomic_write(store, pickle.dumps(known, protocol=5))
    return [known[ch] for ch in text]
