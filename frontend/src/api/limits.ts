// Generated from openapi/openapi.json by scripts/gen-limits.mjs (`npm run gen:api`): do not edit.
// Each request field's HTML constraint attributes, to spread onto its input: the browser checks
// what the API checks.

export const limits = {
  "ActivityCreate": {
    "text": {
      "maxLength": 100000
    }
  },
  "ActivityUpdate": {
    "text": {
      "maxLength": 100000
    }
  },
  "ApiKeyCreate": {
    "name": {
      "maxLength": 100,
      "minLength": 1
    }
  },
  "ApplicationAnswerPut": {
    "answer": {
      "maxLength": 100000,
      "minLength": 1
    }
  },
  "ApplicationCreate": {
    "company": {
      "maxLength": 200,
      "minLength": 1
    },
    "company_research": {
      "maxLength": 100000
    },
    "description": {
      "maxLength": 100000
    },
    "external_id": {
      "maxLength": 255,
      "minLength": 1
    },
    "job_url": {
      "maxLength": 2048,
      "minLength": 1
    },
    "location": {
      "maxLength": 200,
      "minLength": 1
    },
    "notes": {
      "maxLength": 100000
    },
    "position": {
      "maxLength": 200,
      "minLength": 1
    },
    "salary_max": {
      "min": 0,
      "max": 1000000000000
    },
    "salary_min": {
      "min": 0,
      "max": 1000000000000
    },
    "source": {
      "maxLength": 200,
      "minLength": 1
    }
  },
  "ApplicationUpdate": {
    "company": {
      "maxLength": 200,
      "minLength": 1
    },
    "company_research": {
      "maxLength": 100000
    },
    "description": {
      "maxLength": 100000
    },
    "external_id": {
      "maxLength": 255,
      "minLength": 1
    },
    "job_url": {
      "maxLength": 2048,
      "minLength": 1
    },
    "location": {
      "maxLength": 200,
      "minLength": 1
    },
    "notes": {
      "maxLength": 100000
    },
    "position": {
      "maxLength": 200,
      "minLength": 1
    },
    "salary_max": {
      "min": 0,
      "max": 1000000000000
    },
    "salary_min": {
      "min": 0,
      "max": 1000000000000
    },
    "source": {
      "maxLength": 200,
      "minLength": 1
    }
  },
  "ApplicationUpsert": {
    "company": {
      "maxLength": 200,
      "minLength": 1
    },
    "company_research": {
      "maxLength": 100000
    },
    "description": {
      "maxLength": 100000
    },
    "job_url": {
      "maxLength": 2048,
      "minLength": 1
    },
    "location": {
      "maxLength": 200,
      "minLength": 1
    },
    "notes": {
      "maxLength": 100000
    },
    "position": {
      "maxLength": 200,
      "minLength": 1
    },
    "salary_max": {
      "min": 0,
      "max": 1000000000000
    },
    "salary_min": {
      "min": 0,
      "max": 1000000000000
    }
  },
  "ContactCreate": {
    "company": {
      "maxLength": 200,
      "minLength": 1
    },
    "email": {
      "maxLength": 320
    },
    "name": {
      "maxLength": 200,
      "minLength": 1
    },
    "notes": {
      "maxLength": 100000
    },
    "phone": {
      "maxLength": 50,
      "minLength": 1
    },
    "profile_url": {
      "maxLength": 2048,
      "minLength": 1
    },
    "title": {
      "maxLength": 200,
      "minLength": 1
    }
  },
  "ContactUpdate": {
    "company": {
      "maxLength": 200,
      "minLength": 1
    },
    "email": {
      "maxLength": 320
    },
    "name": {
      "maxLength": 200,
      "minLength": 1
    },
    "notes": {
      "maxLength": 100000
    },
    "phone": {
      "maxLength": 50,
      "minLength": 1
    },
    "profile_url": {
      "maxLength": 2048,
      "minLength": 1
    },
    "title": {
      "maxLength": 200,
      "minLength": 1
    }
  },
  "DebriefPut": {
    "cared_about": {
      "maxLength": 2000
    },
    "impression": {
      "min": 1,
      "max": 5
    },
    "next_steps": {
      "maxLength": 2000
    },
    "notes": {
      "maxLength": 100000
    },
    "surprises": {
      "maxLength": 2000
    }
  },
  "DebriefQuestionCreate": {
    "text": {
      "maxLength": 2000,
      "minLength": 1
    }
  },
  "ExportedAccount": {
    "display_name": {
      "maxLength": 200,
      "minLength": 1
    },
    "time_zone": {
      "maxLength": 64,
      "minLength": 1
    }
  },
  "ExportedAnswer": {
    "answer": {
      "maxLength": 100000,
      "minLength": 1
    }
  },
  "ExportedApplication": {
    "company": {
      "maxLength": 200,
      "minLength": 1
    },
    "company_research": {
      "maxLength": 100000
    },
    "description": {
      "maxLength": 100000
    },
    "external_id": {
      "maxLength": 255,
      "minLength": 1
    },
    "job_url": {
      "maxLength": 2048,
      "minLength": 1
    },
    "location": {
      "maxLength": 200,
      "minLength": 1
    },
    "notes": {
      "maxLength": 100000
    },
    "position": {
      "maxLength": 200,
      "minLength": 1
    },
    "salary_max": {
      "min": 0,
      "max": 1000000000000
    },
    "salary_min": {
      "min": 0,
      "max": 1000000000000
    },
    "source": {
      "maxLength": 200,
      "minLength": 1
    }
  },
  "ExportedInterviewer": {
    "break_after_minutes": {
      "min": 0,
      "max": 240
    },
    "email": {
      "maxLength": 320
    },
    "greeting": {
      "maxLength": 200,
      "minLength": 1
    },
    "meeting_minutes": {
      "min": 1,
      "max": 480
    },
    "name": {
      "maxLength": 200,
      "minLength": 1
    },
    "notes": {
      "maxLength": 100000
    },
    "order": {
      "min": 0,
      "max": 1000000
    },
    "phone": {
      "maxLength": 50,
      "minLength": 1
    },
    "profile_url": {
      "maxLength": 2048,
      "minLength": 1
    },
    "question_minutes": {
      "min": 0,
      "max": 480
    },
    "title": {
      "maxLength": 200,
      "minLength": 1
    }
  },
  "ExportedQuestion": {
    "importance": {
      "min": 1,
      "max": 5
    },
    "minutes": {
      "min": 1,
      "max": 60
    },
    "notes": {
      "maxLength": 100000
    },
    "prepared_answer": {
      "maxLength": 100000
    },
    "text": {
      "maxLength": 2000,
      "minLength": 1
    },
    "tip": {
      "maxLength": 100000
    }
  },
  "ExportedRole": {
    "goals": {
      "maxLength": 100000
    },
    "name": {
      "maxLength": 200,
      "minLength": 1
    }
  },
  "ExportedRound": {
    "duration_minutes": {
      "min": 1,
      "max": 1440
    },
    "external_id": {
      "maxLength": 255,
      "minLength": 1
    },
    "follow_up_note": {
      "maxLength": 100000
    },
    "location": {
      "maxLength": 2000
    },
    "notes": {
      "maxLength": 100000
    },
    "sequence": {
      "min": 1,
      "max": 1000000
    },
    "source": {
      "maxLength": 50,
      "minLength": 1
    },
    "time_zone": {
      "maxLength": 64,
      "minLength": 1
    }
  },
  "ExportedRoundQuestion": {
    "answer_notes": {
      "maxLength": 100000
    }
  },
  "FollowUpRequest": {
    "note": {
      "maxLength": 100000
    }
  },
  "GreenhouseInterviewer": {
    "email": {
      "maxLength": 320
    },
    "employee_id": {
      "maxLength": 200,
      "minLength": 1
    },
    "id": {
      "min": 1,
      "max": 9223372036854776000
    },
    "name": {
      "maxLength": 200,
      "minLength": 1
    },
    "scorecard_id": {
      "min": 1,
      "max": 9223372036854776000
    },
    "title": {
      "maxLength": 200,
      "minLength": 1
    }
  },
  "GreenhouseInterviewName": {
    "id": {
      "min": 1,
      "max": 9223372036854776000
    },
    "name": {
      "maxLength": 200,
      "minLength": 1
    }
  },
  "GreenhousePerson": {
    "employee_id": {
      "maxLength": 200,
      "minLength": 1
    },
    "first_name": {
      "maxLength": 200,
      "minLength": 1
    },
    "id": {
      "min": 1,
      "max": 9223372036854776000
    },
    "last_name": {
      "maxLength": 200,
      "minLength": 1
    },
    "name": {
      "maxLength": 200,
      "minLength": 1
    }
  },
  "GreenhouseScheduledInterview": {
    "application_id": {
      "min": 1,
      "max": 9223372036854776000
    },
    "external_event_id": {
      "maxLength": 200,
      "minLength": 1
    },
    "id": {
      "min": 1,
      "max": 9223372036854776000
    },
    "location": {
      "maxLength": 2000
    },
    "video_conferencing_url": {
      "maxLength": 2048,
      "minLength": 1
    }
  },
  "InterviewerCreate": {
    "break_after_minutes": {
      "min": 0,
      "max": 240
    },
    "email": {
      "maxLength": 320
    },
    "greeting": {
      "maxLength": 200,
      "minLength": 1
    },
    "meeting_minutes": {
      "min": 1,
      "max": 480
    },
    "name": {
      "maxLength": 200,
      "minLength": 1
    },
    "notes": {
      "maxLength": 100000
    },
    "order": {
      "min": 0,
      "max": 1000
    },
    "phone": {
      "maxLength": 50,
      "minLength": 1
    },
    "profile_url": {
      "maxLength": 2048,
      "minLength": 1
    },
    "question_minutes": {
      "min": 0,
      "max": 480
    },
    "title": {
      "maxLength": 200,
      "minLength": 1
    }
  },
  "InterviewerUpdate": {
    "break_after_minutes": {
      "min": 0,
      "max": 240
    },
    "email": {
      "maxLength": 320
    },
    "greeting": {
      "maxLength": 200,
      "minLength": 1
    },
    "meeting_minutes": {
      "min": 1,
      "max": 480
    },
    "name": {
      "maxLength": 200,
      "minLength": 1
    },
    "notes": {
      "maxLength": 100000
    },
    "order": {
      "min": 0,
      "max": 1000
    },
    "phone": {
      "maxLength": 50,
      "minLength": 1
    },
    "profile_url": {
      "maxLength": 2048,
      "minLength": 1
    },
    "question_minutes": {
      "min": 0,
      "max": 480
    },
    "title": {
      "maxLength": 200,
      "minLength": 1
    }
  },
  "LoginRequest": {
    "email": {
      "maxLength": 320
    },
    "password": {
      "maxLength": 1024,
      "minLength": 1
    }
  },
  "MeUpdate": {
    "current_password": {
      "maxLength": 1024,
      "minLength": 1
    },
    "display_name": {
      "maxLength": 200,
      "minLength": 1
    },
    "email": {
      "maxLength": 320
    },
    "password": {
      "maxLength": 1024,
      "minLength": 12
    },
    "reminder_hour": {
      "min": 0,
      "max": 23
    },
    "time_zone": {
      "maxLength": 64,
      "minLength": 1
    }
  },
  "NextPerson": {
    "name": {
      "maxLength": 200,
      "minLength": 1
    },
    "title": {
      "maxLength": 200,
      "minLength": 1
    }
  },
  "OAuthClientCreate": {
    "name": {
      "maxLength": 100,
      "minLength": 1
    }
  },
  "OAuthDecision": {
    "client_id": {
      "maxLength": 2000
    },
    "code_challenge": {
      "maxLength": 2000
    },
    "code_challenge_method": {
      "maxLength": 2000
    },
    "redirect_uri": {
      "maxLength": 2000
    },
    "response_type": {
      "maxLength": 2000
    },
    "scope": {
      "maxLength": 2000
    },
    "state": {
      "maxLength": 2000
    }
  },
  "OfferCreate": {
    "benefits": {
      "maxLength": 100000
    },
    "equity": {
      "maxLength": 2000
    },
    "notes": {
      "maxLength": 100000
    }
  },
  "OfferUpdate": {
    "benefits": {
      "maxLength": 100000
    },
    "equity": {
      "maxLength": 2000
    },
    "notes": {
      "maxLength": 100000
    }
  },
  "PanelMemberCreate": {
    "break_after_minutes": {
      "min": 0,
      "max": 240
    },
    "email": {
      "maxLength": 320
    },
    "greeting": {
      "maxLength": 200,
      "minLength": 1
    },
    "meeting_minutes": {
      "min": 1,
      "max": 480
    },
    "name": {
      "maxLength": 200,
      "minLength": 1
    },
    "notes": {
      "maxLength": 100000
    },
    "order": {
      "min": 0,
      "max": 1000
    },
    "phone": {
      "maxLength": 50,
      "minLength": 1
    },
    "profile_url": {
      "maxLength": 2048,
      "minLength": 1
    },
    "question_minutes": {
      "min": 0,
      "max": 480
    },
    "role": {
      "maxLength": 200,
      "minLength": 1
    },
    "title": {
      "maxLength": 200,
      "minLength": 1
    }
  },
  "PasswordResetConfirm": {
    "password": {
      "maxLength": 1024,
      "minLength": 12
    },
    "token": {
      "maxLength": 200,
      "minLength": 1
    }
  },
  "PasswordResetRequest": {
    "email": {
      "maxLength": 320
    }
  },
  "QuestionCreate": {
    "importance": {
      "min": 1,
      "max": 5
    },
    "minutes": {
      "min": 1,
      "max": 60
    },
    "notes": {
      "maxLength": 100000
    },
    "prepared_answer": {
      "maxLength": 100000
    },
    "text": {
      "maxLength": 2000,
      "minLength": 1
    },
    "tip": {
      "maxLength": 100000
    }
  },
  "QuestionUpdate": {
    "importance": {
      "min": 1,
      "max": 5
    },
    "minutes": {
      "min": 1,
      "max": 60
    },
    "notes": {
      "maxLength": 100000
    },
    "prepared_answer": {
      "maxLength": 100000
    },
    "text": {
      "maxLength": 2000,
      "minLength": 1
    },
    "tip": {
      "maxLength": 100000
    }
  },
  "RegisterRequest": {
    "display_name": {
      "maxLength": 200,
      "minLength": 1
    },
    "email": {
      "maxLength": 320
    },
    "password": {
      "maxLength": 1024,
      "minLength": 12
    },
    "time_zone": {
      "maxLength": 64,
      "minLength": 1
    }
  },
  "RoleCreate": {
    "goals": {
      "maxLength": 100000
    },
    "name": {
      "maxLength": 200,
      "minLength": 1
    }
  },
  "RoleUpdate": {
    "goals": {
      "maxLength": 100000
    },
    "name": {
      "maxLength": 200,
      "minLength": 1
    }
  },
  "RoundCreate": {
    "duration_minutes": {
      "min": 1,
      "max": 1440
    },
    "external_id": {
      "maxLength": 255,
      "minLength": 1
    },
    "location": {
      "maxLength": 2000
    },
    "notes": {
      "maxLength": 100000
    },
    "source": {
      "maxLength": 50,
      "minLength": 1
    },
    "time_zone": {
      "maxLength": 64,
      "minLength": 1
    }
  },
  "RoundQuestionPatch": {
    "answer_notes": {
      "maxLength": 100000
    }
  },
  "RoundQuestionPut": {
    "answer_notes": {
      "maxLength": 100000
    }
  },
  "RoundUpdate": {
    "duration_minutes": {
      "min": 1,
      "max": 1440
    },
    "external_id": {
      "maxLength": 255,
      "minLength": 1
    },
    "location": {
      "maxLength": 2000
    },
    "notes": {
      "maxLength": 100000
    },
    "source": {
      "maxLength": 50,
      "minLength": 1
    },
    "time_zone": {
      "maxLength": 64,
      "minLength": 1
    }
  },
  "ThankYouSentCreate": {
    "body": {
      "maxLength": 100000
    },
    "subject": {
      "maxLength": 200,
      "minLength": 1
    }
  },
  "TokenForm": {
    "password": {
      "maxLength": 1024,
      "minLength": 1
    },
    "username": {
      "maxLength": 320,
      "minLength": 1
    }
  },
  "WebhookCreate": {
    "description": {
      "maxLength": 200,
      "minLength": 1
    },
    "url": {
      "maxLength": 2048,
      "minLength": 1
    }
  },
  "WebhookUpdate": {
    "description": {
      "maxLength": 200,
      "minLength": 1
    },
    "url": {
      "maxLength": 2048,
      "minLength": 1
    }
  }
} as const;

/** The largest page a list serves (its `limit` query parameter). */
export const PAGE_LIMIT = 200;
