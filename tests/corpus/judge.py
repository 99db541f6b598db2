"""Independent reading of a PDF: every place where personal data can hide.

Used by the evaluation (on the engine's output) and by the generator tests (on the input).
It knows nothing about the anonymisation engine's internals.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pymupdf

_WS = re.compile(r"\s+")
_OCR_MAP = str.maketrans(
    {"0": "o", "1": "l", "i": "l", "|": "l", "!": "l", "5": "s", "8": "b", "€": "e"}
)


def norm(s: str) -> str:
    s = (
        s.replace("\u00a0", " ")
        .replace("\u00ad", "")
        .replace("\ufb01", "fi")
        .replace("\ufb02", "fl")
    )
    return _WS.sub(" ", s).strip().lower()


def compact(s: str) -> str:
    return _WS.sub("", norm(s))


def ocr_norm(s: str) -> str:
    """Loose form for OCR text: common confusions folded, punctuation other than @ dropped."""
    s = norm(s).translate(_OCR_MAP)
    return re.sub(r"[^\w@ ]", "", s)


def _bounded(needle: str) -> re.Pattern:
    return re.compile(r"(?<![\w])" + re.escape(needle) + r"(?![\w])")


def occurs(text: str, item: str, etype: str, ocr: bool = False) -> bool:
    """Case-insensitive, whitespace-normalised, word-bounded search for a personal item."""
    if not item.strip():
        return False
    t = norm(text)
    if _bounded(norm(item)).search(t):
        return True
    if etype in ("EMAIL", "PHONE", "IBAN", "BSN", "POSTCODE", "LICENCE_PLATE", "ID_NUMBER"):
        c = compact(item)
        if re.search(r"(?<![0-9a-z])" + re.escape(c) + r"(?![0-9a-z])", compact(text)):
            return True
        # the same characters with any spacing or line break between them ('06-' / '12345678')
        spaced = r"\s*".join(re.escape(ch) for ch in c)
        if re.search(r"(?<![0-9a-z])" + spaced + r"(?![0-9a-z])", t):
            return True
    if etype == "EMAIL":
        local = norm(item).split("@")[0]
        if len(local) >= 5 and re.search(r"(?<![\w.])" + re.escape(local) + r"(?![\w])", t):
            return True
    if ocr:
        o, i = ocr_norm(text), ocr_norm(item)
        if len(i.replace(" ", "")) >= 5 and (
            _bounded(i).search(o) or i.replace(" ", "") in o.replace(" ", "")
        ):
            return True
    return False


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def ocr_png(png: bytes, lang: str = "nld") -> str:
    proc = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", lang, "--psm", "3"],
        input=png,
        capture_output=True,
        timeout=120,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"tesseract failed: {proc.stderr.decode(errors='replace')[:300]}")
    return proc.stdout.decode("utf-8", errors="replace")


def open_all_layers(data: bytes) -> pymupdf.Document:
    doc = pymupdf.open(stream=data, filetype="pdf")
    ocgs = doc.get_ocgs()
    if ocgs:
        doc.set_layer(-1, on=list(ocgs), off=[])
        for cfg in doc.layer_ui_configs():  # this is what text extraction and rendering honour
            doc.set_layer_ui_config(cfg["number"], pymupdf.PDF_OC_ON)
    return doc


@dataclass
class Reading:
    """Text per location of one PDF ('page 1 text', 'metadata', 'ocr page 2', ...)."""

    sources: dict[str, str] = field(default_factory=dict)
    ocr_sources: dict[str, str] = field(default_factory=dict)
    page_count: int = 0

    def page_text(self) -> str:
        return "\n".join(v for k, v in self.sources.items() if k.startswith("text p"))

    def ocr_text(self) -> str:
        return "\n".join(v for k, v in self.ocr_sources.items() if k.startswith("ocr p"))

    def find(self, item: str, etype: str) -> list[str]:
        where = [k for k, v in self.sources.items() if occurs(v, item, etype)]
        where += [k for k, v in self.ocr_sources.items() if occurs(v, item, etype, ocr=True)]
        return where


def read_pdf(data: bytes, ocr: bool = True, dpi: int = 200, jobs: int = 4) -> Reading:
    doc = open_all_layers(data)
    r = Reading(page_count=doc.page_count)
    r.sources["metadata"] = "\n".join(f"{k}: {v}" for k, v in (doc.metadata or {}).items() if v)
    r.sources["xmp"] = doc.get_xml_metadata() or ""
    r.sources["outline"] = "\n".join(t[1] for t in doc.get_toc(simple=True))
    emb = []
    for name in doc.embfile_names():
        info = doc.embfile_info(name)
        emb.append(f"{name} {info.get('filename', '')} {info.get('description', '')}")
        emb.append(doc.embfile_get(name).decode("utf-8", errors="replace"))
    r.sources["attachments"] = "\n".join(emb)
    raw = []
    for xref in range(1, doc.xref_length()):
        try:
            obj = doc.xref_object(xref, compressed=False)
            if "/Image" in obj or "/FontFile" in obj or "/Font" in obj:
                continue
            raw.append(obj)
            if doc.xref_is_stream(xref):
                raw.append(doc.xref_stream(xref).decode("latin-1", errors="replace"))
        except Exception:  # noqa: BLE001 - damaged objects are not our concern here
            continue
    r.sources["raw objects"] = "\n".join(raw)
    pngs: dict[str, bytes] = {}
    for page in doc:
        n = page.number + 1
        r.sources[f"text p{n}"] = page.get_text()
        # what an adversary copies out: the whole text layer, also beyond the crop and media box
        r.sources[f"text beyond the boxes p{n}"] = page.get_text(
            flags=pymupdf.TEXTFLAGS_TEXT & ~pymupdf.TEXT_MEDIABOX_CLIP, clip=pymupdf.INFINITE_RECT()
        )
        ann = []
        for a in page.annots() or []:
            info = a.info
            ann.append(
                " ".join(str(info.get(k, "")) for k in ("content", "title", "subject", "name"))
            )
            if a.type[0] == pymupdf.PDF_ANNOT_FILE_ATTACHMENT:
                ann.append(a.get_file().decode("utf-8", errors="replace"))
        r.sources[f"annotations p{n}"] = "\n".join(ann)
        r.sources[f"form fields p{n}"] = "\n".join(
            f"{w.field_name} {w.field_label or ''} {w.field_value or ''}"
            for w in page.widgets() or []
        )
        r.sources[f"links p{n}"] = "\n".join(str(lk.get("uri", "")) for lk in page.get_links())
        if ocr:
            pngs[f"ocr p{n}"] = page.get_pixmap(
                dpi=dpi, colorspace=pymupdf.csGRAY, annots=True
            ).tobytes("png")
            # images under any overlay: OCR the raw pixels of large images too
            for info in page.get_image_info(xrefs=True):
                bbox = pymupdf.Rect(info["bbox"])
                if info.get("xref") and bbox.get_area() > 0.3 * page.rect.get_area():
                    pix = pymupdf.Pixmap(doc, info["xref"])
                    if pix.n - pix.alpha != 1:
                        pix = pymupdf.Pixmap(pymupdf.csGRAY, pix)
                    pngs[f"ocr raw image p{n} x{info['xref']}"] = pix.tobytes("png")
    if ocr and pngs:
        with ThreadPoolExecutor(max_workers=jobs) as ex:
            for key, text in zip(pngs, ex.map(ocr_png, pngs.values()), strict=True):
                r.ocr_sources[key] = text
    doc.close()
    return r


# --- signatures ---------------------------------------------------------------------------------


def _gray_clip(page: pymupdf.Page, rect: pymupdf.Rect, dpi: int = 100) -> np.ndarray:
    pix = page.get_pixmap(dpi=dpi, clip=rect, colorspace=pymupdf.csGRAY, annots=True)
    return np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width)


def _ink_visible(ink_src: np.ndarray, out: np.ndarray) -> tuple[bool, float]:
    """Does `out` still show the scribble that is dark in `ink_src`? (same shape)"""
    ink = ink_src < 150
    if ink.sum() < 12:
        return False, 0.0
    dark = out < 150
    a = float(dark[ink].mean())
    b = float(dark[~ink].mean()) if (~ink).any() else 0.0
    return a - b > 0.4, a - b


def _resize(a: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    ys = (np.arange(shape[0]) * a.shape[0] / shape[0]).astype(int)
    xs = (np.arange(shape[1]) * a.shape[1] / shape[1]).astype(int)
    return a[ys][:, xs]


def _raw_image_regions(page: pymupdf.Page, rect: pymupdf.Rect) -> list[np.ndarray]:
    regions = []
    for info in page.get_image_info(xrefs=True):
        bbox = pymupdf.Rect(info["bbox"])
        if not info.get("xref") or not bbox.intersects(rect) or bbox.is_empty:
            continue
        pix = pymupdf.Pixmap(page.parent, info["xref"])
        if pix.alpha:  # signature PNGs: composite on white
            pix = (
                pymupdf.Pixmap(pix, 0)
                if pix.n - pix.alpha == 1
                else pymupdf.Pixmap(pymupdf.csRGB, pix)
            )
        if pix.n != 1:
            pix = pymupdf.Pixmap(pymupdf.csGRAY, pix)
        arr = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width)
        clip = rect & bbox
        x0 = int((clip.x0 - bbox.x0) / bbox.width * pix.width)
        x1 = int((clip.x1 - bbox.x0) / bbox.width * pix.width)
        y0 = int((clip.y0 - bbox.y0) / bbox.height * pix.height)
        y1 = int((clip.y1 - bbox.y0) / bbox.height * pix.height)
        if x1 - x0 > 4 and y1 - y0 > 4:
            regions.append(arr[y0:y1, x0:x1])
    return regions


def signature_check(in_page: pymupdf.Page, out_page: pymupdf.Page, rect: pymupdf.Rect) -> list[str]:
    """Problems with the masking of the signature at `rect` (empty list: masked)."""
    problems = []
    src = _gray_clip(in_page, rect)
    out = _gray_clip(out_page, rect)
    if out.shape != src.shape:
        out = _resize(out, src.shape)
    visible, score = _ink_visible(src, out)
    if visible:
        problems.append(f"signature ink visible (contrast {score:.2f})")
    inner = pymupdf.Rect(rect.x0 + 3, rect.y0 + 3, rect.x1 - 3, rect.y1 - 3)
    for d in out_page.get_drawings():
        if any(it[0] == "c" for it in d["items"]) and pymupdf.Rect(d["rect"]).intersects(inner):
            problems.append("signature vector path still in the page content")
            break
    in_regions = _raw_image_regions(in_page, rect)
    for region in _raw_image_regions(out_page, rect):
        for src_region in in_regions:
            vis, sc = _ink_visible(src_region, _resize(region, src_region.shape))
            if vis:
                problems.append(f"signature pixels still in an embedded image (contrast {sc:.2f})")
                break
    return problems
