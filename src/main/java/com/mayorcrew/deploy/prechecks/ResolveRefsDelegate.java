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
    String service = deploy.service();
    ResolvedRefs refs = deploy.onGitHub(() -> resolver.resolve(service,
        deploy.gastownRef(), deploy.gtruntimeRef()));
    deploy.set(GASTOWN_SHA, refs.gastownSha());
    if (refs.gtruntimeSha() != null) {
      deploy.set(GTRUNTIME_SHA, refs.gtruntimeSha());
    }
  }
}
