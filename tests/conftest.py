import os

from hypothesis import settings

# Hypothesis ships a "ci" profile (derandomised, no database, no deadline);
# use it when CI is set so that CI runs are reproducible.
if os.environ.get("CI"):
    settings.load_profile("ci")
