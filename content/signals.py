"""What content tells the rest of the site before it changes, and how the rest may refuse a change.

Apps above content (the page cache) learn of changes through Django's model signals. Some of
what must follow a change can fail (a full or unreachable cache); a receiver then raises
ChangeRefused, so the change is not saved rather than saved where readers would not see it.
"""

from django.dispatch import Signal

# Sent by editors' forms before saving (sender: the model), so that a refusal is a form error
# and the editor's text stays in the form.
content_will_change = Signal()


class ChangeRefused(Exception):
    """A change that must not be saved now; the message says why, in the editor's language."""


def check_change_allowed(model):
    """Raise ChangeRefused if something that must follow a change to `model` cannot."""
    content_will_change.send(sender=model)
