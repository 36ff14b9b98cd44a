package com.mayorcrew.deploy.reporting;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.context.GitHubVariables;
import java.nio.file.Path;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Record deploy metadata" and "Record failed deploy": writes the deploy's metadata file with the result given by
 * the activity's input parameter {@code result}, and keeps the same record in the process.
 */
@Component
public class RecordDeployMetadataDelegate implements JavaDelegate {

  /** Name of the input parameter each activity using this delegate sets. */
  static final String RESULT_INPUT = "result";

  private final DeployMetadataStore store;
  private final DeployProperties properties;
  private final ObjectMapper json = new ObjectMapper();

  public RecordDeployMetadataDelegate(DeployMetadataStore store, DeployProperties properties) {
    this.store = store;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) throws JsonProcessingException {
    String result = (String) execution.getVariableLocal(RESULT_INPUT);
    DeployRecord record = new DeployRecord(
        execution.getProcessBusinessKey(),
        ClockUtil.getCurrentTime().toInstant(),
        text(execution, CANARY_HOST),
        text(execution, SERVICE),
        text(execution, ENVIRONMENT),
        text(execution, CONTAINER_NAME),
        text(execution, CONTAINER_ID),
        text(execution, DEPLOY_IMAGE),
        text(execution, PREVIOUS_IMAGE),
        text(execution, GASTOWN_REF),
        text(execution, GTRUNTIME_REF),
        text(execution, BRANCH),
        text(execution, REQUESTER),
        properties.service(text(execution, SERVICE)).executionMode().name().toLowerCase(java.util.Locale.ROOT),
        text(execution, GitHubVariables.WORKFLOW_RUN_ID),
        text(execution, GitHubVariables.WORKFLOW_RUN_URL),
        result);
    Path path = store.write(record);
    execution.setVariable(DEPLOY_RESULT, result);
    execution.setVariable(METADATA_PATH, path.toString());
    execution.setVariable(DEPLOY_METADATA, json.writeValueAsString(record.toMap()));
  }
}
