#!/usr/bin/env bash
# Renders processes/canary-deploy.bpmn and processes/request-rollback.bpmn with the vendored bpmn-js viewer in
# headless Chromium and writes docs/images/<name>.svg (or the SVGs into the directory given as $1).
set -euo pipefail
cd "$(dirname "$0")/../../.."

output=${1:-docs/images}
mkdir -p "$output"
output=$(cd "$output" && pwd)
if [ ! -d src/tools/node_modules/playwright-core ]; then
  (cd src/tools && npm ci --no-audit --no-fund --loglevel=error)
fi
node src/tools/diagram/export.mjs "$output" processes/canary-deploy.bpmn processes/request-rollback.bpmn
