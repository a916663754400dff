from django.urls import path

from . import catalogue

app_name = "catalogue"

urlpatterns = [
    path("", catalogue.service_list, name="list"),
    path("<slug:code>/", catalogue.service_detail, name="detail"),
]
