from django.urls import path

from . import signing_views, views

app_name = "cabinet"

urlpatterns = [
    path("", views.cabinet, name="list"),
    path("apply/<slug:code>/", views.apply, name="apply"),
    path("apply/<slug:code>/<slug:key>/<slug:step>/", views.question, name="question"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/answers/<slug:step>/", views.change_answers, name="change"),
    path("<int:pk>/check/", views.check, name="check"),
    path("<int:pk>/upload/", views.upload, name="upload"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/sign/", signing_views.sign, name="sign"),
    path("<int:pk>/sign/code/send/", signing_views.send_code, name="sign_send"),
    path("<int:pk>/sign/code/", signing_views.sign_with_code, name="sign_code"),
    path("<int:pk>/sign/eds/", signing_views.sign_with_eds, name="sign_eds"),
    path("<int:pk>/filed/", views.filed, name="filed"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/again/", views.apply_again, name="again"),
    path("<int:pk>/delete/", views.delete_draft, name="delete"),
    path("<int:pk>/scans/<int:attachment_pk>/", views.attachment_file, name="attachment"),
    path("<int:pk>/documents/<slug:kind>/<str:language>/", views.document_file, name="document"),
]
