from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingPurge(models.Model):
    """Surrogate keys that shared caches (Varnish, a CDN) must still be told to purge: the outbox of
    pagecache.purges. Written in the same transaction as the change, so a purge is never lost to a crash, a
    restart or a network error; removed once every cache has been told, twice (PURGE_REPEAT_SECONDS apart)."""

    keys = models.TextField(_("keys"))  # space-separated, as the xkey and Surrogate-Key headers spell them
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), db_index=True)
    attempts = models.PositiveIntegerField(_("failed attempts"), default=0)
    told = models.PositiveSmallIntegerField(_("times told"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("pending purge")
        verbose_name_plural = _("pending purges")

    def __str__(self):
        return self.keys[:80]
