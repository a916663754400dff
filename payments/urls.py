from django.urls import path

from . import views

app_name = "payments"

urlpatterns = [
    path("", views.entitlement_list, name="entitlements"),
    path("entitlements/<int:pk>/", views.entitlement_detail, name="entitlement"),
    path(
        "entitlements/<int:pk>/<slug:action>/",
        views.entitlement_act,
        name="entitlement_act",
    ),
    path(
        "entitlements/<int:pk>/documents/<slug:kind>/<str:language>/",
        views.entitlement_document,
        name="entitlement_document",
    ),
    path("registers/", views.register_list, name="registers"),
    path("registers/<str:month>/", views.register_detail, name="register"),
    path("registers/<str:month>/prepare/", views.register_prepare, name="register_prepare"),
    path("registers/<str:month>/approve/", views.register_approve, name="register_approve"),
    path(
        "registers/<str:month>/export/<slug:what>/<str:language>/",
        views.register_export,
        name="register_export",
    ),
]
