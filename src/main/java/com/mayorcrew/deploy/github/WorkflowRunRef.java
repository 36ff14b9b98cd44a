package com.mayorcrew.deploy.github;

/** A workflow run found by its dispatch: its id and its page. */
public record WorkflowRunRef(long id, String htmlUrl) {}
