/**
 * Readiness warm-up: before the web server opens, the first deploy's cold parts are made warm (the Docker and probe
 * clients, and the engine's and steps' paths through deploys rehearsed in a rolled-back transaction), so the first
 * deploy after a start costs what the next ones do.
 */
package com.mayorcrew.deploy.warmup;
