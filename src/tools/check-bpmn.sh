#!/usr/bin/env bash
# Checks processes/*.bpmn before the Maven build: bpmnlint with processes/.bpmnlintrc (Camunda Modeler's rules
# for Camunda 7.24), then the committed diagram images against a fresh export of the BPMN.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ ! -d src/tools/node_modules/bpmnlint ] || [ ! -d src/tools/node_modules/playwright-core ]; then
  (cd src/tools && npm ci --no-audit --no-fund --loglevel=error)
fi

# bpmnlint resolves its plugins from the working directory, so it runs in src/tools.
(cd src/tools && node_modules/.bin/bpmnlint --max-warnings=0 --config ../../processes/.bpmnlintrc ../../processes/*.bpmn)

fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
bash src/tools/diagram/export.sh "$fresh" >/dev/null
for image in "$fresh"/*.svg; do
  committed=docs/images/$(basename "$image")
  if ! cmp -s "$image" "$committed"; then
    echo "diagram image out of date: $committed differs from processes/$(basename "$image" .svg).bpmn;" \
      "run src/tools/diagram/export.sh and commit docs/images" >&2
    exit 1
  fi
done
echo "BPMN lint clean; diagram images up to date"
