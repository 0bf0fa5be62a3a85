"""A save in one process empties the pages another process cached: a production server (gunicorn,
several workers) and a management command run with debug on, as the README writes them."""

import pytest

from modes.models import Company

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.long_running]

UNPUBLISH_JD = "from modes.models import Company; jd = Company.objects.get(slug='jd'); jd.status = 'draft'; jd.save()"


@pytest.mark.parametrize("cache", ["file cache shared through var/", "Redis"])
def test_a_save_from_a_debug_shell_empties_the_cache_the_production_server_reads(
    production_server, request, tmp_path, cache
):
    cache_url = request.getfixturevalue("throwaway_redis")[0] if cache == "Redis" else None
    site = production_server(cache_url=cache_url, var_dir=tmp_path / "var", workers=2)
    for _ in range(3):
        assert site.request("/en/companies/jd/")[0] == 200
        assert 'href="/en/companies/jd/"' in site.request("/en/companies/")[2]
    Company.objects.filter(slug="jd").update(name_en="Changed without telling anyone")  # no signal: still cached
    assert "Changed without telling anyone" not in site.request("/en/companies/jd/")[2]

    shell = site.manage("shell", "-c", UNPUBLISH_JD, extra_env={"DJANGO_DEBUG": "1"})
    assert shell.returncode == 0, shell.stderr

    for _ in range(4):  # whichever worker answers
        assert site.request("/en/companies/jd/")[0] == 404
        assert 'href="/en/companies/jd/"' not in site.request("/en/companies/")[2]
