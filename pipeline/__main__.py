"""``python -m pipeline`` is the ``akteursnetz`` command."""

from .cli import main

main()
