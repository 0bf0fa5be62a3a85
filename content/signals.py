"""What content tells the rest of the site when it changes, and how the rest may refuse a change.

`content_changed`: sent whenever anything a reader may see changes (any kind of content in
content.registry is saved or deleted, or its relations change), by whatever path: admin, history
restore, seed, a shell. Apps that keep copies of pages (pagecache) listen to this rather than to models.

Some of what must follow a change can fail (a full or unreachable cache); a receiver then raises
ChangeRefused, so the change is not saved rather than saved where readers would not see it.
`content_will_change` is sent by editors' forms before saving, so that a refusal is a form error
and the editor's text stays in the form.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal, receiver

from .registry import is_content

# sender: the content model; `record` (None for a bulk change), `created`, `deleted`; for a change of relations
# `related_model` and `related_pks` (None: all of them). pagecache purges exactly what these name.
content_changed = Signal()
content_will_change = Signal()  # sender: the content model
# A record's address changed: sender the content model, `changes` [(record, old slug)] after the write, the old slug
# None for a record new at its address. Sent inside the write's transaction by every path that writes slugs:
# save() (admin, shell, translation files, seed), update() and bulk_create() (redirects/ keeps the old addresses).
address_changed = Signal()


class ChangeRefused(Exception):
    """A change that must not be saved now; the message says why, in the editor's language."""


def check_change_allowed(model):
    """Raise ChangeRefused if something that must follow a change to `model` cannot."""
    content_will_change.send(sender=model)


@receiver(post_save)
def _record_saved(sender, instance, created=False, **kwargs):
    if is_content(sender):
        content_changed.send(sender=sender, record=instance, created=created)


@receiver(post_delete)
def _record_deleted(sender, instance, **kwargs):
    if is_content(sender):
        content_changed.send(sender=sender, record=instance, deleted=True)


@receiver(m2m_changed)
def _relations_changed(sender, instance, model, action, pk_set=None, **kwargs):
    if action.startswith("post_") and (is_content(instance) or is_content(model)):
        related = None if pk_set is None else set(pk_set)
        content_changed.send(sender=type(instance), record=instance, related_model=model, related_pks=related)
