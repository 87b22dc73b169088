#!/usr/bin/env bash
# Regenerates every committed generated file (`npm run codegen`: the API's resolver types, its
# published schema.graphql, the dashboard's operation types) and fails when the result differs:
# - in CI (CI=true) from what is committed, whatever ran before (npm run typecheck regenerates too);
# - elsewhere from what the working tree held, so uncommitted but up-to-date output passes.
# The Prisma client is generated at install time and not committed, so it has nothing to go stale.
set -euo pipefail
cd "$(dirname "$0")/.."
generated=(apps/api/src/generated apps/api/schema.graphql apps/web/src/api/generated)

if [[ ${CI:-} == true ]]; then
  npm run --silent codegen >/dev/null
  untracked=$(git ls-files --others --exclude-standard -- "${generated[@]}")
  if ! git diff --exit-code --stat -- "${generated[@]}" || [[ -n $untracked ]]; then
    [[ -n $untracked ]] && echo "not committed: $untracked" >&2
    git --no-pager diff -- "${generated[@]}" | head -n 80 >&2
    echo "Committed generated files are stale: run 'npm run codegen' and commit the result." >&2
    exit 1
  fi
else
  before=$(mktemp -d)
  trap 'rm -rf "$before"' EXIT
  for path in "${generated[@]}"; do
    mkdir -p "$before/$(dirname "$path")"
    [[ -e $path ]] && cp -R "$path" "$before/$path"
  done
  npm run --silent codegen >/dev/null
  stale=0
  for path in "${generated[@]}"; do
    diff -ru --new-file "$before/$path" "$path" >&2 || stale=1
  done
  if ((stale)); then
    echo "Generated files were stale (diff above); they are regenerated now: review and commit them." >&2
    exit 1
  fi
fi
echo "generated files are up to date: ${generated[*]}"
