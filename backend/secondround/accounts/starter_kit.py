"""What every new account starts with: the four default interviewer roles and a starter bank.

Pure data, in the project's own words; everything here is editable by the user afterwards.
Weights follow PRODUCT.md: a supervisor weighs the job itself, deadlines and efficiency; an
owner or executive weighs vision, long-term goals and career advancement; a co-worker weighs
the day-to-day work and the team; HR weighs process, logistics and pay.
"""

from dataclasses import dataclass, field

from secondround.helpers.vocabulary import Category as C
from secondround.helpers.vocabulary import Direction


@dataclass(frozen=True)
class StarterRole:
    key: str
    name: str
    goals: str
    focus: dict[str, float]
    deciding: bool = False  # the last deciding person on a panel gets the closing block


@dataclass(frozen=True)
class StarterQuestion:
    direction: Direction
    category: C
    importance: int
    text: str
    minutes: int = 2
    # Keys of StarterRole the question is meant for; empty means any role.
    targets: tuple[str, ...] = field(default_factory=tuple)
    # How to answer an `expect` question: shown as a tip, never counted as your prepared answer.
    tip: str | None = None
    recurring: bool = False  # asked every round
    at_end: bool = False  # in the closing block
    asks_next_panel: bool = False  # only while the next round's panel is unknown


ROLES: tuple[StarterRole, ...] = (
    StarterRole(
        key="supervisor",
        name="Supervisor",
        goals="Wants to know you can do the job from week one: meet deadlines, work efficiently, "
        "and fit the way the team is run. Judges you on concrete skills and results.",
        focus={
            C.JOB_DESCRIPTION: 1.0,
            C.DEADLINES_EFFICIENCY: 0.9,
            C.EVALUATION_PROCESS: 0.9,
            C.SKILLS_EXPERIENCE: 0.8,
            C.TEAMWORK: 0.6,
            C.PROFESSIONAL_DEVELOPMENT: 0.5,
            C.LOGISTICS: 0.4,
            C.ORGANIZATION_VISION: 0.3,
            C.LONG_TERM_GOALS: 0.3,
            C.COMPENSATION: 0.5,
        },
        deciding=True,
    ),
    StarterRole(
        key="owner",
        name="Owner / executive",
        goals="Looks for someone who shares the company's long-term direction and will grow with it. "
        "Cares about ambition, judgement and where you want your career to go.",
        focus={
            C.ORGANIZATION_VISION: 1.0,
            C.LONG_TERM_GOALS: 1.0,
            C.PROFESSIONAL_DEVELOPMENT: 0.8,
            C.EVALUATION_PROCESS: 0.4,
            C.JOB_DESCRIPTION: 0.3,
            C.TEAMWORK: 0.3,
            C.SKILLS_EXPERIENCE: 0.4,
            C.DEADLINES_EFFICIENCY: 0.2,
            C.LOGISTICS: 0.1,
            C.COMPENSATION: 0.7,
        },
        deciding=True,
    ),
    StarterRole(
        key="coworker",
        name="Co-worker",
        goals="Wants to know what working next to you will be like: how you collaborate, share "
        "the load and handle the day-to-day specifics of the job.",
        focus={
            C.TEAMWORK: 1.0,
            C.JOB_DESCRIPTION: 0.8,
            C.DEADLINES_EFFICIENCY: 0.5,
            C.SKILLS_EXPERIENCE: 0.6,
            C.PROFESSIONAL_DEVELOPMENT: 0.3,
            C.LOGISTICS: 0.3,
            C.ORGANIZATION_VISION: 0.1,
            C.EVALUATION_PROCESS: 0.2,
            C.LONG_TERM_GOALS: 0.0,
            C.COMPENSATION: 0.0,
        },
    ),
    StarterRole(
        key="hr",
        name="HR",
        goals="Checks fit with the company's policies and culture, explains the hiring process, "
        "benefits and logistics, and usually handles the offer and salary.",
        focus={
            C.EVALUATION_PROCESS: 0.8,
            C.LOGISTICS: 1.0,
            C.COMPENSATION: 1.0,
            C.PROFESSIONAL_DEVELOPMENT: 0.6,
            C.ORGANIZATION_VISION: 0.4,
            C.TEAMWORK: 0.3,
            C.JOB_DESCRIPTION: 0.2,
            C.SKILLS_EXPERIENCE: 0.2,
            C.LONG_TERM_GOALS: 0.2,
            C.DEADLINES_EFFICIENCY: 0.0,
        },
    ),
)

ASK, EXPECT = Direction.ASK, Direction.EXPECT

QUESTIONS: tuple[StarterQuestion, ...] = (
    # Questions you ask.
    StarterQuestion(ASK, C.JOB_DESCRIPTION, 5, "What would a typical week look like for me in this role?"),
    StarterQuestion(ASK, C.JOB_DESCRIPTION, 4, "What is the most pressing problem you would want me to take on first?"),
    StarterQuestion(
        ASK, C.EVALUATION_PROCESS, 5, "How will you judge whether I am succeeding after three and after twelve months?"
    ),
    StarterQuestion(
        ASK,
        C.DEADLINES_EFFICIENCY,
        4,
        "How are priorities and deadlines set, and what happens when two of them collide?",
    ),
    StarterQuestion(
        ASK,
        C.TEAMWORK,
        4,
        "How does the team split work and help each other when someone is stuck?",
        targets=("coworker", "supervisor"),
    ),
    StarterQuestion(
        ASK,
        C.TEAMWORK,
        3,
        "What do you enjoy most about working on this team, and what would you change?",
        targets=("coworker",),
    ),
    StarterQuestion(
        ASK,
        C.ORGANIZATION_VISION,
        5,
        "Where do you see the company in three to five years, and how does this team get it there?",
    ),
    StarterQuestion(
        ASK, C.LONG_TERM_GOALS, 4, "What paths have people who started in this role taken inside the company?"
    ),
    StarterQuestion(
        ASK, C.PROFESSIONAL_DEVELOPMENT, 4, "What support is there for learning: training, mentoring, conferences?"
    ),
    StarterQuestion(
        ASK, C.SKILLS_EXPERIENCE, 3, "Which skills do the strongest people in this role have that others lack?"
    ),
    StarterQuestion(
        ASK, C.LOGISTICS, 3, "What are the working hours, and how does remote or on-site work happen here?", minutes=1
    ),
    # The closing block: asked at the end of every round, of the last decision-maker. The
    # decision date is the most important, so it is the very last question (closing order).
    StarterQuestion(
        ASK,
        C.EVALUATION_PROCESS,
        3,
        "Who will I meet next, and what are their roles?",
        minutes=1,
        recurring=True,
        at_end=True,
        asks_next_panel=True,
    ),
    StarterQuestion(
        ASK,
        C.EVALUATION_PROCESS,
        4,
        "What are the next steps after today, and when can I expect to hear from you?",
        minutes=1,
        recurring=True,
        at_end=True,
    ),
    StarterQuestion(ASK, C.COMPENSATION, 4, "What salary range is budgeted for this position, and how is it reviewed?"),
    StarterQuestion(
        ASK, C.COMPENSATION, 3, "Which benefits come with the role: pension, health cover, paid leave, bonus?"
    ),
    # Questions you should expect, with a tip for writing your own answer.
    StarterQuestion(
        EXPECT,
        C.SKILLS_EXPERIENCE,
        5,
        "Walk me through a project you are proud of and what your part in it was.",
        tip="Situation, task, what I did, measurable result; then what I learned.",
    ),
    StarterQuestion(
        EXPECT,
        C.DEADLINES_EFFICIENCY,
        5,
        "Tell me about a time you had to deliver under a tight deadline.",
        tip="Pick one real deadline; show how you cut scope, communicated early and delivered.",
    ),
    StarterQuestion(
        EXPECT,
        C.JOB_DESCRIPTION,
        4,
        "How would you approach your first 90 days here?",
        tip="Listen and learn the systems, deliver one small win, then propose one improvement.",
    ),
    StarterQuestion(
        EXPECT,
        C.LONG_TERM_GOALS,
        5,
        "Where do you want to be in five years?",
        tip="Growth that fits this company's direction: deeper expertise, then more responsibility.",
    ),
    StarterQuestion(
        EXPECT,
        C.ORGANIZATION_VISION,
        4,
        "Why do you want to work for us rather than a competitor?",
        tip="Name something specific from your company research: product, mission, recent news.",
    ),
    StarterQuestion(
        EXPECT,
        C.TEAMWORK,
        5,
        "Describe a disagreement with a colleague and how you resolved it.",
        tip="Show you listened, focused on the shared goal, and kept the relationship.",
    ),
    StarterQuestion(
        EXPECT,
        C.PROFESSIONAL_DEVELOPMENT,
        3,
        "What have you learned recently, and how did you go about it?",
        tip="A concrete skill, how you learned it, and where you have already used it.",
    ),
    StarterQuestion(
        EXPECT,
        C.COMPENSATION,
        4,
        "What are your salary expectations?",
        tip="Give a researched range for this role and location; say you are flexible on the total package.",
    ),
    StarterQuestion(
        EXPECT,
        C.LOGISTICS,
        3,
        "When could you start?",
        tip="State your notice period honestly; offer to be flexible where you can.",
    ),
    StarterQuestion(
        EXPECT,
        C.EVALUATION_PROCESS,
        3,
        "Is there anything that would stop you from accepting an offer?",
        tip="Be honest but positive: mention what you still need to learn (e.g. the package).",
    ),
)
