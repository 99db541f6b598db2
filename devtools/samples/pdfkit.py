"""Small drawing helpers on top of PyMuPDF: a flowing text writer, signatures, scans."""

from __future__ import annotations

import random

import numpy as np
import pymupdf

A4 = pymupdf.paper_rect("a4")
INK = [(0.08, 0.12, 0.55), (0.05, 0.05, 0.08), (0.1, 0.2, 0.6)]


class Writer:
    """Writes lines and wrapped paragraphs top to bottom, adding pages as needed."""

    def __init__(
        self,
        doc: pymupdf.Document,
        rng: random.Random,
        font: str = "helv",
        size: float = 10.5,
        left: float = 72,
        right: float = 72,
        top: float = 64,
        bottom: float = 64,
    ):
        self.doc, self.rng = doc, rng
        self.font, self.size = font, size
        self.bold = {"helv": "hebo", "tiro": "tibo", "cour": "cobo"}[font]
        self.left, self.right, self.top, self.bottom = left, right, top, bottom
        self.page: pymupdf.Page | None = None
        self.y = 0.0
        self.new_page()

    @property
    def width(self) -> float:
        return A4.width - self.left - self.right

    @property
    def page_no(self) -> int:
        return self.page.number

    def new_page(self) -> pymupdf.Page:
        self.page = self.doc.new_page(width=A4.width, height=A4.height)
        self.y = self.top
        return self.page

    def ensure(self, height: float) -> None:
        if self.y + height > A4.height - self.bottom:
            self.new_page()

    def line(
        self,
        text: str,
        x: float | None = None,
        bold: bool = False,
        size: float | None = None,
        align: str = "left",
        color=(0, 0, 0),
        font: str | None = None,
    ) -> pymupdf.Rect:
        size = size or self.size
        fontname = font or (self.bold if bold else self.font)
        self.ensure(size * 1.45)
        width = pymupdf.get_text_length(text, fontname=fontname, fontsize=size)
        if align == "right":
            x0 = A4.width - self.right - width
        else:
            x0 = self.left if x is None else x
        self.y += size * 1.2
        self.page.insert_text((x0, self.y), text, fontname=fontname, fontsize=size, color=color)
        rect = pymupdf.Rect(x0, self.y - size, x0 + width, self.y + size * 0.25)
        self.y += size * 0.25
        return rect

    def lines(self, texts, **kw) -> None:
        for t in texts:
            self.line(t, **kw)

    def gap(self, h: float = 10) -> None:
        self.y += h

    def wrap(self, text: str, width: float, fontname: str, size: float) -> list[str]:
        out, cur = [], ""
        for word in text.split():
            trial = f"{cur} {word}".strip()
            if cur and pymupdf.get_text_length(trial, fontname=fontname, fontsize=size) > width:
                out.append(cur)
                cur = word
            else:
                cur = trial
        if cur:
            out.append(cur)
        return out

    def para(self, text: str, bold: bool = False, indent: float = 0, after: float = 7) -> None:
        fontname = self.bold if bold else self.font
        for ln in self.wrap(text, self.width - indent, fontname, self.size):
            self.line(ln, x=self.left + indent, bold=bold)
        self.y += after

    def signature(self, kind: str | None = None) -> tuple[int, pymupdf.Rect]:
        """Draw a signature scribble below the current line; returns (page, rect)."""
        self.ensure(60)
        w, h = self.rng.uniform(90, 150), self.rng.uniform(28, 42)
        x0 = self.left + self.rng.uniform(0, 30)
        rect = pymupdf.Rect(x0, self.y + 4, x0 + w, self.y + 4 + h)
        draw_signature(self.page, rect, self.rng, kind)
        self.y = rect.y1 + 4
        return self.page_no, rect


def _scribble_points(rng: random.Random, rect: pymupdf.Rect) -> list[tuple[float, float]]:
    n = rng.randint(4, 7)
    pts = []
    for i in range(n * 3 + 1):
        x = rect.x0 + 4 + (rect.width - 8) * (i / (n * 3)) + rng.uniform(-6, 6)
        y = rect.y0 + 4 + rng.uniform(0, rect.height - 8)
        pts.append((min(max(x, rect.x0 + 2), rect.x1 - 2), y))
    return pts


def _draw_scribble(page: pymupdf.Page, rect: pymupdf.Rect, rng: random.Random, color) -> None:
    shape = page.new_shape()
    pts = _scribble_points(rng, rect)
    for i in range(0, len(pts) - 3, 3):
        shape.draw_bezier(pts[i], pts[i + 1], pts[i + 2], pts[i + 3])
    # a flourish underneath
    y = rect.y1 - 5
    shape.draw_bezier(
        (rect.x0 + 6, y),
        (rect.x0 + rect.width * 0.4, y + 3),
        (rect.x0 + rect.width * 0.6, y - 6),
        (rect.x1 - 6, y - 2),
    )
    shape.finish(color=color, width=rng.uniform(0.9, 1.7), closePath=False, lineCap=1, lineJoin=1)
    shape.commit()


def draw_signature(
    page: pymupdf.Page, rect: pymupdf.Rect, rng: random.Random, kind: str | None = None
) -> None:
    kind = kind or rng.choice(["vector", "image"])
    color = rng.choice(INK)
    if kind == "vector":
        _draw_scribble(page, rect, rng, color)
        return
    # image: draw the scribble on a scratch page, render with alpha and embed as PNG
    scratch = pymupdf.open()
    sp = scratch.new_page(width=rect.width, height=rect.height)
    _draw_scribble(sp, pymupdf.Rect(0, 0, rect.width, rect.height), rng, color)
    pix = sp.get_pixmap(dpi=rng.choice([150, 200]), alpha=True)
    page.insert_image(rect, stream=pix.tobytes("png"))
    scratch.close()


def clean_scan(pdf: bytes, dpi: int = 150) -> bytes:
    """Every page rendered to a greyscale image at ``dpi``: an image-only PDF, upright and
    without noise."""
    source = pymupdf.open(stream=pdf, filetype="pdf")
    doc = pymupdf.open()
    for page in source:
        pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
        doc.new_page(width=page.rect.width, height=page.rect.height).insert_image(
            page.rect, pixmap=pix
        )
    return doc.tobytes()


def scan(doc: pymupdf.Document, rng: random.Random) -> pymupdf.Document:
    """Render every page to a noisy, slightly rotated greyscale image; image-only PDF."""
    out = pymupdf.open()
    dpi = rng.choice([150, 170, 200])
    for page in doc:
        angle = rng.uniform(-0.7, 0.7)
        mat = pymupdf.Matrix(dpi / 72, dpi / 72).prerotate(angle)
        pix = page.get_pixmap(matrix=mat, colorspace=pymupdf.csGRAY, alpha=False)
        arr = (
            np.frombuffer(pix.samples, dtype=np.uint8)
            .reshape(pix.height, pix.width)
            .astype(np.int16)
        )
        nrng = np.random.default_rng(rng.randrange(2**32))
        arr = arr + nrng.normal(0, 9, arr.shape)
        speck = nrng.random(arr.shape) < 0.0008
        arr[speck] = 40
        arr = np.clip(arr * 0.97 + 4, 0, 255).astype(np.uint8)
        noisy = pymupdf.Pixmap(pymupdf.csGRAY, pix.width, pix.height, arr.tobytes(), False)
        noisy.set_dpi(dpi, dpi)
        new = out.new_page(width=page.rect.width, height=page.rect.height)
        # the rotated render is slightly larger than the page: centre it and clip
        scale = 72 / dpi
        w, h = pix.width * scale, pix.height * scale
        dx, dy = (w - page.rect.width) / 2, (h - page.rect.height) / 2
        new.insert_image(
            pymupdf.Rect(-dx, -dy, w - dx, h - dy), stream=noisy.tobytes("jpeg", jpg_quality=72)
        )
    return out


def pdf_bytes(doc: pymupdf.Document) -> bytes:
    return doc.tobytes(garbage=3, deflate=True, no_new_id=True)
