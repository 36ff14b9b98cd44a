package com.mayorcrew.deploy.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowTemplatesTest {

  @Test
  void rendersEveryPlaceholderInOnePassAndAbsentValuesAsEmpty() {
    assertThat(WorkflowTemplates.render("deploy {deployId} to {host}{runnerLabel}",
        Map.of("deployId", "d-1", "host", "canary-1"))).isEqualTo("deploy d-1 to canary-1");
    assertThat(WorkflowTemplates.render("no placeholders", Map.of())).isEqualTo("no placeholders");
  }

  @Test
  void aValueThatLooksLikeAPlaceholderOrAReplacementIsNotEvaluated() {
    assertThat(WorkflowTemplates.render("{ref}", Map.of("ref", "{sha}", "sha", "0123abc"))).isEqualTo("{sha}");
    assertThat(WorkflowTemplates.render("{ref}", Map.of("ref", "$1\\x"))).isEqualTo("$1\\x");
  }

  @Test
  void validationRefusesUnknownPlaceholdersNamingTheKeyAndTheKnownOnes() {
    assertThatCode(() -> WorkflowTemplates.validate("inputs.sha", "{sha} on {branch}")).doesNotThrowAnyException();
    assertThatCode(() -> WorkflowTemplates.validate("workflowRef", null)).doesNotThrowAnyException();
    assertThatThrownBy(() -> WorkflowTemplates.validate("inputs.tag", "{sha}-{tag}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("inputs.tag: unknown placeholder {tag} in '{sha}-{tag}'; known: [branch, deployId, environment, "
            + "gtruntimeRef, gtruntimeSha, host, ref, runnerLabel, service, sha]");
  }
}
