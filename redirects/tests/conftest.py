import pytest
from django.contrib.auth.models import Permission, User


@pytest.fixture
def redirect_editor(client, db, sign_in_verified):
    """A staff member who may keep redirects (and nothing else)."""
    user = User.objects.create_user("rhea", password="a-long-test-password", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="redirects"))
    return sign_in_verified(client, user)
