"""``python -m akteursnetz`` is the ``akteursnetz`` command."""

from .cli import main

main()
