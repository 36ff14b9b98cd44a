package com.mayorcrew.deploy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mayorcrew.deploy.reporting.StatusReport;
import com.mayorcrew.deploy.security.TaskFormContract;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The prepared report always fits the crew's form, so sending it back unchanged is never refused. */
class StatusReportTest {

  @Test
  void theFieldLimitsAreTheStatusUpdateFormsOwn() throws IOException {
    TaskFormContract form;
    try (InputStream in = Files.newInputStream(Path.of("processes", "status-update.form"))) {
      form = TaskFormContract.parse(in);
    }
    for (int i = 0; i < StatusReport.VARIABLES.size(); i++) {
      TaskFormContract.Field field = form.fields().get(StatusReport.VARIABLES.get(i));
      assertThat(field).as(StatusReport.VARIABLES.get(i)).isNotNull();
      if (field.allowed().isEmpty()) {
        assertThat(StatusReport.FORM_LIMITS.get(i)).as(field.key()).isEqualTo(field.maxLength());
      }
    }
  }

  @Test
  void longFieldsAreCutToTheirLimitAndSaySo() {
    String longText = "x".repeat(5000);
    StatusReport report = new StatusReport("done", longText, "", longText, "host", "run", "success", "meta",
        longText, "", longText);
    Map<String, Object> variables = report.toVariables();
    for (int i = 0; i < StatusReport.VARIABLES.size(); i++) {
      String value = (String) variables.get(StatusReport.VARIABLES.get(i));
      assertThat(value.length()).as(StatusReport.VARIABLES.get(i)).isLessThanOrEqualTo(StatusReport.FORM_LIMITS.get(i));
    }
    assertThat((String) variables.get("reportCommits")).endsWith("[...]");
    assertThat(variables.get("reportHost")).isEqualTo("host");
    assertThat(Collections.max(List.copyOf(StatusReport.FORM_LIMITS))).isLessThanOrEqualTo(
        TaskFormContract.STORED_TEXT_LIMIT);
  }
}
