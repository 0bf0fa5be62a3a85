"""A save that something after it refuses (a receiver raising ChangeRefused, as the page cache does when it cannot
be emptied) leaves nothing behind and leaves the caller's transaction usable: the admin runs each request in one
transaction and shows a form error after the refusal, a shell or a test goes on querying."""

import pytest
from django.db import transaction
from django.db.models.signals import post_save

from content.registry import content_models
from content.signals import ChangeRefused


@pytest.mark.parametrize("model", content_models(), ids=lambda model: model._meta.label_lower)
def test_a_refused_save_inside_a_transaction_leaves_it_usable_and_the_record_as_it_was(db, model):
    record = model.objects.published().first()
    assert record is not None
    slug = record.slug

    def refuse(sender, **kwargs):
        raise ChangeRefused("Nothing was saved.")

    post_save.connect(refuse, sender=model, dispatch_uid="test-refuse")
    try:
        with transaction.atomic():  # as the admin's request
            record.slug = f"{slug}-x"[:40]
            with pytest.raises(ChangeRefused):
                record.save()
            assert model.objects.get(pk=record.pk).slug == slug  # the transaction still answers, unchanged
    finally:
        post_save.disconnect(dispatch_uid="test-refuse", sender=model)
