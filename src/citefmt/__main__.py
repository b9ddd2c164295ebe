"""``python -m citefmt``: the same as the ``citefmt`` command."""

from .cli import main

if __name__ == "__main__":
    main()
