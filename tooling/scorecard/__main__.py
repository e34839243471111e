from scorecard.cli import main

raise SystemExit(main())
