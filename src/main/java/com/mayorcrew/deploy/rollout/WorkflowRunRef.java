package com.mayorcrew.deploy.rollout;

import java.time.Instant;

/** A workflow run found by its dispatch: its id, its page and when GitHub created it. */
record WorkflowRunRef(long id, String htmlUrl, Instant createdAt) {}
