package com.mayorcrew.deploy.prechecks;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.github.GitHubProperties;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start, a warning for every service whose deploys skip the GitHub prechecks because it has no GitHub
 * configuration: two of the seed's three prechecks (branch protection, runner) then never run.
 */
@Component
class GitHubPrechecksWarning {

  private static final Logger LOG = LoggerFactory.getLogger(GitHubPrechecksWarning.class);

  private final DeployProperties deploy;
  private final GitHubProperties gitHub;

  GitHubPrechecksWarning(DeployProperties deploy, GitHubProperties gitHub) {
    this.deploy = deploy;
    this.gitHub = gitHub;
  }

  List<String> servicesWithoutGitHub() {
    return deploy.services().keySet().stream().filter(service -> gitHub.service(service).isEmpty()).sorted().toList();
  }

  @EventListener(ApplicationReadyEvent.class)
  void warn() {
    servicesWithoutGitHub().forEach(service -> LOG.warn("Service {} has no GitHub configuration "
        + "(mcd.github.services.{}): its deploys skip the GitHub prechecks (refs, branch protection, runner, GitHub "
        + "secrets), and their history and status reports say so", service, service));
  }
}
