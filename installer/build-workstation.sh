#!/usr/bin/env bash
# Build the installable station: a self-contained one-folder bundle dist/clinical-workstation/
# (PyInstaller, from installer/workstation.spec) and, on Debian, the package
# dist/clinical-workstation_<version>_<arch>.deb that installs it to /opt/clinical-workstation
# with a desktop entry and the `clinical-workstation` command.
# Translations are compiled and the CJK font copied into the bundle at build time; the bundle
# passes its own `--self-test` before it is packaged.
#
# Set-up first (installer/dev-setup.sh, run here unless CW_SKIP_SETUP=1): the build uses the
# virtual environment of the checkout (.venv), where PyInstaller comes with the [dev] extra.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
PACKAGE=clinical-workstation
BUNDLE="$REPO/dist/$PACKAGE"
WORK="$REPO/build"
INSTALL_DIR="/opt/$PACKAGE"

say() { printf 'build-workstation: %s\n' "$*"; }
fail() { printf 'build-workstation: ERROR: %s\n' "$*" >&2; exit 1; }

if [[ "${CW_SKIP_SETUP:-0}" != 1 ]]; then
    bash installer/dev-setup.sh
fi
[[ -x "$REPO/.venv/bin/python" ]] || fail "no .venv in $REPO: run installer/dev-setup.sh first"
export VIRTUAL_ENV="$REPO/.venv" PATH="$REPO/.venv/bin:$PATH"
command -v pyinstaller >/dev/null || fail "pyinstaller is missing from .venv (pip install -e '.[dev]')"

ensure_python_library() {  # PyInstaller ships libpython; Debian's python3 keeps it in libpython3.X
    local soname found
    read -r soname found < <(python -c 'import ctypes.util, os, sysconfig as s
name = s.get_config_var("INSTSONAME") or ""
path = os.path.join(s.get_config_var("LIBDIR") or "", name)
print(name, int(os.path.exists(path) or bool(ctypes.util.find_library(name.split(".so")[0][3:]))))')
    [[ "$found" == 1 ]] && return 0
    local package
    package="$(python -c 'import sys; print("libpython%d.%d" % sys.version_info[:2])')"
    [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null \
        || fail "$soname is missing: install $package (as root: apt-get install $package)"
    say "installing $package ($soname, which PyInstaller puts in the bundle)"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$package" >/dev/null
}
ensure_python_library

VERSION="$(python -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"

build_bundle() {
    say "PyInstaller bundle $BUNDLE (version $VERSION)"
    rm -rf "$BUNDLE"
    pyinstaller --noconfirm --log-level WARN --distpath "$REPO/dist" \
        --workpath "$WORK/pyinstaller" installer/workstation.spec
    [[ -x "$BUNDLE/workstation" ]] || fail "PyInstaller made no $BUNDLE/workstation"
    say "self-test of the bundle"
    "$BUNDLE/workstation" --self-test || fail "the bundle failed its self-test"
}

lib_package() {  # the Debian package that owns a shared library, or nothing
    local lib="$1" real candidate owner
    real="$(readlink -f "$lib")"
    for candidate in "$lib" "$real" "${lib#/usr}" "${real#/usr}" "/usr$lib" "/usr$real"; do
        if owner="$(dpkg-query -S "$candidate" 2>/dev/null)"; then
            printf '%s\n' "${owner%%:*}"
            return 0
        fi
    done
}

runtime_depends() {  # the packages of the system libraries the bundle's binaries load
    local libs lib
    libs="$(mktemp)"
    find "$BUNDLE" -type f \( -name '*.so' -o -name '*.so.*' -o -name workstation \) -print0 \
        | { LD_LIBRARY_PATH="$BUNDLE/_internal" xargs -0 ldd 2>/dev/null || true; } \
        | awk -v bundle="$BUNDLE/" '$2 == "=>" && $3 ~ /^\// && index($3, bundle) != 1 {print $3}' \
        | sort -u >"$libs"
    while read -r lib; do lib_package "$lib"; done <"$libs" | sort -u | paste -sd, | sed 's/,/, /g'
    rm -f "$libs"
}

write_desktop_entry() {
    cat >"$1" <<EOF
[Desktop Entry]
Type=Application
Name=Clinical Workstation
Name[zh_CN]=临床工作站
Comment=Ward clinical workstation
Comment[zh_CN]=病区临床工作站
Exec=$PACKAGE
Icon=$PACKAGE
Terminal=false
Categories=Science;MedicalSoftware;
EOF
}

write_control() {
    local root="$1" size depends
    size="$(du -sk "$root" | cut -f1)"
    depends="$(runtime_depends)"
    depends="${depends:+$depends, }fonts-hanazono"  # the print fallback fonts (reports/fonts.py)
    cat >"$root/DEBIAN/control" <<EOF
Package: $PACKAGE
Version: $VERSION
Section: misc
Priority: optional
Architecture: $ARCH
Maintainer: Clinical Workstation maintainers <clinical-workstation@localhost>
Installed-Size: $size
Depends: ${depends:-libc6}
Description: Clinical Workstation (ward station)
 Desktop clinical workstation for hospital wards, with an offline-first
 encrypted replica and a central sync server. Self-contained: Python, Qt,
 the translations and the CJK font the printed documents embed are inside
 $INSTALL_DIR. Check an installation with: $PACKAGE --self-test
EOF
}

build_deb() {
    local root="$WORK/deb/root" deb
    ARCH="$(dpkg --print-architecture)"
    deb="$REPO/dist/${PACKAGE}_${VERSION}_${ARCH}.deb"
    say "Debian package $deb"
    rm -rf "$WORK/deb"
    mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
        "$root/etc/$PACKAGE" "$root/usr/share/doc/$PACKAGE"
    cp -a "$BUNDLE" "$root$INSTALL_DIR"
    ln -s "$INSTALL_DIR/workstation" "$root/usr/bin/$PACKAGE"
    write_desktop_entry "$root/usr/share/applications/$PACKAGE.desktop"
    if [[ -f resources/icons/$PACKAGE.svg ]]; then
        install -D -m 0644 "resources/icons/$PACKAGE.svg" \
            "$root/usr/share/icons/hicolor/scalable/apps/$PACKAGE.svg"
    fi
    install -m 0644 installer/station.toml.example "$root/etc/$PACKAGE/station.toml.example"
    cp resources/fonts/COPYRIGHT-wqy-microhei.txt resources/fonts/LICENSE-Apache-2.0.txt \
        "$root/usr/share/doc/$PACKAGE/"
    write_control "$root"
    chmod -R u+rwX,go+rX,go-w "$root"
    # zstd: a tenth of xz's time for a fifth more size (dpkg >= 1.21.18, Debian 12, reads it)
    dpkg-deb --root-owner-group -Zzstd -z9 --build "$root" "$deb" >/dev/null
    say "$(du -h "$deb" | cut -f1) $deb"
}

start=$SECONDS
mkdir -p "$REPO/dist" "$WORK"
build_bundle
say "bundle: $(du -sh "$BUNDLE" | cut -f1) in $BUNDLE"
if command -v dpkg-deb >/dev/null && command -v dpkg-query >/dev/null; then
    build_deb
else
    say "no dpkg-deb here: bundle only (the .deb is built on Debian)"
fi
say "done in $((SECONDS - start)) s"
