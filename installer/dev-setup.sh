#!/usr/bin/env bash
# Make this machine ready to develop, test and run the Clinical Workstation.
# For a fresh Debian 12 machine, as root, with its own python3 (3.11+). Safe to run again:
# it installs only what is missing and leaves no PostgreSQL cluster running.
# Python packages go into a virtual environment in the checkout (.venv/), never into the
# system's Python (Debian's python3 refuses that: PEP 668, externally-managed-environment).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
export DEBIAN_FRONTEND=noninteractive
PYTHON="${PYTHON:-python3}"        # the interpreter that makes the virtual environment
VENV="$REPO/.venv"
VENV_PYTHON="$VENV/bin/python"

# PostgreSQL server binaries (tests start their own throwaway cluster), pg_auto_failover (the
# failover bench and its CI test run a throwaway monitor/primary/standby), a virtual X server for
# screenshots, a CJK font, PDF-to-PNG for report checks, faketime (chaos tests move the
# workstation clock), and the shared libraries PySide6 loads
# for the offscreen and xcb platform plugins (from `ldd` on the Qt libraries and plugins).
APT_PACKAGES=(
    python3-venv postgresql xvfb xauth fonts-wqy-microhei fonts-hanazono poppler-utils faketime haproxy
    pgbackrest postgresql-15-auto-failover
    libegl1 libgl1 libglx0 libopengl0 libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6
    libharfbuzz0b libpng16-16 libjpeg62-turbo libxkbcommon0 libxkbcommon-x11-0
    libx11-6 libx11-xcb1 libxext6 libxrender1 libxcb1 libxcb-cursor0 libxcb-glx0 libxcb-icccm4
    libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0
    libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1
    libgssapi-krb5-2
)

say() { printf 'dev-setup: %s\n' "$*"; }
fail() { printf 'dev-setup: ERROR: %s\n' "$*" >&2; exit 1; }

run_quietly() {  # run a command, showing its output only when it fails
    local log
    log="$(mktemp)"
    if ! "$@" >"$log" 2>&1; then
        tail -n 60 "$log" >&2
        rm -f "$log"
        fail "command failed: $*"
    fi
    rm -f "$log"
}

missing_apt_packages() {
    local package
    for package in "${APT_PACKAGES[@]}"; do
        if [[ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" != "install ok installed" ]]; then
            printf '%s\n' "$package"
        fi
    done
}

install_system_packages() {
    command -v apt-get >/dev/null || fail "apt-get not found: this script sets up Debian 12"
    local missing
    mapfile -t missing < <(missing_apt_packages)
    if ((${#missing[@]} == 0)); then
        say "system packages already installed"
        return
    fi
    [[ "$(id -u)" == 0 ]] || fail "missing packages (${missing[*]}); run this script as root"
    say "installing ${missing[*]}"
    run_quietly apt-get update -q
    run_quietly apt-get install -y -q --no-install-recommends "${missing[@]}"
}

stop_system_clusters() {  # the postgresql package may start a 'main' cluster; tests use their own
    command -v pg_lsclusters >/dev/null || return 0
    local version cluster _rest
    while read -r version cluster _rest; do
        say "stopping the PostgreSQL cluster $version/$cluster started by the package"
        run_quietly pg_ctlcluster "$version" "$cluster" stop
    done < <(pg_lsclusters --no-header 2>/dev/null | awk '$4 == "online"')
}

python_package_is_current() {  # editable install of this checkout, every requirement met
    [[ -x "$VENV_PYTHON" ]] || return 1
    "$VENV_PYTHON" -I - "$REPO" <<'PY'  # -I: not the egg-info in the checkout
import importlib.metadata as md, json, sys, tomllib
from pathlib import Path
try:
    from packaging.requirements import Requirement
    dist = md.distribution("clinical-workstation")
except (ImportError, md.PackageNotFoundError):
    sys.exit(1)
repo = Path(sys.argv[1]).resolve()
where = json.loads(dist.read_text("direct_url.json") or "{}")
if where.get("url") != repo.as_uri() or not where.get("dir_info", {}).get("editable"):
    sys.exit(1)
project = tomllib.loads((repo / "pyproject.toml").read_text())["project"]
if dist.metadata["Version"] != project["version"]:
    sys.exit(1)
for line in project["dependencies"] + project["optional-dependencies"]["dev"]:
    requirement = Requirement(line)
    try:
        installed = md.version(requirement.name)
    except md.PackageNotFoundError:
        sys.exit(1)
    if not requirement.specifier.contains(installed, prereleases=True):
        sys.exit(1)
scripts = {ep.name for ep in dist.entry_points if ep.group == "console_scripts"}
sys.exit(0 if scripts == set(project.get("scripts", {})) else 1)
PY
}

make_virtual_environment() {
    if [[ -x "$VENV_PYTHON" ]] && "$VENV_PYTHON" -c 'import pip' 2>/dev/null; then
        return
    fi
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        || fail "Python 3.11 or newer is needed (found $("$PYTHON" --version 2>&1))"
    say "making the virtual environment $VENV"
    rm -rf "$VENV"
    run_quietly "$PYTHON" -m venv "$VENV"
}

install_python_package() {
    make_virtual_environment
    if python_package_is_current; then
        say "Python packages already installed in .venv"
        return
    fi
    say "pip install -e '.[dev]' (into .venv)"
    run_quietly "$VENV_PYTHON" -m pip install --quiet --disable-pip-version-check -e '.[dev]'
}

install_node_packages() {  # the independent FHIR validator of the tests (tests/integration/test_fhir_api.py)
    local folder="$REPO/tests/support/fhir_validator"
    if ! command -v npm >/dev/null; then  # Debian 12's nodejs (18) runs the pinned @medplum/core 3.2
        [[ "$(id -u)" == 0 ]] || fail "node and npm are missing (the FHIR tests' validator); run this script as root"
        say "installing nodejs npm"
        run_quietly apt-get update -q
        run_quietly apt-get install -y -q --no-install-recommends nodejs npm
    fi
    if (cd "$folder" && node -e '
        const lock = require("./package-lock.json").packages;
        for (const path of Object.keys(lock).filter(Boolean))
            if (require(`./${path}/package.json`).version !== lock[path].version) process.exit(1);
    ' 2>/dev/null); then
        say "FHIR validator (npm) already installed"
        return
    fi
    say "npm ci (the FHIR validator, $folder)"
    (cd "$folder" && run_quietly npm ci --no-audit --no-fund)
}

install_system_packages
stop_system_clusters
install_python_package
install_node_packages
say "ready"
