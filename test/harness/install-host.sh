#!/usr/bin/env bash
# Installs the test VS Code (code-server) and playwright-core into .vscode-test/host,
# apart from the extension's own dependencies. Skips the install when the pinned
# versions are already there. See docs/testing.md for why each step exists.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3     # bundles VS Code 1.100.3; newest that runs on Node 20
PLAYWRIGHT_VERSION=1.65.1
RIPGREP_PKG_VERSION=1.15.11     # @vscode/ripgrep pulled in by code-server 4.100.3
RIPGREP_TAG=v13.0.0-10          # VERSION constant in that package's lib/postinstall.js

root="$(cd "$(dirname "$0")/../.." && pwd)"
host="$root/.vscode-test/host"
mkdir -p "$host"

installed() {
  # Its own XDG folders: code-server writes a default config, its logs and a device id on
  # every run, even for --version; none of it may land in the user's home.
  [ -x "$host/node_modules/.bin/code-server" ] \
    && XDG_CONFIG_HOME="$host/.config" XDG_DATA_HOME="$host/.local/share" XDG_CACHE_HOME="$host/.cache" \
       XDG_STATE_HOME="$host/.local/state" "$host/node_modules/.bin/code-server" --version 2>/dev/null | grep -q "^$CODE_SERVER_VERSION " \
    && [ "$(node -p "require('$host/node_modules/playwright-core/package.json').version" 2>/dev/null)" = "$PLAYWRIGHT_VERSION" ]
}

# --check: exit 0 when installed, 1 when an install is due (scripts/test.mjs asks before it
# installs the system packages of every layer in one go).
if [ "${1:-}" = "--check" ]; then installed; exit $?; fi

if installed; then
  echo "test host: code-server $CODE_SERVER_VERSION and playwright-core $PLAYWRIGHT_VERSION already installed"
  exit 0
fi

# The Debian packages the install needs (ripgrep, the Kerberos headers, node-gyp's compiler):
# installed as root, or a stop with the command to run. The list: scripts/system-packages.mjs.
node "$root/scripts/system-packages.mjs" --as "test host" host

# @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable here;
# it uses a cached archive when one exists, so seed that cache with Debian's rg.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cache="$tmp/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
mkdir -p "$cache/stage"
cp "$(command -v rg)" "$cache/stage/rg"
tar -czf "$cache/ripgrep-$RIPGREP_TAG-x86_64-unknown-linux-musl.tar.gz" -C "$cache/stage" rg

[ -f "$host/package.json" ] || echo '{ "name": "iam-trust-test-host", "private": true }' > "$host/package.json"

echo "test host: installing code-server@$CODE_SERVER_VERSION and playwright-core@$PLAYWRIGHT_VERSION (about 2 minutes)"
start=$(date +%s)
# unsafe_perm: code-server's postinstall refuses root otherwise.
# yes: node-pty's postinstall runs `npx node-gyp`, which npm's yes=false would cancel.
( cd "$host" && TMPDIR="$tmp" npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-audit --no-fund --no-save --loglevel=error \
    "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION" )
installed || { echo "test host: install finished but the pinned versions are not runnable" >&2; exit 1; }
echo "test host: installed in $(( $(date +%s) - start )) s"
