/**
 * Phase 3, execution: replace the container (docker mode), run the deploy scripts (script mode) or dispatch and
 * observe a GitHub workflow (workflow mode).
 */
package com.mayorcrew.deploy.rollout;
