from django.urls import path

from . import views
from .feeds import ChangesFeed

app_name = "opendata"
urlpatterns = [
    path("changes/", views.ChangesView.as_view(), name="changes"),
    path("changes/feed/", ChangesFeed(), name="feed"),
    path("changes/<slug:kind>/", views.ChangesView.as_view(), name="kind_changes"),
    path("changes/<slug:kind>/feed/", ChangesFeed(), name="kind_feed"),
    path("history/<slug:kind>/<uuid:key>/", views.HistoryView.as_view(), name="history"),
    path("history/<slug:kind>/<uuid:key>/<int:version>/", views.VersionView.as_view(), name="version"),
    path("downloads/", views.DownloadsView.as_view(), name="downloads"),
]
