#!/usr/bin/env bash
# Install, from Debian's packages, what the browser tests run on where this
# machine lacks it and lets us: chromium (Playwright's own browser download
# does not work offline; the tests launch /usr/bin/chromium through
# executable_path), npm (for axe-core and vnu-jar, `make axe`) and a Java
# runtime (for the Nu Html Checker).
set -u
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's ${missing[*]} for the browser tests…"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    && exit 0
  echo "notice: could not install ${missing[*]} with apt-get; the tests that need them will be skipped" >&2
else
  echo "notice: ${missing[*]} not installed; the tests that need them will be skipped." >&2
  echo "        install with: sudo apt-get install ${missing[*]}" >&2
fi
# Not fatal here: the tests decide (skip locally, fail under CI=true).
exit 0
