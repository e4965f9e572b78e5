#!/usr/bin/env bash
# Installs what building (and, with --test, testing) Pasos needs and is missing. Idempotent:
# each step checks for the right version first. Tools come from crates.io, npm and Debian only.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.10   # 0.3.11 needs a newer rustc than these machines have
WASM_BINDGEN_VERSION=0.2.130  # must equal the wasm-bindgen crate pinned in Cargo.toml

want_tests=false
[ "${1:-}" = "--test" ] && want_tests=true

step() { printf '\n==> %s\n' "$*"; }

export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q " $CARGO_LEPTOS_VERSION\$"; then
  step "cargo install cargo-leptos $CARGO_LEPTOS_VERSION (about 16 minutes the first time)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
fi

# Without --locked: the CLI's own lockfile asks for a crate version the registry lacks.
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  step "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 6 minutes the first time)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# pandoc reads the Word documents a team imports (the app runs it; without it the import page
# says so). With --test: Chromium for the journeys, LibreOffice to open the DOCX as its readers
# would and poppler to read the PDF it prints, LibreOffice Calc to save an attendance sheet as
# XLSX as a spreadsheet program does, Java for the W3C HTML checker (vnu-jar, from npm).
missing=()
command -v pandoc >/dev/null || missing+=(pandoc)
if $want_tests; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
  dpkg -s libreoffice-calc-nogui >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  command -v java >/dev/null || missing+=(default-jre-headless)
  python3 -m pip --version >/dev/null 2>&1 || missing+=(python3-pip)
fi
if [ ${#missing[@]} -gt 0 ]; then
  step "apt-get install ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# With --test: the SMTP server the tests send notices to (aiosmtpd, from PyPI), into the Python
# the tests run it with (a Debian whose system Python refuses pip's packages is told this one is
# wanted: it has no Debian package of this version).
if $want_tests && ! python3 -c 'import aiosmtpd' 2>/dev/null; then
  step "pip install aiosmtpd 1.4.6 (the SMTP server of the e-mail tests)"
  python3 -m pip install --quiet 'aiosmtpd==1.4.6' 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages 'aiosmtpd==1.4.6'
fi

if $want_tests; then
  if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    step "npm ci (Playwright, the HTML checker)"
    (cd end2end && npm ci --no-audit --no-fund)
  fi
fi
