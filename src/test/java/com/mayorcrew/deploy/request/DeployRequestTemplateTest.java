package com.mayorcrew.deploy.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mayorcrew.deploy.context.DeployRequestRejectedException;
import com.mayorcrew.deploy.context.FieldViolation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Deploy Request Template read as the mayor writes it. */
class DeployRequestTemplateTest {

  static String seedExample() throws IOException {
    return Files.readString(Path.of("src/test/resources/seed/example-request.txt"));
  }

  @Test
  void theSeedsExampleRequestGivesEveryFieldAndKeepsItsFreeLinesAsNotes() throws IOException {
    Map<String, Object> fields = DeployRequestTemplate.parse(seedExample());

    assertThat(fields).containsEntry("title", "Canary deploy for gastown (canary)").containsEntry("priority", "P1")
        .containsEntry("owner", "mayor").containsEntry("assignee", "TerraNomadicCity/crew/Ptilopsis")
        .containsEntry("service", "gastown").containsEntry("environment", "canary")
        .containsEntry("gastownRef", "refs/heads/canary").containsEntry("gtruntimeRef", "HEAD (mounted at /gt)")
        .containsEntry("branch", "canary").containsEntry("canaryHost", "shisuiki")
        .containsEntry("runnerLabel", "canary").containsEntry("dockerAccess", "sudo")
        .containsEntry("rollbackCriteria", "If health check fails, run deploy/canary-rollback.sh")
        .containsEntry("notes", """
            Objective: Deploy gastown canary container from canary branch
            Execution: Trigger workflow .github/workflows/canary-deploy.yml
            Execution: Verify container health + web UI
            Execution: Record deploy metadata in /home/shisui/gt/logs/""");
  }

  @Test
  void theTemplatesOwnLinesAreReadAndItsChecklistsAreTheModelsSteps() {
    Map<String, Object> fields = DeployRequestTemplate.parse("""
        Title: Canary deploy for gastown (production)
        Priority: P0
        Owner: mayor
        Assignee: TerraNomadicCity/crew/Ptilopsis

        Prechecks
        - [ ] Branch protection passes for target branch
        - [x] Runner is online and labeled correctly

        Rollback
        - Rollback criteria: error rate above 1 %
        - Rollback command: deploy/canary-rollback.sh

        Notes
        Friday freeze starts at 16:00
        """);

    assertThat(fields).containsEntry("service", "gastown").containsEntry("environment", "production")
        .containsEntry("rollbackCriteria", "error rate above 1 %")
        .containsEntry("notes", "Friday freeze starts at 16:00").doesNotContainKey("gastownRef");
  }

  @Test
  void linesThatAreNotTheTemplatesAreRefusedByLineNumber() {
    assertThatThrownBy(() -> DeployRequestTemplate.parse("""
        Title: Canary deploy for gastown (canary)
        Colour: blue
        Rollback
        - Rollback command: rm -rf /
        """))
        .isInstanceOfSatisfying(DeployRequestRejectedException.class, rejected ->
            assertThat(rejected.violations()).containsExactly(
                new FieldViolation("template", "line 2: 'Colour: blue' is not a line of the Deploy Request Template"),
                new FieldViolation("template", "line 4: the rollback command is deploy/canary-rollback.sh (the"
                    + " application's own rollback), not 'rm -rf /'")));
  }
}
