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

content_changed = Signal()  # sender: the content model
content_will_change = Signal()  # sender: the content model


class ChangeRefused(Exception):
    """A change that must not be saved now; the message says why, in the editor's language."""


def check_change_allowed(model):
    """Raise ChangeRefused if something that must follow a change to `model` cannot."""
    content_will_change.send(sender=model)


@receiver(post_save)
@receiver(post_delete)
def _record_changed(sender, **kwargs):
    if is_content(sender):
        content_changed.send(sender=sender)


@receiver(m2m_changed)
def _relations_changed(sender, instance, model, action, **kwargs):
    if action.startswith("post_") and (is_content(instance) or is_content(model)):
        content_changed.send(sender=type(instance))
