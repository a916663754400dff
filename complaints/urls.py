from django.urls import path

from . import views

app_name = "complaints"

urlpatterns = [
    path("", views.mine, name="list"),
    path("new/<int:application_pk>/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/documents/<slug:kind>/<str:language>/", views.document_file, name="document"),
    path("office/", views.office_list, name="office_list"),
    path("office/<int:pk>/", views.office_detail, name="office_detail"),
    path("office/<int:pk>/take/", views.take, name="take"),
    path("office/<int:pk>/answer/", views.answer, name="answer"),
    path("office/<int:pk>/forward/", views.forward, name="forward"),
]
