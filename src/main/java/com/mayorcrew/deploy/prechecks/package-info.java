/**
 * Phase 2, prechecks: Docker daemon, host identity, secrets, and the GitHub checks (branch protection, runner,
 * secrets).
 */
package com.mayorcrew.deploy.prechecks;
