"""Editor accounts and their logged-in clients."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from editors.roles import EDITOR_GROUP


@pytest.fixture
def editor(db):
    user = User.objects.create_user("erin", password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR_GROUP))
    return user


@pytest.fixture
def editor_client(client, editor, sign_in_verified):
    return sign_in_verified(client, editor)


@pytest.fixture
def second_editor_client(db, sign_in_verified):
    """Another editor, in a browser of their own."""
    other = User.objects.create_user("sam", password="another-long-test-password", is_staff=True)
    other.groups.add(Group.objects.get(name=EDITOR_GROUP))
    second = Client()
    return sign_in_verified(second, other)
