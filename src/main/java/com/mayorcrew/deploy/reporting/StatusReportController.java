package com.mayorcrew.deploy.reporting;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The final status report of a deploy, as plain text in the Status Update Template's layout. Reads the engine's
 * history as the authenticated caller, so the engine's authorizations (READ_HISTORY) decide who may see it.
 */
@RestController
class StatusReportController {

  private final HistoryService historyService;
  private final DeployMetadataStore store;

  public StatusReportController(HistoryService historyService, DeployMetadataStore store) {
    this.historyService = historyService;
    this.store = store;
  }

  /**
   * The published report of exactly this deploy: the file's path is derived from the validated deploy id, never
   * read from a variable, and the caller must be allowed to read the deploy's history.
   */
  @GetMapping(value = "/api/deploys/{deployId}/status-report", produces = MediaType.TEXT_PLAIN_VALUE)
  public String statusReport(@PathVariable String deployId) {
    if (!DeployIds.isValid(deployId)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "deployId: " + DeployIds.RULE);
    }
    HistoricProcessInstance deploy = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(deployId).singleResult();
    if (deploy == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no deploy " + deployId);
    }
    return readFile(store.statusReportOf(deployId)).or(() -> variable(deploy, STATUS_REPORT))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
            "deploy " + deployId + " has no published status report yet"));
  }

  private Optional<String> variable(HistoricProcessInstance deploy, String name) {
    HistoricVariableInstance variable = historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(deploy.getId()).variableName(name).singleResult();
    return variable == null || variable.getValue() == null ? Optional.empty() : Optional.of(variable.getValue().toString());
  }

  private static Optional<String> readFile(Path path) {
    try {
      return Optional.of(Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
