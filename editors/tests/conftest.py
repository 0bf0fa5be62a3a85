"""A second editor, in a browser of their own (the first, `editor_client`, is in the root conftest.py)."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from editors.roles import EDITOR_GROUP


@pytest.fixture
def second_editor_client(db, sign_in_verified):
    """Another editor, in a browser of their own."""
    other = User.objects.create_user("sam", password="another-long-test-password", is_staff=True)
    other.groups.add(Group.objects.get(name=EDITOR_GROUP))
    second = Client()
    return sign_in_verified(second, other)
