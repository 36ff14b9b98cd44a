/**
 * Adapter to GitHub's REST API: the client, its errors and rate limits, repository names and ref resolution. Knows
 * nothing of deploys.
 */
package com.mayorcrew.deploy.github;
