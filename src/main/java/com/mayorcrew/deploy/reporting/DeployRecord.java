package com.mayorcrew.deploy.reporting;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metadata of one deploy, with an explicit result. Keys follow upstream's canary-deploy.json (snake_case)
 * plus what upstream lacked: deploy_id, result, requested_by, and gastown_sha, the commit the deploy was pinned to
 * (the requested ref when it was not resolved).
 */
public record DeployRecord(
    String deployId,
    Instant deployedAt,
    String host,
    String service,
    String environment,
    String container,
    String containerId,
    String image,
    String previousImage,
    String gastownRef,
    String gastownSha,
    String gtruntimeRef,
    String branch,
    String requestedBy,
    String executionMode,
    String workflowRunId,
    String workflowRunUrl,
    String rollbackOf,
    String result) {

  public static final String SUCCESS = "success";
  public static final String FAILED = "failed";
  public static final String ROLLED_BACK = "rolled_back";

  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("deploy_id", deployId);
    map.put("deployed_at", deployedAt.toString());
    map.put("host", host);
    map.put("service", service);
    map.put("environment", environment);
    map.put("container", container);
    map.put("container_id", containerId);
    map.put("image", image);
    map.put("previous_image", previousImage);
    map.put("gastown_ref", gastownRef);
    map.put("gastown_sha", gastownSha);
    map.put("gtruntime_ref", gtruntimeRef);
    map.put("branch", branch);
    map.put("requested_by", requestedBy);
    map.put("execution_mode", executionMode);
    map.put("workflow_run_id", workflowRunId);
    map.put("workflow_run_url", workflowRunUrl);
    map.put("rollback_of", rollbackOf);
    map.put("result", result);
    return map;
  }
}
