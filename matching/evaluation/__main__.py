"""`python -m matching.evaluation [DATA_DIR]`: the evaluation in a throwaway SQLite database.

Prints the report as JSON (docs/matching.md shows it as tables).
"""

import json
import os
import sys
import tempfile
from pathlib import Path


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'evaluation.sqlite3'}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum.settings")
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        # The import invites every imported expert by mail: keep those mails in memory.
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

        from matching.evaluation.dataset import DATA_DIR
        from matching.evaluation.pipeline import evaluate

        call_command("migrate", verbosity=0)
        directory = Path(sys.argv[1]) if len(sys.argv) > 1 else DATA_DIR
        print(json.dumps(evaluate(directory), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
