"""The simple plan algorithm, kept only as the benchmark's yardstick.

Scores every (question, interviewer) pair, sorts all of them, and assigns greedily under the
same budget, eligibility and salary-last rules as the engine, but without the engine's
coverage matching, bucketing or lazy heaps. Its output is not used anywhere.
"""

from secondround.plan_engine import PlanInput


def naive_plan(plan_input: PlanInput) -> dict:
    panel = list(plan_input.panel)
    answered = {h.question_id for h in plan_input.history if h.status == "answered"}
    asked = {h.question_id for h in plan_input.history if h.status == "asked"}
    candidates = [q for q in plan_input.questions if q.direction == "ask" and q.question_id not in answered]
    pairs = []
    for q in candidates:
        eligible = [
            i
            for i, m in enumerate(panel)
            if (not q.target_role_ids or m.role_id in q.target_role_ids)
            and (m.focus.get(q.category, 0.0) if m.role_id else 0.5) > 0
        ]
        if q.category == "compensation" and eligible:
            eligible = eligible[-1:]
        for i in eligible:
            weight = panel[i].focus.get(q.category, 0.0) if panel[i].role_id else 0.5
            score = q.importance / 5 * weight + (0.25 if q.question_id in asked else 0.0)
            pairs.append(
                (q.question_id in plan_input.pinned, score, q.importance, -i, q.text, str(q.question_id), i, q)
            )
    pairs.sort(key=lambda p: p[:6], reverse=True)
    left = [m.question_minutes for m in panel]
    placed: dict = {}
    for *_key, i, q in pairs:
        if q.question_id not in placed and q.minutes <= left[i]:
            placed[q.question_id] = i
            left[i] -= q.minutes
    backlog = [q.question_id for q in candidates if q.question_id not in placed]
    return {"placed": placed, "backlog": backlog}
