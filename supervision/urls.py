"""The supervisor's pages, under /<language>/supervision/."""

from django.urls import path

from . import audit_views, report_views, views

app_name = "supervision"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("applications/", views.applications, name="applications"),
    path("reports/quality/", report_views.quality_report, name="quality_report"),
    path("audit/", audit_views.audit_search, name="audit"),
]
