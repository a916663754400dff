"""Refusal grounds were stored as the clerk's translated text; they are codes now (the
words come at rendering, in the reader's language). Map each stored text back to the
code of the ground it is the title of, in any language; a text that matches no ground
(typed in by an earlier demo) stays as it was and is printed as typed."""

from django.db import migrations
from django.utils import translation


def ground_codes_by_text() -> dict[str, dict[str, str]]:
    from applications.registry import all_services

    mapping: dict[str, dict[str, str]] = {}
    for definition in all_services():
        texts = mapping.setdefault(definition.code, {})
        for language in ("en", "kk", "ru"):
            with translation.override(language):
                for ground in definition.refusal_grounds:
                    texts[" ".join(str(ground.title).split())] = ground.code
    return mapping


def forwards(apps, schema_editor) -> None:
    Application = apps.get_model("applications", "Application")
    ApplicationEvent = apps.get_model("applications", "ApplicationEvent")
    mapping = ground_codes_by_text()
    for application in Application.objects.filter(answers__has_key="refusal_ground").iterator():
        texts = mapping.get(application.service, {})
        stored = application.answers.get("refusal_ground") or ""
        code = texts.get(" ".join(stored.split()))
        if code:
            application.answers = {**application.answers, "refusal_ground": code}
            application.save(update_fields=["answers"])
            for event in ApplicationEvent.objects.filter(application=application, action="refuse"):
                if isinstance(event.data, dict) and event.data.get("ground") == stored:
                    # The base manager: the audit refuses changes through the portal's
                    # manager (append-only); this migration is the one rewrite of it.
                    ApplicationEvent._base_manager.filter(pk=event.pk).update(
                        data={**event.data, "ground": code}
                    )


class Migration(migrations.Migration):
    dependencies = [("applications", "0003_legal_acts_data")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
