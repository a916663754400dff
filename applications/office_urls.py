"""The clerk workspace, under /<language>/office/."""

from django.urls import path

from . import office_views as views

app_name = "office"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("register/", views.register_choose, name="register_choose"),
    path("register/<slug:code>/", views.register, name="register"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/act/", views.act, name="act"),
    path("<int:pk>/assign/", views.assign, name="assign"),
    path("<int:pk>/scans/<int:attachment_pk>/review/", views.review, name="review"),
]
