#!/usr/bin/env bash
# Run the desktop workstation with an embedded server and a demo ward (`workstation demo`).
# Extra arguments go to `workstation demo`.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
bash installer/dev-setup.sh
export VIRTUAL_ENV="$REPO/.venv" PATH="$REPO/.venv/bin:$PATH"

if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" && -z "${QT_QPA_PLATFORM:-}" ]]; then
    echo "run-demo: no display found; starting the demo on a virtual X display (xvfb-run)." >&2
    exec xvfb-run --auto-servernum --server-args="-screen 0 1600x900x24" workstation demo "$@"
fi
exec workstation demo "$@"
