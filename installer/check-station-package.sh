#!/usr/bin/env bash
# Build the station bundle and its .deb, install the package as a ward PC would (dpkg -i, as
# root), run the installed `clinical-workstation --self-test` and `--help`, and remove the
# package again. installer/run-tests.sh runs this when CI=true or CW_BUILD_BUNDLE=1.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
PACKAGE=clinical-workstation

say() { printf 'check-station-package: %s\n' "$*"; }
fail() { printf 'check-station-package: ERROR: %s\n' "$*" >&2; exit 1; }

[[ "$(id -u)" == 0 ]] || fail "installing the .deb needs root (CI runs as root)"
command -v dpkg-deb >/dev/null || fail "dpkg-deb not found: the .deb is built and checked on Debian"

start=$SECONDS
CW_SKIP_SETUP="${CW_SKIP_SETUP:-0}" bash installer/build-workstation.sh
say "built in $((SECONDS - start)) s"
VERSION="$("$REPO/.venv/bin/python" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
DEB="$REPO/dist/${PACKAGE}_${VERSION}_$(dpkg --print-architecture).deb"
[[ -f "$DEB" ]] || fail "the build made no $DEB"

if dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null | grep -q "install ok installed"; then
    fail "$PACKAGE is already installed on this machine; remove it first (dpkg -r $PACKAGE)"
fi
remove_package() { dpkg -r "$PACKAGE" >/dev/null || say "could not remove $PACKAGE"; }
trap remove_package EXIT
say "dpkg -i $DEB"
dpkg -i "$DEB"

# As a ward PC runs it: from outside the checkout, with no display and no Python of ours on the path.
cd /
clean_env=(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM -u PYTHONPATH -u VIRTUAL_ENV
           PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
[[ "$(command -v "$PACKAGE")" == "/usr/bin/$PACKAGE" ]] || fail "/usr/bin/$PACKAGE missing"
"${clean_env[@]}" "$PACKAGE" --help >/dev/null || fail "$PACKAGE --help failed"
say "$PACKAGE --self-test"
"${clean_env[@]}" "$PACKAGE" --self-test || fail "the installed station failed its self-test"
say "installed package passed its self-test; removing it ($((SECONDS - start)) s in all)"
