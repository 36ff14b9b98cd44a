package com.mayorcrew.deploy.reporting;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mayorcrew.deploy.config.DeployProperties.ExecutionMode;
import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.context.GitHubVariables;
import com.mayorcrew.deploy.scripts.ScriptStateFiles;
import java.nio.file.Path;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Record deploy metadata" and "Record failed deploy": writes the deploy's metadata file with the result given by
 * the activity's input parameter {@code result}, and keeps the same record in the process.
 */
@Component
class RecordDeployMetadataDelegate implements JavaDelegate {

  /** Name of the input parameter each activity using this delegate sets. */
  static final String RESULT_INPUT = "result";

  private final DeployMetadataStore store;
  private final DeployProperties properties;
  private final ScriptStateFiles scriptState;
  private final ObjectMapper json = new ObjectMapper();

  public RecordDeployMetadataDelegate(DeployMetadataStore store, DeployProperties properties,
      ScriptStateFiles scriptState) {
    this.store = store;
    this.properties = properties;
    this.scriptState = scriptState;
  }

  @Override
  public void execute(DelegateExecution execution) throws JsonProcessingException {
    DeployContext deploy = DeployContext.of(execution);
    String result = (String) execution.getVariableLocal(RESULT_INPUT);
    ExecutionMode mode = properties.service(deploy.service()).executionMode();
    DeployRecord record = new DeployRecord(
        deploy.deployId(),
        ClockUtil.getCurrentTime().toInstant(),
        deploy.text(CANARY_HOST),
        deploy.text(SERVICE),
        deploy.text(ENVIRONMENT),
        deploy.text(CONTAINER_NAME),
        deploy.text(CONTAINER_ID),
        deploy.text(DEPLOY_IMAGE),
        deploy.text(PREVIOUS_IMAGE),
        deploy.text(GASTOWN_REF),
        deploy.pinnedCommit(),
        deploy.text(GTRUNTIME_REF),
        deploy.text(BRANCH),
        deploy.text(REQUESTER),
        mode.name().toLowerCase(Locale.ROOT),
        deploy.text(GitHubVariables.WORKFLOW_RUN_ID),
        deploy.text(GitHubVariables.WORKFLOW_RUN_URL),
        deploy.text(ROLLBACK_OF),
        result);
    Path path = store.write(record);
    if (mode == ExecutionMode.DOCKER && deploy.deployImage().isPresent()) {
      // the scripts' own state for a deploy they did not run: canary-rollback.sh works after it too
      scriptState.record(new ScriptStateFiles.DeployState(deploy.deployId(), deploy.service(), deploy.environment(),
          deploy.deployImage().get(), deploy.text(PREVIOUS_IMAGE), deploy.text(CONTAINER_ID), result));
    }
    deploy.set(DEPLOY_RESULT, result);
    deploy.set(METADATA_PATH, path.toString());
    deploy.set(DEPLOY_METADATA, json.writeValueAsString(record.toMap()));
  }
}
