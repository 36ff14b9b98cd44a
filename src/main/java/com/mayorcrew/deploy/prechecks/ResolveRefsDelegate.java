package com.mayorcrew.deploy.prechecks;

import static com.mayorcrew.deploy.context.DeployVariables.*;
import static com.mayorcrew.deploy.context.GitHubVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.github.RefResolver;
import com.mayorcrew.deploy.github.ResolvedRefs;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Resolve refs": pins the deploy to the commits the requested refs point to now. */
@Component
public class ResolveRefsDelegate implements JavaDelegate {

  private final RefResolver resolver;

  public ResolveRefsDelegate(RefResolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    // Pinned once: a production deploy was pinned by its gate, and a retry keeps what the checks saw.
    if (deploy.commitsPinned()) {
      return;
    }
    ResolvedRefs refs = deploy.onGitHub(() -> resolver.resolve(deploy.service(), deploy.gastownRef(),
        deploy.gtruntimeRef()));
    deploy.pinCommits(refs.gastownSha(), refs.gtruntimeSha());
  }
}
