"""The plan over HTTP: loads a round's facts from the database (`loading.py`), serves the plan
(`service.py`, `router.py`) and prints it as the prep sheet (`prep_sheet*.py`).

Which question goes to whom, in what order, is decided by the pure engine in `plan_engine/`
(no database, no HTTP), never here; the run sheet (`run_sheet.py`) lays the panel out in time.
"""
