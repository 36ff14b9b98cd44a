package com.mayorcrew.deploy.audit.history;

import static com.mayorcrew.deploy.audit.AuditUsers.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.mayorcrew.deploy.audit.AuditDeploys;
import com.mayorcrew.deploy.audit.AuditHttp;
import com.mayorcrew.deploy.audit.AuditTestContext;
import com.mayorcrew.deploy.browser.BrowserScripts;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The history pages in real headless Chromium (Debian's {@code chromium}, driven by playwright-core from npm;
 * src/test/browser/history-browser.mjs): an auditor filters the list, opens a deploy that escalated and was
 * aborted, and sees the decision with its user and reason. Screenshots go to target/screenshots/. Node and
 * Chromium are required: CI installs them, so their absence fails the test.
 */
@AuditTestContext
class HistoryBrowserTest {

  private static final String NOTE = "registry host is down; retry after maintenance";

  @LocalServerPort int port;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;

  @Test
  void anAuditorFiltersOpensADeployAndSeesWhoDecidedWhatAndWhy() throws Exception {
    String deployId = new AuditDeploys(taskService, historyService).abortedAfterEscalation(
        new AuditHttp(port, MAYOR), new AuditHttp(port, SECOND_MAYOR), NOTE);

    BrowserScripts.Result browser = BrowserScripts.run("history-browser.mjs", Map.of(
        "BASE_URL", "http://localhost:" + port, "AUDITOR", AUDITOR, "PASSWORD", PASSWORD,
        "DEPLOY_ID", deployId, "REQUESTER", MAYOR, "DECIDER", SECOND_MAYOR, "NOTE", NOTE));

    assertThat(browser.exitCode()).as(browser.output()).isZero();
    assertThat(BrowserScripts.SCREENSHOTS.resolve("history-filtered.png")).isNotEmptyFile();
    assertThat(BrowserScripts.SCREENSHOTS.resolve("history-timeline.png")).isNotEmptyFile();
  }
}
