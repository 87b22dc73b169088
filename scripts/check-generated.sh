#!/usr/bin/env bash
# Regenerates every committed generated file and fails when the result differs from what was there:
# a schema or operation change committed without its regenerated output is caught here (and in CI,
# where the tree is a fresh clone, "what was there" is what was committed).
set -euo pipefail
cd "$(dirname "$0")/.."
generated=(apps/api/src/generated)
before=$(mktemp -d)
trap 'rm -rf "$before"' EXIT
for path in "${generated[@]}"; do
  mkdir -p "$before/$(dirname "$path")"
  [[ -e $path ]] && cp -R "$path" "$before/$path"
done
npm run --silent codegen >/dev/null
stale=0
for path in "${generated[@]}"; do
  if ! diff -ru --new-file "$before/$path" "$path"; then stale=1; fi
done
if ((stale)); then
  echo "Generated files were stale (diff above): run 'npm run codegen' and commit the result." >&2
  exit 1
fi
echo "generated files are up to date: ${generated[*]}"
