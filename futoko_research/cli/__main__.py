import sys

from futoko_research.cli import main

sys.exit(main())
