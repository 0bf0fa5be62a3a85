from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from .views import HomeView, SearchView

urlpatterns = [
    path("admin/", admin.site.urls),
]

# Every reader's page carries its language: /en/…, /zh-hant/…; "/" redirects by Accept-Language.
urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("search/", SearchView.as_view(), name="search"),
    path("", include("modes.urls")),
    path("", include("trends.urls")),
)
