"""Small builders for the common resources, and one object of every kind for one user (a World) for
the tests that walk every route (isolation, bad input): a route added later is covered without
touching those tests."""

import uuid
from dataclasses import dataclass
from typing import Any

from tests.support.accounts import User


def create_application(u: User, **fields: Any) -> dict:
    r = u.post("/api/v1/applications", json={"company": "Acme", "position": "Engineer", **fields})
    assert r.status_code == 201, r.text
    return r.json()


def create_round(u: User, application_id: str, **fields: Any) -> dict:
    r = u.post(f"/api/v1/applications/{application_id}/rounds", json={"kind": "second", **fields})
    assert r.status_code == 201, r.text
    return r.json()


def create_interviewer(u: User, round_id: str, **fields: Any) -> dict:
    r = u.post(f"/api/v1/rounds/{round_id}/interviewers", json={"name": "Dana Ortega", **fields})
    assert r.status_code == 201, r.text
    return r.json()


def roles_by_name(u: User) -> dict[str, dict]:
    return {r["name"]: r for r in u.get("/api/v1/roles").json()["items"]}


def create_role(u: User, **fields: Any) -> dict:
    r = u.post("/api/v1/roles", json={"name": f"Role {uuid.uuid4().hex[:8]}", **fields})
    assert r.status_code == 201, r.text
    return r.json()


def create_question(u: User, **fields: Any) -> dict:
    r = u.post(
        "/api/v1/questions",
        json={"direction": "ask", "text": "What does success look like?", "category": "evaluation_process", **fields},
    )
    assert r.status_code == 201, r.text
    return r.json()


@dataclass
class World:
    application: dict
    round: dict
    interviewer: dict
    role: dict
    question: dict
    round_question: dict
    api_key: dict
    application_answer: dict
    webhook: dict
    oauth_client: dict
    activity: dict
    contact: dict
    offer: dict

    @property
    def path_ids(self) -> dict[str, str]:
        """Path parameter name -> the id of this world's object of that kind."""
        return {
            "application_id": self.application["id"],
            "round_id": self.round["id"],
            "interviewer_id": self.interviewer["id"],
            "role_id": self.role["id"],
            "question_id": self.question["id"],
            "api_key_id": self.api_key["id"],
            # Not object ids: names in the caller's own namespace (PUT .../by-external-id/{source}/{external_id}).
            "source": self.application["source"],
            "external_id": self.application["external_id"],
            "webhook_id": self.webhook["id"],
            "client_id": self.oauth_client["client_id"],
            "oauth_client_id": self.oauth_client["client_id"],
            "activity_id": self.activity["id"],
            "contact_id": self.contact["id"],
            "offer_id": self.offer["id"],
        }


def create_world(u: User) -> World:
    application = create_application(
        u,
        company="World Co",
        position="Analyst",
        source=f"board-{uuid.uuid4().hex[:8]}",
        external_id=f"world/{uuid.uuid4().hex[:8]}",
    )
    round_ = create_round(u, application["id"])
    role = create_role(u, focus={"teamwork": 0.7})
    interviewer = create_interviewer(u, round_["id"], role_id=role["id"])
    question = create_question(u, target_role_ids=[role["id"]])
    r = u.put(f"/api/v1/rounds/{round_['id']}/questions/{question['id']}", json={"pinned": True})
    assert r.status_code == 201, r.text
    api_key = u.post("/api/v1/api-keys", json={"name": "World key", "scopes": ["read", "write"]})
    assert api_key.status_code == 201, api_key.text
    oauth_client = u.post(
        "/api/v1/oauth-clients", json={"name": "World board", "redirect_uris": ["https://world.example/cb"]}
    )
    assert oauth_client.status_code == 201, oauth_client.text
    answer = u.put(
        f"/api/v1/applications/{application['id']}/answers/{question['id']}", json={"answer": "For World Co only."}
    )
    assert answer.status_code == 201, answer.text
    # Paused, so the World's changes queue no events for the webhook tests' workers to churn through
    # (port 9 on loopback: nothing listens there).
    webhook = u.post(
        "/api/v1/webhooks", json={"url": "http://127.0.0.1:9/world", "description": "World hook", "active": False}
    )
    assert webhook.status_code == 201, webhook.text
    activity = u.post(
        f"/api/v1/applications/{application['id']}/activity",
        json={"kind": "call", "round_id": round_["id"], "text": "World call"},
    )
    assert activity.status_code == 201, activity.text
    contact = u.post("/api/v1/contacts", json={"name": "World Contact", "company": "World Co"})
    assert contact.status_code == 201, contact.text
    # No date to respond by: the World's offer never joins the follow-ups list.
    offer = u.post(
        "/api/v1/offers", json={"application_id": application["id"], "base_amount": 50000, "currency": "EUR"}
    )
    assert offer.status_code == 201, offer.text
    return World(
        activity=activity.json(),
        contact=contact.json(),
        application=application,
        round=round_,
        interviewer=interviewer,
        role=role,
        question=question,
        round_question=r.json(),
        api_key=api_key.json(),
        application_answer=answer.json(),
        webhook=webhook.json(),
        oauth_client=oauth_client.json(),
        offer=offer.json(),
    )
