#!/bin/sh
# The container is healthy while its own server answers /health.
wget -q -O- "http://127.0.0.1:${PORT:-8081}/health" >/dev/null || exit 1
