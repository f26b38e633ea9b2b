"""`python -m storyline.cli`."""
import sys

from . import main

sys.exit(main())
