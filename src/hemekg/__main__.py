"""``python -m hemekg`` runs the command line."""

from hemekg.cli import main

if __name__ == "__main__":
    main()
