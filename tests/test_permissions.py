"""Every route, as anonymous and as every role: the expected status, and never a 500.

A new route fails `test_every_route_is_in_the_table` until its row is added below.
"""

import pytest

from app.accounts.models import OrgKind, Role
from tests.conftest import CSRF_RE, login
from tests.factories import OrganisationFactory, UserFactory, user_with_role

ANON = "anonymous"
ROLES = [ANON, *[r.value for r in Role]]


def public(status=200):
    return dict.fromkeys(ROLES, status)


def logged_in(status=200):
    return {**dict.fromkeys(ROLES, status), ANON: 302}


def anonymous_only():
    return {**dict.fromkeys(ROLES, 302), ANON: 200}


def admin_only(status=200):
    return {**dict.fromkeys(ROLES, 403), ANON: 302, Role.ADMIN.value: status}


# endpoint -> (method, {role: status})
EXPECTED = {
    "main.home": ("GET", public()),
    "main.dashboard": ("GET", logged_in()),
    "main.set_language": ("GET", public(302)),
    "main.healthz": ("GET", public()),
    "auth.login": ("GET", anonymous_only()),
    "auth.logout": ("POST", public(302)),
    "auth.register": ("GET", public()),
    "auth.register_seller": ("GET", anonymous_only()),
    "auth.register_supplier": ("GET", anonymous_only()),
    "auth.forgot_password": ("GET", public()),
    "auth.reset_password": ("GET", public(400)),  # a made-up token
    "auth.accept_invitation": ("GET", public(400)),
    "auth.change_password": ("GET", logged_in()),
    "admin.agencies": ("GET", admin_only()),
    "admin.agency_new": ("GET", admin_only()),
    "admin.agency": ("GET", admin_only()),
    "admin.agency_edit": ("GET", admin_only()),
    "admin.membership_remove": ("POST", admin_only(302)),
    "admin.dinas_staff": ("GET", admin_only()),
    "admin.users": ("GET", admin_only()),
    "admin.user": ("GET", admin_only()),
    "admin.user_deactivate": ("POST", admin_only(422)),  # no reason given
    "admin.user_reactivate": ("POST", admin_only(302)),
    "audit.index": ("GET", admin_only()),
    "outbox.index": ("GET", admin_only()),
    "outbox.message": ("GET", admin_only()),
}


def _endpoints(app):
    return {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint != "static"}


def test_every_route_is_in_the_table(app):
    assert _endpoints(app) == set(EXPECTED)


@pytest.fixture
def objects():
    """One of each object a URL can name, so every route gets a real id."""
    from app.accounts.services import dinas
    from app.extensions import db
    from app.notifications.services import queue_email

    agency = OrganisationFactory(kind=OrgKind.AGENCY, name="Dinas Perhubungan")
    member = user_with_role(Role.PP, organisation=agency)
    target = UserFactory()
    email = queue_email("someone@example.test", "Subject", "Body")
    dinas(create=True)  # the admin and curator users join this Dinas
    db.session.commit()
    return {
        "agency_id": agency.id,
        "membership_id": member.memberships[0].id,
        "user_id": target.id,
        "message_id": email.id,
        "token": "not-a-real-token",
        "code": "en",
    }


def _url(app, endpoint, objects):
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    with app.test_request_context():
        from flask import url_for

        return url_for(endpoint, **{arg: objects[arg] for arg in rule.arguments})


@pytest.mark.parametrize("role", ROLES)
def test_route_sweep(app, role, objects):
    client = app.test_client()
    if role != ANON:
        user = user_with_role(role)
        assert login(client, user.email).status_code == 302
    token_page = "/login" if role == ANON else "/account/password"
    token = CSRF_RE.search(client.get(token_page).get_data(as_text=True)).group(1)

    failures = []
    for endpoint, (method, expected) in sorted(EXPECTED.items()):
        url = _url(app, endpoint, objects)
        if method == "POST":
            response = client.post(url, data={"csrf_token": token})
        else:
            response = client.get(url)
        if response.status_code != expected[role]:
            failures.append(f"{method} {url}: {response.status_code}, expected {expected[role]}")
        if endpoint == "auth.logout" and role != ANON:
            login(client, user.email)
            token = CSRF_RE.search(client.get(token_page).get_data(as_text=True)).group(1)
    assert not failures, "\n".join(failures)
