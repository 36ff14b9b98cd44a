package com.mayorcrew.deploy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package map of docs/architecture.md, enforced: capabilities of a deploy on top, the shared deploy context
 * and security below them, adapters (Docker, GitHub, scripts) that know nothing of deploys at the bottom.
 */
class ArchitectureTest {

  private static final String ROOT = "com.mayorcrew.deploy";
  private static final Set<String> ADAPTERS = Set.of("docker", "github", "scripts");
  /** Capabilities of a deploy: where the model's delegates and listeners live. */
  private static final Set<String> CAPABILITIES = Set.of("request", "prechecks", "hostlock", "rollout", "health",
      "rollback", "escalation", "reporting", "production", "notify");
  private static final Set<String> BASE = Set.of("config", "context", "security", "jobs");

  /** Which packages each package may use, besides itself. The map in docs/architecture.md draws the same. */
  private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
      Map.entry("config", Set.of()),
      Map.entry("docker", Set.of("config")),
      Map.entry("github", Set.of("config")),
      Map.entry("scripts", Set.of("config")),
      Map.entry("jobs", Set.of("config")),
      Map.entry("schema", Set.of()),
      Map.entry("context", Set.of("config", "docker", "github")),
      Map.entry("security", Set.of("config", "context")),
      Map.entry("history", Set.of("config", "context", "security")),
      // Health of the adapters, the phases of the history pages, host locks and role groups for the gauges.
      Map.entry("observability", Set.of("config", "context", "docker", "github", "history", "hostlock", "security")),
      // A rollback deploy's request names the deploy it rolls back; the rollback capability says whether it may.
      Map.entry("request", capability("rollback")),
      Map.entry("prechecks", capability()),
      Map.entry("hostlock", capability()),
      Map.entry("rollout", capability()),
      Map.entry("health", capability()),
      Map.entry("escalation", capability()),
      Map.entry("reporting", capability()),
      Map.entry("notify", capability()),
      // A rollback recreates what a rollout replaced and verifies it with the health phase's probe.
      Map.entry("rollback", capability("rollout", "health")),
      Map.entry("production", capability()),
      // The readiness warm-up rehearses a request (its crew assignee) and warms the health phase's probe.
      Map.entry("warmup", capability("request", "health")),
      // The JSON API drives deploys through the engine; "roll back now" is the rollback capability's.
      Map.entry("api", Set.of("config", "context", "security", "rollback", "request")));

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(ROOT);
  }

  private static Set<String> capability(String... phases) {
    Set<String> allowed = new HashSet<>(BASE);
    allowed.addAll(ADAPTERS);
    allowed.addAll(List.of(phases));
    return allowed;
  }

  private static String packageOf(JavaClass type) {
    String name = type.getPackageName();
    if (!name.startsWith(ROOT + ".")) {
      return "";
    }
    return name.substring(ROOT.length() + 1).split("\\.")[0];
  }

  @Test
  void everyPackageIsOnTheMap() throws IOException {
    Set<String> packages = classes.stream().map(ArchitectureTest::packageOf).filter(p -> !p.isEmpty())
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(packages).isEqualTo(new TreeSet<>(ALLOWED.keySet()));
    String map = Files.readString(Path.of("docs/architecture.md"));
    assertThat(packages).allSatisfy(p -> assertThat(map).as("docs/architecture.md names package " + p)
        .contains("`" + p + "`"));
  }

  @Test
  void packagesUseOnlyWhatTheMapAllows() {
    Set<String> violations = new TreeSet<>();
    for (JavaClass type : classes) {
      String from = packageOf(type);
      if (from.isEmpty()) {
        continue;
      }
      for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
        String to = packageOf(dependency.getTargetClass());
        if (!to.isEmpty() && !to.equals(from) && !ALLOWED.get(from).contains(to)) {
          violations.add(from + " -> " + to + ": " + dependency.getDescription());
        }
      }
    }
    assertThat(violations).as("dependencies the package map does not allow").isEmpty();
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void delegatesAndListenersLiveInTheCapabilityTheyServe() {
    classes().that().implement(JavaDelegate.class).should()
        .resideInAnyPackage(CAPABILITIES.stream().map(p -> ROOT + "." + p).toArray(String[]::new))
        .check(classes);
    Set<String> listenerHomes = new HashSet<>(CAPABILITIES);
    listenerHomes.add("security");
    classes().that().implement(ExecutionListener.class).or().implement(TaskListener.class).should()
        .resideInAnyPackage(listenerHomes.stream().map(p -> ROOT + "." + p).toArray(String[]::new))
        .check(classes);
  }

  @Test
  void everyPackageSaysWhatItIsFor() {
    Set<String> packages = classes.stream().map(ArchitectureTest::packageOf).filter(p -> !p.isEmpty())
        .collect(Collectors.toSet());
    assertThat(packages).allSatisfy(p -> assertThat(Path.of("src/main/java", (ROOT + "." + p).replace('.', '/'),
        "package-info.java")).as("package-info.java of " + p).isRegularFile());
  }

  @Test
  void theModelCatchesExactlyTheErrorCodesTheCodeThrows() throws IOException {
    Pattern errorCode = Pattern.compile("errorCode=\"([^\"]+)\"");
    Set<String> inModel = new TreeSet<>();
    try (Stream<Path> models = Files.list(Path.of("processes"))) {
      for (Path model : models.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
        Matcher matcher = errorCode.matcher(Files.readString(model));
        while (matcher.find()) {
          inModel.add(matcher.group(1));
        }
      }
    }
    assertThat(inModel).isEqualTo(new TreeSet<>(com.mayorcrew.deploy.context.BpmnErrors.ALL));
  }
}
