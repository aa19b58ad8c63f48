"""The bundle's entry point (PyInstaller runs this script as `workstation`)."""

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())
