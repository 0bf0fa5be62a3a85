from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from pages.sitemaps import sitemaps
from pages.views import HomeView, RobotsView
from search.views import SearchView

urlpatterns = [
    path("admin/translation-files/", include("xliff.urls")),  # before the admin's own catch-all
    path("admin/", admin.site.urls),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps()}, name="sitemap"),
]
handler400 = "pages.views.bad_request"  # a form over the size limits: says so, in the editor's language
handler500 = "pages.views.server_error"

# Every reader's page carries its language: /en/…, /zh-hant/…; "/" redirects by Accept-Language.
urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("search/", SearchView.as_view(), name="search"),
    path("", include("modes.urls")),
    path("", include("trends.urls")),
    path("", include("article.urls")),
    path("accounts/", include("accounts.urls")),
)
