"""Translators' commands name records by slug: an old slug (the redirects table) still names the renamed record."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from modes.models import Company
from redirects.models import Redirect


def export(name):
    out = StringIO()
    call_command("exporttranslations", "--record", name, "--format", "po", stdout=out)
    return out.getvalue()


def test_a_record_named_by_its_old_slug_is_exported(db):
    tmall = Company.objects.get(slug="tmall")
    tmall.slug = "tmall-com"
    tmall.save()
    Company.history.all().delete()  # the table, not the history, knows the old slug
    assert f"modes.company:{tmall.key}:name" in export("modes.company:tmall")


def test_an_editors_redirect_to_a_record_names_it_too(db):
    taobao = Company.objects.get(slug="taobao")
    row = Redirect(old_path="/companies/taobao-marketplace")
    row.set_target(record=taobao)
    row.save()
    assert f"modes.company:{taobao.key}:name" in export("modes.company:taobao-marketplace")


@pytest.mark.parametrize("name", ["modes.company:no-such-company", "modes.company:not a slug/at all"])
def test_a_name_that_is_no_record_is_an_error(db, name):
    with pytest.raises(CommandError, match="no such record"):
        export(name)
