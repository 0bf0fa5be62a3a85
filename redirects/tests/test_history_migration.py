"""The migration that made the table copied the old addresses records' history knew (before renames left rows)."""

import importlib

from django.apps import apps
from django.db import connection
from django.db.utils import OperationalError

from modes.models import Company, OperationMode
from redirects.models import Redirect
from trends.models import Trend

copy_old_addresses = importlib.import_module("redirects.migrations.0002_old_addresses_from_history").copy_old_addresses


def renamed_before_the_table(record, *slugs):
    for slug in slugs:
        record.slug = slug
        record.save()
    Redirect.objects.all().delete()  # as a database had it: the history only
    return record


def test_every_old_slug_in_the_history_becomes_a_redirect_to_its_record(client, db):
    jd = renamed_before_the_table(Company.objects.get(slug="jd"), "jd-com", "jingdong")
    trend = renamed_before_the_table(Trend.objects.get(slug="vertical-e-commerce"), "vertical-ecommerce")
    renamed_before_the_table(OperationMode.objects.get(slug="c2b"), "consumer-to-business")
    gone = renamed_before_the_table(Company.objects.get(slug="baidu"), "baidu-inc")
    gone.delete()
    taken_over = renamed_before_the_table(Company.objects.get(slug="tencent"), "tencent-holdings")
    renamed_before_the_table(Company.objects.get(slug="alipay"), "tencent")  # another record has it now

    copy_old_addresses(apps, None)  # the live registry has the historical models' API

    rows = {row.old_path: row.target_record() for row in Redirect.objects.all()}
    assert rows == {
        "/companies/jd": jd,
        "/companies/jd-com": jd,
        "/companies/alipay": Company.objects.get(slug="tencent"),  # the record that had it, now at "tencent"
        "/trends/vertical-e-commerce": trend,
        "/modes/c2b": OperationMode.objects.get(slug="consumer-to-business"),
    }  # not /companies/baidu (deleted), nor /companies/tencent (another record's address now)
    assert all(Redirect.objects.values_list("automatic", flat=True))
    assert taken_over.slug == "tencent-holdings"
    response = client.get("/zh-hant/companies/jd-com/side-by-side/")
    assert (response.status_code, response["Location"]) == (301, "/zh-hant/companies/jingdong/side-by-side/")


def test_a_404_stands_when_the_redirects_cannot_be_read(client, db):
    def database_down(execute, sql, params, many, context):
        raise OperationalError("the database is down, say")

    with connection.execute_wrapper(database_down):
        response = client.get("/en/no/such/page/")
    assert response.status_code == 404
