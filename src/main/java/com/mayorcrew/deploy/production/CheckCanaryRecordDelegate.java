package com.mayorcrew.deploy.production;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.github.GitHubProperties;
import com.mayorcrew.deploy.github.RefResolver;
import com.mayorcrew.deploy.github.ResolvedRefs;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Check canary record": pins the production deploy to the commits its refs name now (the deploy keeps them: a
 * branch that moves later does not change what goes out) and asks the production gate for a canary deploy of
 * that commit. Production needs the GitHub prechecks, so a service without GitHub configuration is refused.
 * GitHub problems here are technical faults (retries, then an incident): nothing is deployed yet.
 */
@Component
class CheckCanaryRecordDelegate implements JavaDelegate {

  private final ProductionGate gate;
  private final RefResolver refs;
  private final GitHubProperties gitHub;

  CheckCanaryRecordDelegate(ProductionGate gate, RefResolver refs, GitHubProperties gitHub) {
    this.gate = gate;
    this.refs = refs;
    this.gitHub = gitHub;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    String service = deploy.service();
    ProductionGate.Verdict verdict;
    if (gitHub.service(service).isEmpty()) {
      verdict = ProductionGate.Verdict.refused("service " + service + " has no GitHub configuration "
          + "(mcd.github.services." + service + "), and production deploys need its GitHub prechecks");
    } else {
      ResolvedRefs pinned = refs.resolve(service, deploy.gastownRef(), deploy.gtruntimeRef());
      deploy.pinCommits(pinned.gastownSha(), pinned.gtruntimeSha());
      verdict = gate.check(service, pinned.gastownSha(), ClockUtil.getCurrentTime().toInstant());
    }
    deploy.set(CANARY_RECORD, verdict.canaryDeployId().orElse(""));
    if (verdict.canaryDeployId().isEmpty()) {
      deploy.set(FAILURE_REASON, "production deploy refused: " + verdict.refusal());
    }
  }
}
