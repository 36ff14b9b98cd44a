package com.mayorcrew.deploy.prechecks;

import com.mayorcrew.deploy.github.ResolvedRefs;

import com.mayorcrew.deploy.github.RefResolver;
import com.mayorcrew.deploy.context.GitHubSteps;
import com.mayorcrew.deploy.github.GitHubProperties;

import static com.mayorcrew.deploy.context.GitHubVariables.*;
import static com.mayorcrew.deploy.context.DeployVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Resolve refs": pins the deploy to the commits the requested refs point to now. */
@Component
public class ResolveRefsDelegate implements JavaDelegate {

  private final RefResolver resolver;
  private final GitHubProperties properties;

  public ResolveRefsDelegate(RefResolver resolver, GitHubProperties properties) {
    this.resolver = resolver;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String service = (String) execution.getVariable(SERVICE);
    if (properties.service(service).isEmpty()) {
      return;
    }
    ResolvedRefs refs = GitHubSteps.call(execution, () -> resolver.resolve(service,
        (String) execution.getVariable(GASTOWN_REF), (String) execution.getVariable(GTRUNTIME_REF)));
    execution.setVariable(GASTOWN_SHA, refs.gastownSha());
    if (refs.gtruntimeSha() != null) {
      execution.setVariable(GTRUNTIME_SHA, refs.gtruntimeSha());
    }
  }
}
