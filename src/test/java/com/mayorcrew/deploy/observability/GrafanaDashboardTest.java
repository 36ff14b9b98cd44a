package com.mayorcrew.deploy.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard is valid JSON and queries only metrics docs/observability.md lists as exported. */
class GrafanaDashboardTest {

  private static final Pattern METRIC = Pattern.compile("\\bmcd_[a-z_]+");

  @Test
  void theDashboardQueriesOnlyDocumentedMetrics() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(Path.of("docs/grafana/mayor-crew-deploy.json").toFile());
    Set<String> queried = new TreeSet<>();
    dashboard.findValues("expr").forEach(expr -> names(expr.asText(), queried));
    dashboard.findValues("definition").forEach(query -> names(query.asText(), queried));
    assertThat(queried).hasSizeGreaterThan(10);

    Set<String> documented = new TreeSet<>();
    Files.readString(Path.of("docs/observability.md")).lines().filter(line -> line.startsWith("| `mcd_"))
        .forEach(line -> documented.add(line.substring(3, line.indexOf('`', 3))));
    assertThat(queried).allSatisfy(name -> assertThat(documented).as(name)
        .anyMatch(metric -> name.equals(metric) || name.matches(metric + "_(bucket|count|sum)")));
    assertThat(documented).allSatisfy(metric -> assertThat(queried).as("a panel shows " + metric)
        .anyMatch(name -> name.startsWith(metric)));
  }

  private static void names(String query, Set<String> into) {
    Matcher metric = METRIC.matcher(query);
    while (metric.find()) {
      into.add(metric.group());
    }
  }
}
