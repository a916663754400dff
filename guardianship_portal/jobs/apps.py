from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "guardianship_portal.jobs"
    label = "jobs"
    verbose_name = "Jobs"
