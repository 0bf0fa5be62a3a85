"""Translation files, under /admin/ (staff only, CSRF-protected, never cached): see views.py."""

from django.contrib import admin
from django.urls import path

from . import views

app_name = "xliff"

urlpatterns = [
    path("export/", admin.site.admin_view(views.ExportView.as_view()), name="export"),
    path("import/", admin.site.admin_view(views.ImportView.as_view()), name="import"),
    path("import/apply/", admin.site.admin_view(views.ApplyView.as_view()), name="apply"),
]
