"""``python -m jpstudy`` runs the ``jpstudy`` command."""

import sys

from jpstudy.cli import main

sys.exit(main())
