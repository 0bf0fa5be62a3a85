"""The import contracts are built from INSTALLED_APPS (ecomkb.layers) and hold; an app they cannot place is named."""

import pytest

from ecomkb import layers


def test_the_import_contracts_built_from_the_installed_apps_hold(capsys):
    assert layers.check_imports(), capsys.readouterr().out


def test_every_app_that_declares_a_kind_is_on_the_kinds_layer_unless_placed_below_it():
    placed = dict(layers.layers())
    assert {"modes", "trends"} <= set(placed[layers.KINDS])
    assert placed["sources"] == ["article"]  # a kind too, which every other kind cites


def test_an_app_on_no_layer_is_named_with_what_to_do(monkeypatch):
    own = layers.project_apps()
    monkeypatch.setattr(layers, "project_apps", lambda: [*own, "newsletter"])
    with pytest.raises(layers.UnplacedApp, match="newsletter: on no layer.*ecomkb.layers.LAYERS"):
        layers.layers()
