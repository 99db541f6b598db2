"""Receiving files: every readable file becomes a document; bad input is kept with a reason
or refused with a clear message, and nothing crashes."""

import email.message
import hashlib

import pymupdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.intake import UploadRefused, receive_file
from documents.models import Document, FileKind, Status
from tests.factories import make_pdf

pytestmark = pytest.mark.django_db


def encrypted_pdf() -> bytes:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "geheim")
    return doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="x", owner_pw="y")


def png_scan() -> bytes:
    pix = pymupdf.open(stream=make_pdf("Scan van een brief"), filetype="pdf")[0].get_pixmap(dpi=50)
    return pix.tobytes("png")


def eml_with_attachment() -> bytes:
    message = email.message.EmailMessage()
    message["From"] = "Piet Jansen <piet@example.nl>"
    message["To"] = "griffie@noord-beveland.nl"
    message["Subject"] = "Zienswijze bestemmingsplan"
    message["Date"] = "Mon, 02 Nov 2026 10:00:00 +0100"
    message.set_content("Geachte griffie,\n\nHierbij mijn zienswijze.\n\nPiet Jansen")
    message.add_attachment(
        make_pdf("Bijlage: de zienswijze", pages=2),
        maintype="application",
        subtype="pdf",
        filename="zienswijze.pdf",
    )
    return message.as_bytes()


def test_a_pdf_becomes_a_received_document_with_its_original_unchanged():
    data = make_pdf(pages=2)
    result = receive_file(data, "brief.pdf")
    document = result.document
    assert result.problem == ""
    assert document.status == Status.RECEIVED
    assert document.pages_total == 2
    original = document.files.get(kind=FileKind.ORIGINAL)
    assert original.read_bytes() == data
    assert original.sha256 == hashlib.sha256(data).hexdigest()
    assert "Dit is een brief" in document.text


def test_registration_numbers_count_up_per_year():
    first = receive_file(make_pdf(), "a.pdf").document
    second = receive_file(make_pdf(), "b.pdf").document
    assert (first.registration_year, second.registration_sequence) == (
        second.registration_year,
        first.registration_sequence + 1,
    )
    assert second.registration_number.endswith(f"-{first.registration_sequence + 1:04d}")


def test_page_images_are_rendered_after_commit_as_separate_records(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        document = receive_file(make_pdf(pages=3), "brief.pdf").document
    assert len(callbacks) == 1
    images = document.files.filter(kind=FileKind.PAGE_IMAGE).order_by("page_number")
    assert [image.page_number for image in images] == [0, 1, 2]
    assert images[0].read_bytes().startswith(b"\x89PNG")


def test_a_scan_is_turned_into_a_pdf_and_the_image_kept_as_original():
    data = png_scan()
    document = receive_file(data, "scan.png").document
    assert document.status == Status.RECEIVED
    assert document.files.get(kind=FileKind.ORIGINAL).read_bytes() == data
    working = document.files.get(kind=FileKind.WORKING_PDF).read_bytes()
    assert pymupdf.open(stream=working, filetype="pdf").page_count == 1


def test_an_email_and_its_attachments_stay_one_document():
    document = receive_file(eml_with_attachment(), "bericht.eml").document
    assert Document.objects.count() == 1
    assert document.pages_total == 3  # the message itself plus a two-page attachment
    assert "Zienswijze bestemmingsplan" in document.text
    assert "Bijlage: de zienswijze" in document.text


def test_an_encrypted_pdf_is_kept_as_failed_with_the_reason():
    data = encrypted_pdf()
    result = receive_file(data, "beveiligd.pdf")
    assert result.document.status == Status.FAILED
    assert "versleuteld" in result.document.status_reason
    assert result.document.files.get(kind=FileKind.ORIGINAL).read_bytes() == data


def test_a_corrupt_pdf_is_kept_as_failed_with_the_reason():
    data = make_pdf()[:200]
    result = receive_file(data, "kapot.pdf")
    assert result.document.status == Status.FAILED
    assert "beschadigd" in result.document.status_reason


def test_a_mistyped_file_is_refused_before_it_takes_a_number():
    with pytest.raises(UploadRefused, match="afbeelding"):
        receive_file(png_scan(), "brief.pdf")
    assert Document.objects.count() == 0


def test_an_unsupported_file_is_refused_before_it_takes_a_number():
    with pytest.raises(UploadRefused, match="niet ondersteund"):
        receive_file(b"PK\x03\x04 some zip", "stukken.zip")
    assert Document.objects.count() == 0


def test_an_empty_file_is_refused():
    with pytest.raises(UploadRefused, match="leeg"):
        receive_file(b"", "leeg.pdf")
    assert Document.objects.count() == 0


def test_an_oversized_file_is_refused(settings):
    settings.DOCUMENT_MAX_UPLOAD_SIZE = 1000
    with pytest.raises(UploadRefused, match="te groot"):
        receive_file(make_pdf() + b"\0" * 2000, "groot.pdf")
    assert Document.objects.count() == 0


def test_an_original_is_never_overwritten():
    document = receive_file(make_pdf(), "brief.pdf").document
    original = document.files.get(kind=FileKind.ORIGINAL)
    original.original_name = "anders.pdf"
    with pytest.raises(Exception, match="origineel"):
        original.save()


class TestUploadPage:
    def test_several_files_at_once_become_several_documents(self, griffie_client):
        files = [
            SimpleUploadedFile("een.pdf", make_pdf("een"), content_type="application/pdf"),
            SimpleUploadedFile("twee.png", png_scan(), content_type="image/png"),
        ]
        response = griffie_client.post(reverse("documents:upload"), {"files": files})
        assert response.status_code == 302
        assert Document.objects.filter(status=Status.RECEIVED).count() == 2

    @pytest.mark.parametrize(
        ("name", "make", "message"),
        [
            ("beveiligd.pdf", encrypted_pdf, "versleuteld"),
            ("kapot.pdf", lambda: make_pdf()[:200], "beschadigd"),
            ("leeg.pdf", lambda: b"", "leeg"),
            ("brief.pdf", png_scan, "afbeelding"),
        ],
    )
    def test_bad_files_get_a_clear_message_in_the_form(self, griffie_client, name, make, message):
        upload = SimpleUploadedFile(name, make(), content_type="application/pdf")
        response = griffie_client.post(reverse("documents:upload"), {"files": [upload]})
        assert response.status_code == 200
        assert message in response.content.decode()

    def test_an_oversized_file_gets_a_clear_message(self, griffie_client, settings):
        settings.DOCUMENT_MAX_UPLOAD_SIZE = 500
        upload = SimpleUploadedFile("groot.pdf", make_pdf() + b"\0" * 1000)
        response = griffie_client.post(reverse("documents:upload"), {"files": [upload]})
        assert "te groot" in response.content.decode()
        assert Document.objects.count() == 0

    def test_only_the_griffie_may_upload(self, client, django_user_model):
        from tests.confidentiality.helpers import verify
        from tests.factories import UserFactory

        verify(client, UserFactory(raadslid=True))  # even with the second factor
        response = client.post(
            reverse("documents:upload"), {"files": [SimpleUploadedFile("a.pdf", make_pdf())]}
        )
        assert response.status_code == 403
        assert Document.objects.count() == 0

    def test_the_public_is_sent_to_the_login_page(self, client):
        response = client.get(reverse("documents:inbox"))
        assert response.status_code == 302
        assert reverse("login") in response["Location"]
