from tests.support.assertions import assert_problem
from tests.support.builders import create_application


def test_health(client):
    assert client.get("/api/v1/health").json() == {"status": "ok"}
    ready = client.get("/api/v1/health/ready")
    assert ready.status_code == 200 and ready.json()["status"] == "ready"


def test_new_user_creates_an_application(user):
    app = create_application(user, company="Initech")
    assert app["company"] == "Initech" and app["status"] == "applied"
    assert_problem(user.get("/api/v1/applications/not-a-uuid"), 404)
