"""Writes the PIL reference for ImagePreprocessorPilTests: four PNGs and, per resize setting, what PIL's 8-bit resize
(as transformers' image processors call it) and transformers' center crop make of them, as raw uint8
[images, 3, 32, 32] in file name order. Run with Pillow and NumPy installed: python3 make_reference.py"""
import numpy as np
from PIL import Image

rng = np.random.default_rng(0)
images = {"a-noise-40x48.png": (40, 48, "noise"), "b-smooth-100x75.png": (100, 75, "smooth"),
          "c-noise-17x33.png": (17, 33, "noise"), "d-smooth-90x120.png": (90, 120, "smooth")}
for name, (h, w, kind) in images.items():
    if kind == "noise":
        a = rng.integers(0, 256, (h, w, 3), dtype=np.uint8)
    else:
        y, x = np.mgrid[0:h, 0:w]
        a = np.stack([(np.sin(x / 7.0 + c) * 0.5 + 0.5) * 200 + y * 40 / h + rng.normal(0, 5, (h, w)) for c in range(3)], -1)
        a = a.clip(0, 255).astype(np.uint8)
    Image.fromarray(a).save(name)


def resize(a, resample, size=None, shortest_edge=None, crop=None):
    h, w = a.shape[:2]
    if shortest_edge is not None:
        short, long = (w, h) if w <= h else (h, w)
        new_long = int(shortest_edge * long / short)
        size = (new_long, shortest_edge) if w <= h else (shortest_edge, new_long)
    x = np.array(Image.fromarray(a).resize((size[1], size[0]), resample=resample))
    if crop is not None:
        top, left = (x.shape[0] - crop) // 2, (x.shape[1] - crop) // 2
        x = x[top:top + crop, left:left + crop]
    return x.transpose(2, 0, 1)


settings = {"bilinear-32.u8": dict(resample=2, size=(32, 32)), "bicubic-32.u8": dict(resample=3, size=(32, 32)),
            "bicubic-shortest-36-crop-32.u8": dict(resample=3, shortest_edge=36, crop=32)}
for file, kwargs in settings.items():
    out = np.stack([resize(np.array(Image.open(n).convert("RGB")), **kwargs) for n in sorted(images)])
    assert out.shape == (4, 3, 32, 32), out.shape
    out.astype(np.uint8).tofile(file)
