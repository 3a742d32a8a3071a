from django.urls import path

from . import language, views

urlpatterns = [
    path("profile/", views.profile_edit, name="profile-edit"),
    path("language/", language.language_set, name="language-set"),
]
