#!/usr/bin/env bash
# The test command: set the machine up, then lint, format check, type check, import contracts
# and the whole pytest suite (SQLite and a throwaway PostgreSQL). Stops at the first failure.
# Extra arguments go to pytest, e.g. `bash installer/run-tests.sh -k sync -x`.
# With CI=true or CW_BUILD_BUNDLE=1 it then builds the station bundle and .deb, installs it and
# runs its self-test (installer/check-station-package.sh, several minutes; needs root).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

step() {
    printf '\n== %s\n' "$*"
    "$@" || { printf '\nrun-tests: FAILED at: %s\n' "$*" >&2; exit 1; }
}

step bash installer/dev-setup.sh
export VIRTUAL_ENV="$REPO/.venv" PATH="$REPO/.venv/bin:$PATH"  # the tools dev-setup installed
step ruff check .
step ruff format --check .
step mypy
step lint-imports
export QT_QPA_PLATFORM=offscreen
step python -m pytest -q "$@"
if [[ "${CI:-}" == true || "${CW_BUILD_BUNDLE:-0}" == 1 ]]; then
    step env CW_SKIP_SETUP=1 bash installer/check-station-package.sh  # dev-setup ran above
fi
