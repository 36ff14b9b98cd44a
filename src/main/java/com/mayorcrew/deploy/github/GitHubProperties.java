package com.mayorcrew.deploy.github;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the application talks to GitHub (github.com or GitHub Enterprise Server) and which repositories, workflow
 * and GitHub-side secrets belong to each service. Bound from {@code mcd.github.*}. A service without an entry
 * under {@code mcd.github.services} has no GitHub prechecks at all.
 *
 * @param baseUrl REST API root: https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server
 * @param tokenSecret the NAME of the secret holding the token; its value is read at each call and never stored
 * @param apiVersion sent as X-GitHub-Api-Version
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout total deadline of one request: connecting, sending and the whole answer, body included
 */
@ConfigurationProperties("mcd.github")
public record GitHubProperties(
    @DefaultValue("https://api.github.com") String baseUrl,
    @DefaultValue("GITHUB_TOKEN") String tokenSecret,
    @DefaultValue("2022-11-28") String apiVersion,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("30s") Duration requestTimeout,
    Map<String, Service> services) {

  public GitHubProperties {
    baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    services = services == null ? Map.of() : Map.copyOf(services);
  }

  /** The service's GitHub configuration; empty means "this service skips every GitHub step". */
  public Optional<Service> service(String name) {
    return Optional.ofNullable(services.get(name));
  }

  public Service requireService(String name) {
    return service(name).orElseThrow(() -> new IllegalStateException(
        "service '" + name + "' has no GitHub configuration (mcd.github.services." + name + ")"));
  }

  /**
   * One service's repositories and workflow.
   *
   * @param repository owner/name of the gastown repository: refs, branch protection, runners, secrets, workflow
   * @param gtruntimeRepository owner/name of the GTRuntime repository; without it the GTRuntime ref is not resolved
   * @param workflow the workflow file name under .github/workflows
   * @param workflowRef the branch or tag the workflow is dispatched on, a template (default: the request's branch)
   * @param workflowInputs workflow input name -> template; see {@link WorkflowTemplates#PLACEHOLDERS}
   * @param requiredSecrets GitHub-side secret names the workflow needs (repository, organisation or environment)
   * @param environment the GitHub environment whose secrets also count, when the workflow uses one
   * @param runPollInterval the wait between two observations of a workflow run (a timer in the model)
   * @param runTimeout how long a dispatched run may take, counted from its first observation
   */
  public record Service(
      String repository,
      String gtruntimeRepository,
      @DefaultValue("canary-deploy.yml") String workflow,
      @DefaultValue("{branch}") String workflowRef,
      Map<String, String> workflowInputs,
      List<String> requiredSecrets,
      String environment,
      @DefaultValue("10s") Duration runPollInterval,
      @DefaultValue("30m") Duration runTimeout) {

    public Service {
      RepositoryName.parse(repository);
      if (gtruntimeRepository != null && !gtruntimeRepository.isBlank()) {
        RepositoryName.parse(gtruntimeRepository);
      }
      workflowInputs = workflowInputs == null ? Map.of() : Map.copyOf(workflowInputs);
      requiredSecrets = requiredSecrets == null ? List.of() : List.copyOf(requiredSecrets);
      WorkflowTemplates.validate("workflow-ref", workflowRef);
      workflowInputs.forEach((input, template) -> WorkflowTemplates.validate("workflow-inputs." + input, template));
    }

    public RepositoryName gastown() {
      return RepositoryName.parse(repository);
    }

    public Optional<RepositoryName> gtruntime() {
      return gtruntimeRepository == null || gtruntimeRepository.isBlank()
          ? Optional.empty() : Optional.of(RepositoryName.parse(gtruntimeRepository));
    }

    public Optional<String> githubEnvironment() {
      return environment == null || environment.isBlank() ? Optional.empty() : Optional.of(environment);
    }
  }
}
