"""Issue 9: the admin needs the second factor (OTPAdminSite); with a password alone nobody
adds themself to the raad; staff outside the griffie never see secret documents there; TOTP
keys are not readable; adding a document in the admin no longer fails."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from confidentiality import second_factor
from confidentiality.models import AccessLog, BackupCode, BackupCodes, SecretItem
from documents.models import Redaction
from people.models import Membership
from publication.models import InspectionRequest
from tests.confidentiality.helpers import member, verify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _staff_with_people_permissions(world):
    user = world.users["global_perm"]
    user.is_staff = True
    user.save()
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label__in=["people", "auth"])
    )
    return user


def _join_raad_attempt(client, world, user):
    """The raad's change form with one extra membership row: this user's person."""
    person = getattr(user, "person", None)
    return client.post(
        reverse("admin:people_body_change", args=[world.raad.pk]),
        {
            "name": world.raad.name,
            "kind": world.raad.kind,
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-person": person.pk if person else "",
            "memberships-0-label": "lid",
            "memberships-0-start": "2026-01-01",
        },
    )


@pytest.mark.parametrize("role", ["superuser", "global_perm"])
def test_the_password_alone_does_not_open_the_admin(world, role):
    user = _staff_with_people_permissions(world) if role == "global_perm" else world.users[role]
    client = Client()
    client.force_login(user)
    for url in (
        reverse("admin:index"),
        reverse("admin:people_person_changelist"),
        reverse("admin:confidentiality_secrecydecision_changelist"),
        reverse("admin:documents_document_changelist"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
    before = Membership.objects.count()
    response = _join_raad_attempt(client, world, user)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert Membership.objects.count() == before
    # … and no way to enrol a device from the admin either.
    response = client.post(reverse("admin:confidentiality_authenticatorapp_add"), {"user": user.pk})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_the_admin_login_asks_for_the_otp_token(world):
    page = Client().get(reverse("admin:login"))
    assert b'name="otp_token"' in page.content


def test_totp_keys_and_backup_codes_are_not_readable_nor_addable_in_the_admin(world):
    user = world.users["raadslid"]
    device = TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
    codes = second_factor.new_backup_codes(user)
    client = verify(Client(), world.users["superuser"])
    change = client.get(reverse("admin:confidentiality_authenticatorapp_change", args=[device.pk]))
    assert change.status_code == 200
    assert device.key.encode() not in change.content
    static = BackupCodes.objects.get(user=user)
    page = client.get(reverse("admin:confidentiality_backupcodes_change", args=[static.pk]))
    assert all(code.encode() not in page.content for code in codes)
    assert all(c.code_hash.encode() not in page.content for c in BackupCode.objects.all())
    assert client.get(reverse("admin:confidentiality_authenticatorapp_add")).status_code == 403
    config = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/config/")
    assert config.status_code == 404
    assert device.key.encode() not in config.content


def test_adding_a_document_in_the_admin_is_refused_not_a_server_error(world):
    client = verify(Client(), world.users["superuser"])
    client.raise_request_exception = True
    assert client.get(reverse("admin:documents_document_add")).status_code == 403


def test_non_griffie_staff_see_no_secret_numbers_or_subjects_in_the_admin(world):
    secret = world.documents["geheim"]
    Redaction.objects.create(document=secret, finding_id="f1", page=0, entity_type="PERSON")
    Redaction.objects.create(
        document=world.documents["vertrouwelijk"], finding_id="f2", page=0, entity_type="PHONE"
    )
    inspection = InspectionRequest.objects.create(
        requester="Journalist", contact="x", description="y"
    )
    client = verify(Client(), world.users["superuser"])
    pages = {
        "decision": client.get(
            reverse(
                "admin:confidentiality_secrecydecision_change",
                args=[world.decisions["geheim"].pk],
            )
        ),
        "redactions": client.get(reverse("admin:documents_redaction_changelist")),
        "inspection add": client.get(reverse("admin:publication_inspectionrequest_add")),
        "inspection change": client.get(
            reverse("admin:publication_inspectionrequest_change", args=[inspection.pk])
        ),
        "removal add": client.get(reverse("admin:publication_removalrequest_add")),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        html = response.content.decode()
        assert secret.subject not in html, name
        assert secret.registration_number not in html, name
    assert (
        world.documents["vertrouwelijk"].registration_number in pages["redactions"].content.decode()
    )
    assert world.documents["vertrouwelijk"].subject in pages["inspection add"].content.decode()
    # Nor can they change a secrecy decision (which would grant secrets to a body).
    response = client.post(
        reverse(
            "admin:confidentiality_secrecydecision_change", args=[world.decisions["geheim"].pk]
        ),
        {"title": "x"},
    )
    assert response.status_code == 403
    assert SecretItem.objects.filter(document=secret).exists()


def test_the_griffie_still_sees_secret_documents_in_the_admin(world):
    griffie = world.users["griffie"]
    griffie.is_staff = True
    griffie.is_superuser = True
    griffie.save()
    client = verify(Client(), griffie)
    page = client.get(
        reverse("admin:confidentiality_secrecydecision_change", args=[world.decisions["geheim"].pk])
    )
    assert world.documents["geheim"].registration_number in page.content.decode()


def test_a_verified_superuser_issues_an_activation_from_the_user_list(world):
    user = world.users["raadslid"]
    old = TOTPDevice.objects.create(user=user, name="kwijt", confirmed=True)
    client = verify(Client(), world.users["superuser"])
    page = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "issue_second_factor_activation", "_selected_action": [user.pk]},
    )
    assert page.status_code == 200 and b"/tweestapsverificatie/activeren/" in page.content
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert AccessLog.objects.filter(action="second_factor_reset", object_id=str(user.pk)).exists()


# --- who sits in a body is the griffie's record; roles and permissions a superuser's --------------
def _verified_staff_outside_the_griffie(world):
    """Staff with the second factor and every people and auth permission, but no griffie role
    and no superuser: the account most likely to be over-granted in practice."""
    user = _staff_with_people_permissions(world)
    return user, verify(Client(), user)


def _user_change_post(client, user, **changes):
    """The user admin's change form as the browser posts it, with ``changes`` applied."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "is_staff": "on" if user.is_staff else "",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "groups": [group.pk for group in user.groups.all()],
        **changes,
    }
    return client.post(reverse("admin:auth_user_change", args=[user.pk]), data)


def test_staff_outside_the_griffie_cannot_add_themselves_to_the_raad(world):
    user, client = _verified_staff_outside_the_griffie(world)
    person = member(user)  # a person, in no body
    before = Membership.objects.count()

    _join_raad_attempt(client, world, user)

    assert Membership.objects.count() == before
    assert not person.memberships.exists()
    assert not user.groups.filter(body=world.raad).exists()


def test_staff_outside_the_griffie_cannot_link_their_login_to_a_member(world):
    user, client = _verified_staff_outside_the_griffie(world)
    raad_member = world.users["raadslid"].person

    client.post(
        reverse("admin:people_person_change", args=[raad_member.pk]),
        {
            "name": raad_member.name,
            "role": raad_member.role,
            "user": user.pk,
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )

    raad_member.refresh_from_db()
    assert raad_member.user == world.users["raadslid"]


@pytest.mark.parametrize("change", ["raad group", "griffie group", "superuser"])
def test_staff_outside_the_griffie_cannot_give_themselves_roles_or_superuser(world, change):
    from django.contrib.auth.models import Group

    user, client = _verified_staff_outside_the_griffie(world)
    changes = {
        "raad group": {"groups": [world.raad.group.pk]},
        "griffie group": {"groups": [Group.objects.get(name="griffie").pk]},
        "superuser": {"is_superuser": "on"},
    }[change]

    _user_change_post(client, user, **changes)

    user.refresh_from_db()
    assert not user.is_superuser
    assert not user.groups.filter(name__in=["griffie", world.raad.group.name]).exists()


def test_a_body_group_is_not_given_by_hand_even_by_a_superuser(world):
    """It follows the membership record; the superuser adds the membership instead (as griffie)."""
    superuser = world.users["superuser"]
    client = verify(Client(), superuser)
    target = world.users["global_perm"]

    _user_change_post(client, target, groups=[world.raad.group.pk])

    assert not target.groups.filter(body=world.raad).exists()


def test_the_griffie_records_a_membership_and_the_member_gets_the_bodys_group(world):
    griffie = world.users["griffie"]
    griffie.is_staff = True
    griffie.save()
    griffie.user_permissions.add(*Permission.objects.filter(content_type__app_label="people"))
    newcomer = UserFactory(username="nieuw-raadslid", raadslid=True)
    person = member(newcomer)

    response = verify(Client(), griffie).post(
        reverse("admin:people_body_change", args=[world.raad.pk]),
        {
            "name": world.raad.name,
            "kind": world.raad.kind,
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-person": person.pk,
            "memberships-0-label": "lid",
            "memberships-0-start": "2026-01-01",
        },
    )

    assert response.status_code == 302, response.context and [
        response.context["adminform"].form.errors,
        [f.errors for f in response.context["inline_admin_formsets"][0].formset.forms],
    ]
    assert person.memberships.filter(body=world.raad).exists()
    assert newcomer.groups.filter(body=world.raad).exists()
