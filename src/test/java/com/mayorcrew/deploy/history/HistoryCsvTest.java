package com.mayorcrew.deploy.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryCsvTest {

  private static final Instant START = Instant.parse("2026-11-28T08:00:00Z");

  @Test
  void plainCellsStayAsTheyAreAndNullIsEmpty() {
    assertThat(HistoryCsv.cell("canary-1")).isEqualTo("canary-1");
    assertThat(HistoryCsv.cell("")).isEmpty();
    assertThat(HistoryCsv.cell(null)).isEmpty();
    assertThat(HistoryCsv.cell("a-b=c")).as("only a leading sign starts a formula").isEqualTo("a-b=c");
  }

  @Test
  void commasQuotesAndLineBreaksAreQuotedPerRfc4180() {
    assertThat(HistoryCsv.cell("a,b")).isEqualTo("\"a,b\"");
    assertThat(HistoryCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(HistoryCsv.cell("line 1\nline 2")).isEqualTo("\"line 1\nline 2\"");
    assertThat(HistoryCsv.cell("a\rb")).isEqualTo("\"a\rb\"");
  }

  @Test
  void cellsAFormulaWouldRunArePrefixedWithAnApostrophe() {
    for (String formula : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx")) {
      assertThat(HistoryCsv.cell(formula)).as(formula).isEqualTo("'" + formula);
    }
    assertThat(HistoryCsv.cell("\rx")).isEqualTo("\"'\rx\"");
  }

  @Test
  void theDeployListHasAHeaderAndOneCrlfRowPerDeploy() {
    DeploySummary running = new DeploySummary("d-1", "pi-1", "=HYPERLINK(\"x\")", "gastown", "canary-1", "canary",
        "mayor", "ACTIVE", null, START, null);
    assertThat(HistoryCsv.deploys(List.of(running))).isEqualTo(
        "deployId,state,result,service,host,environment,requester,title,startTime,endTime\r\n"
            + "d-1,ACTIVE,,gastown,canary-1,canary,mayor,\"'=HYPERLINK(\"\"x\"\")\",2026-11-28T08:00:00Z,\r\n");
    assertThat(HistoryCsv.deploys(List.of())).isEqualTo(
        "deployId,state,result,service,host,environment,requester,title,startTime,endTime\r\n");
  }

  @Test
  void theEventsOfADeployCarryItsIdOnEveryRow() {
    List<TimelineEvent> events = List.of(
        new TimelineEvent(START, "activity", "ProbeHealth", "Probe health", null, "healthy, 3/3"),
        new TimelineEvent(null, "task", "DecideRollback", "Decide", "mayor", "rollback"));
    assertThat(HistoryCsv.events("d-1", events)).isEqualTo(
        "deployId,time,type,activityId,name,user,detail\r\n"
            + "d-1,2026-11-28T08:00:00Z,activity,ProbeHealth,Probe health,,\"healthy, 3/3\"\r\n"
            + "d-1,,task,DecideRollback,Decide,mayor,rollback\r\n");
  }
}
