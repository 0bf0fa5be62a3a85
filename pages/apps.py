from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The site's own pages: home, robots.txt, the sitemap, error pages and every page's metadata."""

    name = "pages"
    verbose_name = "pages"
