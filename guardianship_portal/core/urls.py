from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("me/", views.dashboard, name="dashboard"),
    path("cabinet/", views.cabinet, name="cabinet"),
    path("office/", views.office, name="office"),
    path("supervision/", views.supervision, name="supervision"),
]
