"""Backup codes become a device of our own that stores only a hash of each code.

The codes users hold now (django-otp static tokens, readable in the database) keep working:
each is moved as its hash, and the static devices are deleted."""

import hashlib

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def hash_existing_codes(apps, schema_editor):
    StaticDevice = apps.get_model("otp_static", "StaticDevice")
    BackupCodes = apps.get_model("confidentiality", "BackupCodes")
    BackupCode = apps.get_model("confidentiality", "BackupCode")
    for static in StaticDevice.objects.all():
        device = BackupCodes.objects.create(
            user_id=static.user_id,
            name=static.name or "backup",
            confirmed=static.confirmed,
            created_at=static.created_at,
            last_used_at=static.last_used_at,
        )
        BackupCode.objects.bulk_create(
            BackupCode(
                device=device,
                # The same normalisation as confidentiality.models.hash_backup_code.
                code_hash=hashlib.sha256(
                    "".join(token.token.split()).replace("-", "").lower().encode()
                ).hexdigest(),
            )
            for token in static.token_set.all()
        )
        static.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("confidentiality", "0004_merge_20261207_2113"),
        ("otp_static", "0003_add_timestamps"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.DeleteModel(name="BackupCodes"),
        migrations.CreateModel(
            name="BackupCodes",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(help_text="The human-readable name of this device.", max_length=64)),
                ("confirmed", models.BooleanField(default=True, help_text="Is this device ready for use?")),
                ("throttling_failure_timestamp", models.DateTimeField(blank=True, default=None, help_text="A timestamp of the last failed verification attempt. Null if last attempt succeeded.", null=True)),
                ("throttling_failure_count", models.PositiveIntegerField(default=0, help_text="Number of successive failed attempts.")),
                ("created_at", models.DateTimeField(auto_now_add=True, help_text="The date and time when this device was initially created in the system.", null=True)),
                ("last_used_at", models.DateTimeField(blank=True, help_text="The most recent date and time this device was used.", null=True)),
                ("user", models.ForeignKey(help_text="The user that this device belongs to.", on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL)),
            ],
            options={"verbose_name": "set reservecodes", "verbose_name_plural": "reservecodes"},
        ),
        migrations.CreateModel(
            name="BackupCode",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code_hash", models.CharField(db_index=True, max_length=64)),
                ("device", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="codes", to="confidentiality.backupcodes")),
            ],
            options={"verbose_name": "reservecode", "verbose_name_plural": "reservecodes"},
        ),
        migrations.RunPython(hash_existing_codes, migrations.RunPython.noop),
    ]
