"""All tables, one module each; importing this registers them on SQLModel.metadata."""

from secondround.models.access_token import AccessToken
from secondround.models.activity_entry import ActivityEntry
from secondround.models.application import Application
from secondround.models.application_answer import ApplicationAnswer
from secondround.models.change import Change
from secondround.models.contact import Contact
from secondround.models.debrief import DebriefRevision, ThankYouNoteSent
from secondround.models.idempotency_key import IdempotencyKey
from secondround.models.interviewer import Interviewer
from secondround.models.mail import MailMessage, PasswordResetToken, ReminderSent
from secondround.models.oauth import OAuthClient, OAuthCode
from secondround.models.offer import Offer
from secondround.models.practice_card import PracticeCard
from secondround.models.question import Question, QuestionTargetRole
from secondround.models.role import Role
from secondround.models.round import Round
from secondround.models.round_question import RoundQuestion
from secondround.models.user import User
from secondround.models.webhook import Webhook, WebhookAttempt, WebhookDelivery, WebhookFollowUpSent

__all__ = [
    "AccessToken",
    "ActivityEntry",
    "Application",
    "ApplicationAnswer",
    "Change",
    "Contact",
    "DebriefRevision",
    "IdempotencyKey",
    "Interviewer",
    "MailMessage",
    "OAuthClient",
    "OAuthCode",
    "Offer",
    "PasswordResetToken",
    "PracticeCard",
    "Question",
    "QuestionTargetRole",
    "ReminderSent",
    "Role",
    "Round",
    "RoundQuestion",
    "ThankYouNoteSent",
    "User",
    "Webhook",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookFollowUpSent",
]
