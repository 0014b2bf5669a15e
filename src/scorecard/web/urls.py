"""URLs: the admin for now; the web app's pages come with their apps."""

from django.contrib import admin
from django.urls import path

urlpatterns = [
    path("admin/", admin.site.urls),
]
