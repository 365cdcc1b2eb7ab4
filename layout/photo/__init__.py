"""Photos: reading, cropping, newsprint grey and quality of an article's images.

    content.py   `images:` in an article's front matter → model.ImageRef (checked files)
    source.py    open an image file inside the edition (JPEG, PNG, TIFF), measure it
    crop.py      a rectangle of a given aspect around the focus point (≤ 40 % cut away)
    tone.py      one black channel with a newsprint tone curve (dot gain compensated)
    process.py   crop + grey + down-sample + tone → cached, deterministic DeviceGray bytes
    quality.py   effective ppi at the printed size → warning (< 200) / error (< 120)
    pdfimages.py the images placed in any PDF: pixels, colour space, effective ppi

Pillow is the only image library used; it is imported inside the functions that need it.
"""
