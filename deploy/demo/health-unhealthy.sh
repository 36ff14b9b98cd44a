#!/bin/sh
# Broken on purpose: this version never becomes healthy, so its deploy rolls back.
exit 1
