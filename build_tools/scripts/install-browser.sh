#!/usr/bin/env bash
# Install Debian's chromium for the browser tests, where this machine lets us.
# Playwright's own browser download does not work offline; the tests launch
# /usr/bin/chromium through Playwright's executable_path instead.
set -u
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests…"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
    && exit 0
  echo "notice: could not install chromium with apt-get; browser tests will be skipped" >&2
else
  echo "notice: chromium is not installed; browser tests will be skipped." >&2
  echo "        install it with: sudo apt-get install chromium" >&2
fi
# Not fatal here: the tests decide (skip locally, fail under CI=true).
exit 0
