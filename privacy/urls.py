from django.urls import path

from . import views

urlpatterns = [
    path("", views.my_data, name="my-data"),
    path("download/", views.my_data_download, name="my-data-download"),
    path("page/", views.my_data_page, name="my-data-page"),
    path("erase/", views.erase, name="my-data-erase"),
]
