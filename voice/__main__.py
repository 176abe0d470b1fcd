"""`python -m voice` runs the CLI."""
from voice.cli import main

main()
