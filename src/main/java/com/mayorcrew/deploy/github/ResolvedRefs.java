package com.mayorcrew.deploy.github;

/**
 * The commits a deploy is pinned to.
 *
 * @param gtruntimeSha null when the service names no GTRuntime repository
 */
public record ResolvedRefs(String gastownSha, String gtruntimeSha) {}
