"""`make bench`: the plan engine alone, and the plan endpoint end to end (python -m bench)."""
