"""Crop, newsprint curve, down-sampling, resolution thresholds and deterministic bytes."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from photo_helpers import gradient, make_edition, story

from layout.content import load_edition
from layout.photo import tone
from layout.photo.crop import MAX_CROP, CropError, aspect_range, crop_for
from layout.photo.process import MAX_PPI, effective_ppi, output_size, prepare
from layout.photo.quality import ERROR_PPI, WARN_PPI, check_resolution

# ---------------------------------------------------------------------------
# crop


@settings(max_examples=300, deadline=None)
@given(
    w=st.integers(10, 6000),
    h=st.integers(10, 6000),
    fx=st.floats(0, 1),
    fy=st.floats(0, 1),
    t=st.floats(0, 1),
)
def test_crop_keeps_the_focus_and_the_aspect(w, h, fx, fy, t):
    lo, hi = aspect_range(w, h)
    aspect = lo + t * (hi - lo)
    c = crop_for(w, h, aspect, (fx, fy))
    assert 0 <= c.x0 < c.x1 <= w and 0 <= c.y0 < c.y1 <= h
    assert c.contains(fx * w, fy * h), (c, fx * w, fy * h)
    # never distorted: the pixel rectangle has the frame's aspect to within half a pixel
    assert (
        abs(c.width - c.height * aspect) <= 0.5 + 1e-9
        or abs(c.height - c.width / aspect) <= 0.5 + 1e-9
    )
    # at most 40 % of either dimension cut away (one pixel of rounding)
    assert c.width >= w * (1 - MAX_CROP) - 1 and c.height >= h * (1 - MAX_CROP) - 1
    # cut along one axis only
    assert c.width == w or c.height == h


def test_crop_is_centred_on_the_focus_when_it_can_be():
    c = crop_for(1000, 500, 1.5, (0.5, 0.5))  # 750 × 500 out of 1000 × 500
    assert (c.x0, c.x1, c.y0, c.y1) == (125, 875, 0, 500)
    c = crop_for(1000, 500, 1.5, (0.9, 0.5))  # pushed against the right edge
    assert (c.x0, c.x1) == (250, 1000)
    c = crop_for(1000, 500, 2.6, (0.5, 0.1))  # wider: top and bottom cut, focus high
    assert (c.x0, c.x1, c.y0) == (0, 1000, 0) and c.height == 385


@pytest.mark.parametrize("aspect", [0.5 * 2 * 0.59, 2 / 0.59])
def test_crop_beyond_forty_percent_is_refused(aspect):
    with pytest.raises(CropError, match="40%"):
        crop_for(1000, 500, aspect)


# ---------------------------------------------------------------------------
# tone curve


def test_newsprint_curve():
    assert tone.printed(0.40) == pytest.approx(0.66)  # 26 % dot gain at 40 %
    assert tone.dot_for(0.0) == pytest.approx(tone.DOT_MIN)
    assert tone.dot_for(1.0) == pytest.approx(tone.DOT_MAX)
    lut = tone.gray_lut()
    assert list(lut) == sorted(lut)  # monotone: lighter in, lighter out
    assert lut[0] == round(255 * (1 - 0.9)) and lut[255] == round(255 * (1 - 0.1))
    # mid-tones lightened to make up for the gain; the PRINTED tone is linear in the input
    lo, hi = tone.printed(tone.DOT_MIN), tone.printed(tone.DOT_MAX)
    for t in (0.1, 0.25, 0.5, 0.75, 0.9):
        assert tone.dot_for(t) < lo + t * (hi - lo)
        assert tone.printed(tone.dot_for(t)) == pytest.approx(lo + t * (hi - lo))


# ---------------------------------------------------------------------------
# resolution


def test_effective_ppi_and_down_sampling():
    c = crop_for(3000, 2000, 1.5)
    # 3000 px across 5 in → 600 ppi, written at 300 ppi
    assert effective_ppi(c, 360, 240) == pytest.approx(600)
    assert output_size(c, 360, 240) == (1500, 1000)
    # 3000 px across 15 in → 200 ppi: kept, never up-sampled
    assert effective_ppi(c, 1080, 720) == pytest.approx(200)
    assert output_size(c, 1080, 720) == (3000, 2000)
    assert MAX_PPI == 300


@pytest.mark.parametrize(
    ("ppi", "severity"),
    [(320, None), (WARN_PPI, None), (199.5, "warning"), (ERROR_PPI, "warning"), (119.5, "error")],
)
def test_resolution_thresholds(ppi, severity):
    issue = check_resolution("09-museum", "images/a.jpg", ppi, 225, 150)
    assert (issue.severity if issue else None) == severity
    if issue:
        assert issue.article == "09-museum" and "images/a.jpg" in issue.message


# ---------------------------------------------------------------------------
# the printed pixels


def _ref(tmp_path, w=900, h=600, fmt="JPEG"):
    name = "images/a." + {"JPEG": "jpg", "PNG": "png", "TIFF": "tif"}[fmt]
    root = make_edition(
        tmp_path, {"01-a.md": story(f"images:\n  - file: {name}\n")}, {name: (w, h, fmt)}
    )
    return load_edition(root).articles[0].images[0]


def test_prepare_is_byte_identical_and_cached(tmp_path, monkeypatch):
    ref = _ref(tmp_path)
    c = crop_for(ref.width_px, ref.height_px, 1.2, (0.3, 0.3))
    monkeypatch.setenv("NEWSPAGE_CACHE", str(tmp_path / "cache1"))
    a = prepare(ref, c, 144, 120)
    first = a.data()
    monkeypatch.setenv("NEWSPAGE_CACHE", str(tmp_path / "cache2"))
    b = prepare(ref, c, 144, 120)  # computed again from scratch
    assert b.path != a.path and b.data() == first
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(b.data()).hexdigest()
    # 2 in × 1.667 in at 300 ppi (the source has 360 ppi there)
    assert (a.width_px, a.height_px) == (600, 500) and len(first) == 600 * 500
    assert a.source_ppi == pytest.approx(360)
    # a different crop is a different key
    other = prepare(ref, crop_for(ref.width_px, ref.height_px, 1.2, (0.7, 0.3)), 144, 120)
    assert other.key != a.key and other.data() != first


def test_printed_pixels_stay_in_the_newsprint_range(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSPAGE_CACHE", str(tmp_path / "cache"))
    ref = _ref(tmp_path, 400, 300, "PNG")
    c = crop_for(400, 300, 400 / 300)
    data = prepare(ref, c, 96, 72).data()
    assert min(data) >= round(255 * 0.1) - 1 and max(data) <= round(255 * 0.9) + 1
    # the dark disc and the white end of the ramp are both there
    assert min(data) <= 30 and max(data) >= 225


@pytest.mark.parametrize("mode", ["RGBA", "LA", "P", "CMYK", "I;16", "1"])
def test_any_mode_becomes_one_grey_channel(tmp_path, monkeypatch, mode):
    from layout.photo.process import to_luminance

    im = gradient(64, 48, "L")
    if mode == "I;16":
        im = im.convert("I").point(lambda v: v * 257).convert("I;16")
    else:
        im = im.convert(mode)
    out = to_luminance(im)
    assert out.mode == "L" and out.size == (64, 48)
    lo, hi = out.getextrema()
    assert hi - lo > 200  # the tones survive the conversion
