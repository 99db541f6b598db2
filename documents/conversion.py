"""Turn what arrives at the griffie (PDF, scans, e-mails) into one readable PDF.

Each function raises :class:`UnreadableFile` with a reason a griffie employee understands;
nothing here touches the database.
"""

import email
import email.policy
import html
import re
from dataclasses import dataclass, field
from email.message import EmailMessage

import pymupdf

from griffie.errors import ReasonError

PDF = "pdf"
IMAGE = "image"
EMAIL = "eml"

IMAGE_SIGNATURES = {
    b"\xff\xd8\xff": "jpeg",
    b"\x89PNG\r\n\x1a\n": "png",
    b"II*\x00": "tiff",
    b"MM\x00*": "tiff",
}
EXTENSIONS = {
    ".pdf": PDF,
    ".jpg": IMAGE,
    ".jpeg": IMAGE,
    ".png": IMAGE,
    ".tif": IMAGE,
    ".tiff": IMAGE,
    ".eml": EMAIL,
}


class UnreadableFile(ReasonError):
    """The file cannot be read; ``reason`` says why, in Dutch, for the griffie."""


@dataclass
class ConvertedFile:
    kind: str
    pdf_bytes: bytes
    page_count: int
    text: str
    notes: list[str] = field(default_factory=list)


def sniff(data: bytes) -> str | None:
    """What the content is, judged by its bytes and never by its name."""
    head = data[:1024]
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return PDF
    for magic in IMAGE_SIGNATURES:
        if head.startswith(magic):
            return IMAGE
    try:
        text = head.decode("utf-8", errors="strict")
    except UnicodeDecodeError:
        text = head.decode("latin-1")
    if re.search(r"^(From|Subject|Date|To|MIME-Version|Received|Return-Path):", text, re.M | re.I):
        return EMAIL
    return None


def kind_from_name(filename: str) -> str | None:
    lowered = filename.lower()
    for extension, kind in EXTENSIONS.items():
        if lowered.endswith(extension):
            return kind
    return None


def open_received_pdf(data: bytes) -> pymupdf.Document:
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
        # A truncated file or a broken cross-reference table can open and only fail here.
        locked = doc.needs_pass or doc.is_encrypted
        page_count = doc.page_count
    except Exception as exc:  # PyMuPDF raises several types for broken files
        raise UnreadableFile("Het PDF-bestand is beschadigd en kan niet worden geopend.") from exc
    if locked:
        raise UnreadableFile(
            "Het PDF-bestand is versleuteld met een wachtwoord. Vraag de afzender om een "
            "onbeveiligde versie."
        )
    if page_count == 0:
        raise UnreadableFile("Het PDF-bestand bevat geen pagina's.")
    try:
        for page in doc:
            page.get_text("text")
    except Exception as exc:
        raise UnreadableFile(
            "Het PDF-bestand is beschadigd: een pagina kan niet worden gelezen."
        ) from exc
    return doc


def convert_pdf(data: bytes) -> ConvertedFile:
    doc = open_received_pdf(data)
    text = "\n".join(page.get_text("text") for page in doc)
    return ConvertedFile(PDF, data, doc.page_count, text)


def image_to_pdf(data: bytes) -> bytes:
    try:
        image = pymupdf.open(stream=data)
        pdf_bytes = image.convert_to_pdf()
    except Exception as exc:
        raise UnreadableFile("De afbeelding is beschadigd en kan niet worden omgezet.") from exc
    if not pdf_bytes:
        raise UnreadableFile("De afbeelding bevat geen pagina's.")
    return pdf_bytes


def convert_image(data: bytes) -> ConvertedFile:
    pdf_bytes = image_to_pdf(data)
    return ConvertedFile(IMAGE, pdf_bytes, open_received_pdf(pdf_bytes).page_count, "")


def _plain_body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    content = part.get_content()
    if part.get_content_type() == "text/html":
        content = re.sub(r"<(br|/p|/div)[^>]*>", "\n", content, flags=re.I)
        content = html.unescape(re.sub(r"<[^>]+>", "", content))
    return content.strip()


def text_pages(text: str) -> pymupdf.Document:
    """Lay out plain text on A4 pages, 60 wrapped lines a page."""
    doc = pymupdf.open()
    rest = text.splitlines() or [""]
    while True:
        chunk, rest = _fit_lines(rest)
        page = doc.new_page(width=595, height=842)
        page.insert_textbox(
            pymupdf.Rect(56, 56, 539, 800), "\n".join(chunk), fontsize=10, fontname="helv"
        )
        if not rest:
            return doc


def _fit_lines(
    lines: list[str], per_page: int = 60, width: int = 95
) -> tuple[list[str], list[str]]:
    wrapped: list[str] = []
    for line in lines:
        while len(line) > width:
            cut = line.rfind(" ", 0, width)
            cut = cut if cut > 0 else width
            wrapped.append(line[:cut])
            line = line[cut:].lstrip()
        wrapped.append(line)
    return wrapped[:per_page], wrapped[per_page:]


def convert_email(data: bytes) -> ConvertedFile:
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as exc:
        raise UnreadableFile("Het e-mailbericht kan niet worden gelezen.") from exc
    if not message.keys():
        raise UnreadableFile("Het bestand is geen e-mailbericht.")
    headers = [
        f"Van: {message.get('From', '')}",
        f"Aan: {message.get('To', '')}",
        f"Datum: {message.get('Date', '')}",
        f"Onderwerp: {message.get('Subject', '')}",
    ]
    notes: list[str] = []
    attachments: list[tuple[str, bytes]] = []
    for part in message.iter_attachments():
        name = part.get_filename() or "bijlage"
        payload = part.get_payload(decode=True)
        attachments.append((name, payload if isinstance(payload, bytes) else b""))
    body = _plain_body(message)
    listing = [f"Bijlage: {name}" for name, _ in attachments]
    text = "\n".join(headers) + "\n\n" + body + ("\n\n" + "\n".join(listing) if listing else "")
    doc = text_pages(text)
    for name, payload in attachments:
        kind = sniff(payload)
        try:
            if kind == PDF:
                doc.insert_pdf(open_received_pdf(payload))
            elif kind == IMAGE:
                doc.insert_pdf(pymupdf.open(stream=image_to_pdf(payload), filetype="pdf"))
            else:
                notes.append(f"Bijlage '{name}' is geen PDF of afbeelding en is niet omgezet.")
        except UnreadableFile as exc:
            notes.append(f"Bijlage '{name}': {exc.reason}")
    if notes:
        note_page = doc.new_page(width=595, height=842)
        note_page.insert_textbox(
            pymupdf.Rect(56, 56, 539, 786),
            "Opmerkingen bij de omzetting:\n" + "\n".join(notes),
            fontsize=10,
            fontname="helv",
        )
    pdf_bytes = doc.tobytes(garbage=3, deflate=True)
    full_text = "\n".join(page.get_text("text") for page in doc)
    return ConvertedFile(EMAIL, pdf_bytes, doc.page_count, full_text, notes)


def check_kind(data: bytes, filename: str) -> str:
    """What kind of file this is by its bytes (PDF, image or e-mail). Raises UnreadableFile
    when the bytes are none of these, or not what the name says: a text file renamed
    ``.pdf`` is not a PDF."""
    if not data:
        raise UnreadableFile("Het bestand is leeg.")
    actual = sniff(data)
    claimed = kind_from_name(filename)
    if actual is None and claimed == EMAIL:
        actual = EMAIL
    if actual is None:
        raise UnreadableFile(
            "Dit bestandstype wordt niet ondersteund. Lever een PDF, JPEG/PNG/TIFF-scan of "
            ".eml-bericht aan."
        )
    if claimed is not None and claimed != actual:
        raise UnreadableFile(
            f"De bestandsnaam zegt '{filename.rsplit('.', 1)[-1]}', maar de inhoud is "
            f"{ {'pdf': 'een PDF', 'image': 'een afbeelding', 'eml': 'een e-mail'}[actual] }."
        )
    return actual


def convert(data: bytes, filename: str) -> ConvertedFile:
    """Check and convert one received file; raise UnreadableFile with the reason."""
    actual = check_kind(data, filename)
    if actual == PDF:
        return convert_pdf(data)
    if actual == IMAGE:
        return convert_image(data)
    return convert_email(data)
