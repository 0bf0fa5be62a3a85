from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from accounts.staff_area import public
from opendata.api import api
from opendata.views import dump_file
from pages.sitemaps import sitemaps
from pages.views import HomeView, RobotsView
from search.views import SearchView

# Readers' pages are marked public here, in one place; every other page is the staff area and needs both
# factors (accounts.middleware.StaffAreaMiddleware), whoever adds it and wherever.
urlpatterns = [
    path("admin/translation-files/", include("xliff.urls")),  # before the admin's own catch-all
    path("admin/", admin.site.urls),
]
urlpatterns += public(
    path("robots.txt", RobotsView.as_view(), name="robots"),
    # An index of the sitemap's pages (docs/benchmarks.md): each kind in pages of at most SITEMAP_LIMIT URLs.
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps(), "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": sitemaps()}, name="sitemap_section"),
    path("api/v1/", api.urls),  # the read-only JSON API, anonymous (opendata/api.py)
    path("downloads/<slug:dump>/<str:name>", dump_file, name="opendata_file"),  # the dumps' files, any language
)
handler400 = "pages.views.bad_request"  # a form over the size limits: says so, in the editor's language
handler500 = "pages.views.server_error"

# Every reader's page carries its language: /en/…, /zh-hant/…; "/" redirects by Accept-Language.
urlpatterns += i18n_patterns(
    *public(
        path("", HomeView.as_view(), name="home"),
        path("search/", SearchView.as_view(), name="search"),
        path("", include("modes.urls")),
        path("", include("trends.urls")),
        path("", include("article.urls")),
        path("", include("glossary.urls")),
        path("", include("opendata.urls")),  # recent changes, history, feeds, downloads (README, "Reusing")
    ),
    path("accounts/", include("accounts.urls")),  # sign-in pages carry allauth's own public mark
)
