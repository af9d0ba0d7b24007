"""`python -m clearance.cli`: the same as the `clearance` command."""

from clearance.cli.app import main

main()
