"""The supervisor's pages, under /<language>/supervision/."""

from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("applications/", views.applications, name="applications"),
]
