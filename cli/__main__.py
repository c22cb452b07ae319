"""`python -m cli`: the `jalin` command."""

from cli.main import main

raise SystemExit(main())
