import os

from hypothesis import HealthCheck, settings

# Hypothesis ships a "ci" profile (derandomised, no database, no deadline);
# use it when CI is set so that CI runs are reproducible.
if os.environ.get("CI"):
    settings.load_profile("ci")

# A long fuzz run, started by hand (see the README's Development section):
#   pytest tests/test_hostile.py --hypothesis-profile=fuzz
# AIGOV_FUZZ_EXAMPLES sets the examples per property (default 20,000).
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("AIGOV_FUZZ_EXAMPLES", "20000")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
