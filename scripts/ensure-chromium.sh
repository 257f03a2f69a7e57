#!/usr/bin/env bash
# Browser tests drive Debian's chromium through playwright-core (Playwright's own browser download
# is not available here). Installs it when missing and we may; otherwise says what to do.
set -euo pipefail
CHROMIUM="${GUATU_CHROMIUM:-/usr/bin/chromium}"
# A CJK font (Noto CJK, what offices' machines and the screenshots use) is needed for the layout
# checks to measure real glyphs; the tests also pass with the fallback font.
if [ -x "$CHROMIUM" ] && fc-list 2>/dev/null | grep -qi 'noto.*cjk'; then exit 0; fi
if [ -x "$CHROMIUM" ] && ! { [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; }; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian chromium for the browser tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  exit 0
fi
echo "Browser tests need Chromium at $CHROMIUM: run 'sudo apt-get install -y chromium' or set GUATU_CHROMIUM." >&2
exit 1
