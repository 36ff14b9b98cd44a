package com.mayorcrew.deploy.context;

import static com.mayorcrew.deploy.context.DeployVariables.*;
import static com.mayorcrew.deploy.context.GitHubVariables.GASTOWN_SHA;
import static com.mayorcrew.deploy.context.GitHubVariables.GITHUB_RATE_LIMITED_STEP;
import static com.mayorcrew.deploy.context.GitHubVariables.GITHUB_RETRY_AT;
import static com.mayorcrew.deploy.context.GitHubVariables.GTRUNTIME_SHA;

import com.mayorcrew.deploy.config.DeployProperties.DockerAccess;
import com.mayorcrew.deploy.docker.DockerUnavailableException;
import com.mayorcrew.deploy.github.GitHubAccessException;
import com.mayorcrew.deploy.github.GitHubRateLimitedException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * A deploy's facts as the steps read and write them: one typed view over the instance's variables, so that no
 * step casts a variable or spells its name. The request's fields are written once, by "Validate deploy request"
 * (the engine API guard keeps everyone else from writing them); the steps add what they establish (pinned
 * commit, images, container) and the escalation record. Also the outcome rules every remote step shares.
 */
public final class DeployContext {

  // String variables are stored in a 4000-character column; the newest part of a log matters most.
  private static final int MAX_TEXT = 4000;

  private final DelegateExecution execution;

  private DeployContext(DelegateExecution execution) {
    this.execution = execution;
  }

  public static DeployContext of(DelegateExecution execution) {
    return new DeployContext(execution);
  }

  public static DeployContext of(DelegateTask task) {
    return new DeployContext(task.getExecution());
  }

  // The request

  public String deployId() {
    return execution.getProcessBusinessKey();
  }

  public String processInstanceId() {
    return execution.getProcessInstanceId();
  }

  /** The activity running now, as the model names it: where an escalation is raised, where a script started. */
  public String currentStepId() {
    return execution.getCurrentActivityId();
  }

  public String currentStepName() {
    return execution.getCurrentActivityName();
  }

  public String priority() {
    return string(PRIORITY);
  }

  public String service() {
    return string(SERVICE);
  }

  public String canaryHost() {
    return string(CANARY_HOST);
  }

  public String environment() {
    return string(ENVIRONMENT);
  }

  public String gastownRef() {
    return string(GASTOWN_REF);
  }

  public String gtruntimeRef() {
    return string(GTRUNTIME_REF);
  }

  public String branch() {
    return string(BRANCH);
  }

  public Optional<String> runnerLabel() {
    return nonBlank(RUNNER_LABEL);
  }

  /** How the request says the host's daemon is reached (sudo, group, socket): one the host offers. */
  public DockerAccess dockerAccess() {
    return DockerAccess.of(string(DOCKER_ACCESS));
  }

  /** The image the request names, if any (else the service's repository and the pinned commit decide it). */
  public Optional<String> requestedImage() {
    return nonBlank(IMAGE);
  }

  public String requester() {
    return string(REQUESTER);
  }

  public Instant requestedAt() {
    return ((Date) execution.getVariable(REQUESTED_AT)).toInstant();
  }

  public Optional<String> crewAssignee() {
    return nonBlank(CREW_ASSIGNEE);
  }

  // What the steps establish

  /** The commit "Resolve refs" pinned the deploy to, else the requested ref as given. */
  public String pinnedCommit() {
    return nonBlank(GASTOWN_SHA).orElseGet(this::gastownRef);
  }

  public boolean commitsPinned() {
    return nonBlank(GASTOWN_SHA).isPresent();
  }

  public void pinCommits(String gastownSha, String gtruntimeSha) {
    execution.setVariable(GASTOWN_SHA, gastownSha);
    if (gtruntimeSha != null) {
      execution.setVariable(GTRUNTIME_SHA, gtruntimeSha);
    }
  }

  /** The image this deploy puts on the host; empty until "Prepare image" (or a script or workflow) chose it. */
  public Optional<String> deployImage() {
    return nonBlank(DEPLOY_IMAGE);
  }

  public void deployImage(String image) {
    execution.setVariable(DEPLOY_IMAGE, image);
  }

  /** Whether "Record previous image" ran: an empty image means there was no container before. */
  public boolean previousImageRecorded() {
    return execution.getVariable(PREVIOUS_IMAGE) != null;
  }

  /** The image the host ran before this deploy: the rollback's target. */
  public Optional<String> previousImage() {
    return nonBlank(PREVIOUS_IMAGE);
  }

  /** Records the service's container before the deploy changes anything: its image and id, "" when none. */
  public void previousContainer(String image, String containerId) {
    execution.setVariable(PREVIOUS_IMAGE, image);
    execution.setVariable(PREVIOUS_CONTAINER_ID, containerId);
  }

  /** Empty for deploys recorded before the container id was (they had only the image). */
  public Optional<String> previousContainerId() {
    return Optional.ofNullable((String) execution.getVariable(PREVIOUS_CONTAINER_ID));
  }

  public Optional<String> containerId() {
    return nonBlank(CONTAINER_ID);
  }

  public void container(String id, String name) {
    execution.setVariable(CONTAINER_ID, id);
    execution.setVariable(CONTAINER_NAME, name);
  }

  /** Set by an abort that must not touch the host (the humans' choice, or a safe default that cannot roll back). */
  public boolean leaveHostAsIs() {
    return Boolean.TRUE.equals(execution.getVariable(LEAVE_HOST_AS_IS));
  }

  // Any other variable of a step, by its name in DeployVariables, GitHubVariables or ScriptVariables

  /** A variable as text for reports and records: empty, not "null", when the step that writes it never ran. */
  public String text(String variable) {
    Object value = execution.getVariable(variable);
    return value == null ? "" : value.toString();
  }

  public <T> Optional<T> get(String variable, Class<T> type) {
    return Optional.ofNullable(execution.getVariable(variable)).map(type::cast);
  }

  public boolean isTrue(String variable) {
    return Boolean.TRUE.equals(execution.getVariable(variable));
  }

  public void set(String variable, Object value) {
    execution.setVariable(variable, value);
  }

  public void remove(String variable) {
    execution.removeVariable(variable);
  }

  /** Health verification starts afresh: a new container (rollback) or a retry gets its own deadline. */
  public void restartHealthVerification() {
    execution.removeVariable(HEALTH_DEADLINE);
    execution.removeVariable(HEALTH_PASSES);
  }

  // Escalation: the record the mayor's form shows, and the error that routes the token to it

  /** Records the escalation at the current step and returns the BPMN error every escalation boundary catches. */
  public BpmnError escalate(EscalationReason reason, String detail, String evidence) {
    recordEscalation(reason, execution.getCurrentActivityId(), execution.getCurrentActivityName(), detail, evidence);
    return new BpmnError(BpmnErrors.ESCALATE, reason.name() + ": " + detail);
  }

  /** Records an escalation on behalf of another step (a failed smoke test decided by a gateway, a poll's run). */
  public void recordEscalation(EscalationReason reason, String stepId, String stepName, String detail,
      String evidence) {
    execution.setVariable(ESCALATION_REASON, reason.name());
    execution.setVariable(ESCALATION_REASON_TEXT, reason.text());
    execution.setVariable(ESCALATION_STEP, stepId);
    execution.setVariable(ESCALATION_STEP_NAME, stepName);
    execution.setVariable(ESCALATION_DETAIL, detail);
    execution.setVariable(ESCALATION_EVIDENCE, keepTail(evidence == null ? "" : evidence));
    appendToEscalationLog(reason.name() + " at " + stepName + ": " + detail);
  }

  /** Adds a timestamped line to the deploy's escalation log, keeping its newest 4000 characters. */
  public void appendToEscalationLog(String entry) {
    String line = DateTimeFormatter.ISO_INSTANT.format(ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC))
        + " " + entry;
    String log = text(ESCALATION_LOG);
    execution.setVariable(ESCALATION_LOG, keepTail(log.isEmpty() ? line : log + "\n" + line));
  }

  public Optional<EscalationReason> escalationReason() {
    return nonBlank(ESCALATION_REASON).map(EscalationReason::valueOf);
  }

  /** Text kept within a string variable's column: its newest part. */
  public static String keepTail(String text) {
    return text.length() <= MAX_TEXT ? text : text.substring(text.length() - MAX_TEXT);
  }

  // The outcome rules every remote step shares

  /**
   * A call to the canary host's Docker engine: unreachable or permission denied goes to the mayor as the seed's
   * one rule for both, the detail starting with which it is ("permission denied: ..." needs someone to grant
   * access, "unreachable: ..." the daemon back) and the evidence saying what to do; anything else propagates for
   * the engine's retries and then an incident.
   */
  public <T> T onDocker(Supplier<T> call) {
    try {
      return call.get();
    } catch (DockerUnavailableException e) {
      throw escalate(EscalationReason.DOCKER_UNAVAILABLE, e.getMessage(), e.evidence());
    }
  }

  public void onDocker(Runnable call) {
    onDocker(() -> {
      call.run();
      return null;
    });
  }

  /**
   * A call to GitHub: access problems go to the mayor as "repo access blocked", a rate limit becomes
   * {@value BpmnErrors#GITHUB_RATE_LIMITED} with {@code githubRetryAt} for the model's timer, and anything else
   * (5xx, I/O) propagates for the engine's retries and then an incident.
   */
  public <T> T onGitHub(Supplier<T> call) {
    try {
      return call.get();
    } catch (GitHubRateLimitedException e) {
      execution.setVariable(GITHUB_RETRY_AT, Date.from(e.retryAt()));
      execution.setVariable(GITHUB_RATE_LIMITED_STEP, execution.getCurrentActivityId());
      throw new BpmnError(BpmnErrors.GITHUB_RATE_LIMITED, e.getMessage());
    } catch (GitHubAccessException e) {
      throw escalate(EscalationReason.REPO_ACCESS_BLOCKED, e.getMessage(),
          "Check the token in the secret named by mcd.github.token-secret (scopes, expiry) and the repositories "
              + "in mcd.github.services.");
    }
  }

  private String string(String variable) {
    return (String) execution.getVariable(variable);
  }

  private Optional<String> nonBlank(String variable) {
    return execution.getVariable(variable) instanceof String value && !value.isBlank()
        ? Optional.of(value) : Optional.empty();
  }
}
