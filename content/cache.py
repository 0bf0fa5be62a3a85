"""The shared cache for what readers are served (pages, counts): CACHE_URL, the "pages" alias.

Not Django's default cache, which holds sign-in's security state (ecomkb.settings, CACHES): no reader's
request may push that out, and sign-in must not fail when this cache does.
"""

from django.core.cache import caches
from django.utils.connection import ConnectionProxy

cache = ConnectionProxy(caches, "pages")
