from django.urls import path

from . import views

app_name = "cabinet"

urlpatterns = [
    path("", views.cabinet, name="list"),
    path("apply/<slug:code>/", views.apply, name="apply"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/upload/", views.upload, name="upload"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/scans/<int:attachment_pk>/", views.attachment_file, name="attachment"),
    path("<int:pk>/documents/<slug:kind>/<str:language>/", views.document_file, name="document"),
]
