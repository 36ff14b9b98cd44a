package com.mayorcrew.deploy.api;

import com.mayorcrew.deploy.context.DeployIds;
import com.mayorcrew.deploy.request.DeployRequestTemplate;
import com.mayorcrew.deploy.rollback.RollbackRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/deploys}: request, read, decide and roll back deploys with plain JSON. */
@RestController
@Tag(name = "deploys")
class DeploysController {

  static final int MAX_LIMIT = 500;

  private final DeployCommands commands;
  private final DeployReader reader;
  private final RollbackRequests rollbacks;
  private final IdentityService identityService;

  DeploysController(DeployCommands commands, DeployReader reader, RollbackRequests rollbacks,
      IdentityService identityService) {
    this.commands = commands;
    this.reader = reader;
    this.rollbacks = rollbacks;
    this.identityService = identityService;
  }

  /** The roll-back-now request's body. */
  record RollbackNow(@Schema(description = "why, at most " + RollbackRequests.MAX_REASON + " characters",
      requiredMode = Schema.RequiredMode.REQUIRED) String reason) {}

  /** What a roll-back-now request did. */
  record RollbackAccepted(String deployId, String requestedBy, String status, String rollbackDeployId) {}

  /** What completing a task did. */
  record TaskCompleted(String deployId, String task, Map<String, String> links) {}

  @Operation(summary = "Request a deploy",
      description = "The Deploy Request's fields as a plain JSON object (title, priority, owner, assignee, service, "
          + "environment, gastownRef, gtruntimeRef, branch, canaryHost, runnerLabel, dockerAccess, rollbackCriteria, "
          + "notes, image), optionally deployId. A request that breaks a rule is refused with 400 and its violations; "
          + "nothing is created.")
  @ApiResponse(responseCode = "201", description = "the deploy started")
  @ApiResponse(responseCode = "400", description = "violations of the Deploy Request's rules",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
  @PostMapping(path = "/api/deploys", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<DeployView> request(@RequestBody Map<String, Object> deployRequest) {
    return started(commands.request(deployRequest));
  }

  @Operation(summary = "Request a deploy with the Deploy Request Template's text",
      description = "The template as the mayor writes it (Title, Priority, Owner, Assignee, then the Inputs, Host / "
          + "Runner and Rollback lines), e.g. the seed's example request. Service and environment come from the "
          + "title \"Canary deploy for <service> (<env>)\"; free lines become notes. The same rules and 400 as JSON;"
          + " a line that is not the template's is a violation of field template.")
  @ApiResponse(responseCode = "201", description = "the deploy started")
  @ApiResponse(responseCode = "400", description = "lines that are not the template's, or violations of its rules",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
  @PostMapping(path = "/api/deploys", consumes = MediaType.TEXT_PLAIN_VALUE)
  ResponseEntity<DeployView> requestFromTemplate(@RequestBody String template) {
    return started(commands.request(DeployRequestTemplate.parse(template)));
  }

  private ResponseEntity<DeployView> started(String deployId) {
    return ResponseEntity.created(URI.create("/api/deploys/" + deployId)).body(view(deployId));
  }

  @Operation(summary = "How a deploy stands: state, current steps, open tasks with their form fields, links")
  @ApiResponse(responseCode = "200", description = "the deploy")
  @ApiResponse(responseCode = "404", description = "no such deploy the caller may read",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
  @GetMapping("/api/deploys/{deployId}")
  DeployView deploy(@PathVariable String deployId) {
    return view(checkedId(deployId));
  }

  @Operation(summary = "Deploys the caller may read, newest first",
      description = "state: running, ended, or a result (success, failed, rolled_back); absent for all")
  @GetMapping("/api/deploys")
  List<DeployView.Summary> deploys(@RequestParam(required = false) String state,
      @RequestParam(required = false) String service, @RequestParam(defaultValue = "50") int limit) {
    if (state != null && !DeployReader.STATES.contains(state)) {
      throw problem(HttpStatus.BAD_REQUEST, "state must be one of "
          + String.join(", ", new java.util.TreeSet<>(DeployReader.STATES)));
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw problem(HttpStatus.BAD_REQUEST, "limit must be 1 to " + MAX_LIMIT);
    }
    return reader.list(state, service == null || service.isBlank() ? null : service, limit);
  }

  @Operation(summary = "Complete the deploy's open task with its form fields",
      description = "task: the task's key (e.g. Task_SmokeTest) or name (e.g. Run smoke test); the body holds the "
          + "editable fields of its form as a plain JSON object. The form contract, the four-eyes rule and the "
          + "engine's authorizations apply as in Tasklist.")
  @ApiResponse(responseCode = "200", description = "the task is completed")
  @ApiResponse(responseCode = "400", description = "fields that break the form",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(responseCode = "403", description = "the caller may not complete it",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(responseCode = "404", description = "no such open task the caller sees",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
  @PostMapping("/api/deploys/{deployId}/tasks/{task}")
  TaskCompleted complete(@PathVariable String deployId, @PathVariable String task,
      @RequestBody(required = false) Map<String, Object> fields) {
    String completed = commands.complete(checkedId(deployId), task, fields == null ? Map.of() : fields)
        .orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "deploy " + deployId + " has no open task '" + task
            + "' that you may see; open tasks you see: " + commands.openTaskKeys(deployId)));
    return new TaskCompleted(deployId, completed, Map.of("deploy", "/api/deploys/" + deployId));
  }

  @Operation(summary = "Roll a deploy back now (mayors)",
      description = "A running deploy rolls back at once; an ended one by a rollback deploy of the deploy that "
          + "landed before it.")
  @ApiResponse(responseCode = "202", description = "rolling back, or a rollback deploy started")
  @ApiResponse(responseCode = "409", description = "the deploy cannot roll back now",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
  @PostMapping("/api/deploys/{deployId}/rollback")
  ResponseEntity<RollbackAccepted> rollBackNow(@PathVariable String deployId,
      @RequestBody(required = false) RollbackNow body) {
    Authentication caller = identityService.getCurrentAuthentication();
    if (caller == null || caller.getGroupIds() == null
        || caller.getGroupIds().stream().noneMatch(group -> group.equals("mayor") || group.equals("camunda-admin"))) {
      throw problem(HttpStatus.FORBIDDEN, "only a mayor may roll a deploy back");
    }
    if (body == null || body.reason() == null || body.reason().isBlank()
        || body.reason().length() > RollbackRequests.MAX_REASON) {
      throw problem(HttpStatus.BAD_REQUEST, "reason: is required, at most " + RollbackRequests.MAX_REASON
          + " characters");
    }
    RollbackRequests.Outcome outcome = rollbacks.request(deployId, caller.getUserId(), body.reason().strip());
    if (!outcome.accepted()) {
      throw problem(HttpStatus.CONFLICT, "deploy " + deployId + " " + outcome.refusal());
    }
    boolean rollbackDeploy = !outcome.rollbackDeployId().isEmpty();
    return ResponseEntity.accepted().body(new RollbackAccepted(deployId, caller.getUserId(),
        rollbackDeploy ? "rollback deploy started" : "rolling back",
        rollbackDeploy ? outcome.rollbackDeployId() : null));
  }

  private DeployView view(String deployId) {
    return reader.find(deployId).orElseThrow(() -> problem(HttpStatus.NOT_FOUND,
        "no deploy " + deployId + " that you may read"));
  }

  private static String checkedId(String deployId) {
    if (!DeployIds.isValid(deployId)) {
      throw problem(HttpStatus.BAD_REQUEST, "deployId: " + DeployIds.RULE);
    }
    return deployId;
  }

  static ErrorResponseException problem(HttpStatus status, String detail) {
    return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
  }
}
