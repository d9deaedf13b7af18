#!/usr/bin/env bash
# The GitHub Action's lint step: claimcheck with annotations, on the given drafts or on those that changed.
set -euo pipefail

claimcheck="$RUNNER_TEMP/claimcheck-venv/bin/claimcheck"
paths=()
read -r -d '' -a paths <<< "${CLAIMCHECK_PATHS:-.}" || true
if [[ ${#paths[@]} -eq 0 ]]; then
  paths=(.)
fi

if [[ -n "${CLAIMCHECK_CHANGED_SINCE:-}" ]]; then
  # Through a file, not a pipe: a ref that cannot be compared must fail the step, not pass it.
  list="$(mktemp)"
  git diff -z --name-only --diff-filter=ACMR "$CLAIMCHECK_CHANGED_SINCE...HEAD" -- "${paths[@]}" > "$list"
  changed=()
  while IFS= read -r -d '' file; do
    case "${file,,}" in
      *.md | *.markdown | *.txt) changed+=("$file") ;;
    esac
  done < "$list"
  rm -f "$list"
  if [[ ${#changed[@]} -eq 0 ]]; then
    echo "claimcheck: no drafts changed since $CLAIMCHECK_CHANGED_SINCE"
    exit 0
  fi
  paths=("${changed[@]}")
fi

options=()
[[ -n "${CLAIMCHECK_CONFIG:-}" ]] && options+=(--config "$CLAIMCHECK_CONFIG")
[[ -n "${CLAIMCHECK_FAIL_ON:-}" ]] && options+=(--fail-on "$CLAIMCHECK_FAIL_ON")
[[ -n "${CLAIMCHECK_BASELINE:-}" ]] && options+=(--baseline "$CLAIMCHECK_BASELINE")
if [[ -n "${CLAIMCHECK_SARIF:-}" ]]; then
  # The annotated run below sets the step's status; this one only writes the report for upload.
  "$claimcheck" check --format sarif "${options[@]}" -- "${paths[@]}" > "$CLAIMCHECK_SARIF" || true
fi
exec "$claimcheck" check --format github "${options[@]}" -- "${paths[@]}"
