#!/usr/bin/env bash
# `npm test`: type check and lint, unit tests, then e2e in Chromium against the built app.
# vitest runs one worker fewer than there are cores, and svelte-check and eslint are single-threaded, so the static
# checks run beside the unit tests (on two cores they would otherwise leave one idle); their output follows.
set -uo pipefail
cd "$(dirname "$0")/.."

# Generate SvelteKit's types once, before the two sides read them.
npx svelte-kit sync || exit 1
static_log=$(mktemp)
(npm run check && npm run lint) > "$static_log" 2>&1 &
static_pid=$!
npm run test:unit
unit_rc=$?
wait "$static_pid"
static_rc=$?
cat "$static_log"
rm -f "$static_log"
if [ "$static_rc" -ne 0 ]; then
	echo "npm test: the type check or lint failed (above)." >&2
	exit "$static_rc"
fi
[ "$unit_rc" -eq 0 ] || exit "$unit_rc"
npm run test:e2e
