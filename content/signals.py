"""`content_changed`: sent whenever anything a reader may see changes (any kind of content in
content.registry is saved or deleted, or its relations change), by whatever path: admin, history
restore, seed, a shell. Apps that keep copies of pages (pagecache) listen to this rather than to models.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal, receiver

from .registry import is_content

content_changed = Signal()  # sender: the content model


@receiver(post_save)
@receiver(post_delete)
def _record_changed(sender, **kwargs):
    if is_content(sender):
        content_changed.send(sender=sender)


@receiver(m2m_changed)
def _relations_changed(sender, instance, model, action, **kwargs):
    if action.startswith("post_") and (is_content(instance) or is_content(model)):
        content_changed.send(sender=type(instance))
