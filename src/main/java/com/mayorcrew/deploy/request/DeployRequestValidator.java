package com.mayorcrew.deploy.request;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.context.FieldViolation;
import com.mayorcrew.deploy.github.GitHubProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The server-side rules of the Deploy Request Template. Every value that later reaches Docker, a script or
 * GitHub passes one of these patterns first, so no shell metacharacter can get through.
 */
@Component
class DeployRequestValidator {

  static final Pattern SHA = Pattern.compile("[0-9a-f]{7,40}");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern BRANCH_REF = Pattern.compile("refs/heads/[A-Za-z0-9][A-Za-z0-9._/-]{0,199}");
  private static final Pattern OWNER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern CREW_ADDRESS =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}/crew/[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
  private static final Pattern RUNNER_LABEL_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  // Docker's reference grammar: [registry[:port]/]path[:tag][@sha256:digest], lower-case path components.
  private static final Pattern IMAGE_REFERENCE = Pattern.compile(
      "(?:[A-Za-z0-9.-]+(?::[0-9]+)?/)?[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*"
          + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[0-9a-f]{64})?");
  private static final String REF_RULE = "must be a 7-40 character hex commit SHA, a tag, HEAD or refs/heads/<name>,"
      + " optionally followed by a note in parentheses, e.g. HEAD (mounted at /gt)";

  private static final Set<String> TARGET_FIELDS = Set.of(SERVICE, ENVIRONMENT, CANARY_HOST);

  private final DeployProperties properties;
  private final GitHubProperties gitHub;

  public DeployRequestValidator(DeployProperties properties, GitHubProperties gitHub) {
    this.properties = properties;
    this.gitHub = gitHub;
  }

  /** All violations of the request, in field order; empty when the request is acceptable. */
  public List<FieldViolation> validate(Map<String, Object> request) {
    Checks checks = new Checks(request, gitHub);
    checks.text(TITLE, true, 200);
    checks.oneOf(PRIORITY, Set.of("P0", "P1", "P2"));
    checks.matches(OWNER, OWNER_NAME, "must be a name of letters, digits, '.', '_' or '-' (at most 64)");
    checks.matches(ASSIGNEE, CREW_ADDRESS, "must be a crew address <rig>/crew/<name>, e.g. TerraNomadicCity/crew/Ptilopsis");
    checks.oneOf(SERVICE, properties.services().keySet());
    checks.oneOf(ENVIRONMENT, Set.of("canary", "production"));
    checks.ref(GASTOWN_REF);
    checks.ref(GTRUNTIME_REF);
    checks.oneOf(BRANCH, Set.of("canary", "main"));
    checks.oneOf(CANARY_HOST, properties.hosts().keySet());
    checks.matches(RUNNER_LABEL, RUNNER_LABEL_PATTERN, "must be a runner label of letters, digits, '.', '_' or '-' (at most 64)");
    checks.oneOf(DOCKER_ACCESS, Set.of("sudo", "group", "socket"));
    checks.offeredDockerAccess(properties);
    checks.text(ROLLBACK_CRITERIA, true, 2000);
    checks.text(NOTES, false, 4000);
    checks.image();
    if (checks.violations.stream().noneMatch(violation -> TARGET_FIELDS.contains(violation.field()))) {
      checks.violations.addAll(environmentViolations((String) request.get(SERVICE), (String) request.get(ENVIRONMENT),
          (String) request.get(CANARY_HOST)));
    }
    return checks.violations;
  }

  /**
   * Outside the canary a service deploys only where its environment is configured: with its own container, on its
   * own hosts. Checked once service, environment and host are each valid.
   */
  private List<FieldViolation> environmentViolations(String name, String environment, String host) {
    DeployProperties.Service service = properties.service(name);
    if (!service.deploysTo(environment)) {
      return List.of(new FieldViolation(ENVIRONMENT, "service " + name + " has no " + environment
          + " configuration (mcd.services." + name + ".environments." + environment + "): it never reuses the canary's"
          + " container"));
    }
    List<String> hosts = service.hostsIn(environment);
    if (!hosts.isEmpty() && !hosts.contains(host)) {
      return List.of(new FieldViolation(CANARY_HOST, "must be one of the " + environment + " hosts of service " + name
          + ": " + String.join(", ", hosts)));
    }
    return List.of();
  }

  private static final class Checks {
    private final Map<String, Object> request;
    private final GitHubProperties gitHub;
    private final List<FieldViolation> violations = new ArrayList<>();

    Checks(Map<String, Object> request, GitHubProperties gitHub) {
      this.request = request;
      this.gitHub = gitHub;
    }

    /** The field's string value, or null after recording why there is none. */
    private String required(String field) {
      Object value = request.get(field);
      if (value == null || (value instanceof String s && s.isBlank())) {
        violations.add(new FieldViolation(field, "is required"));
        return null;
      }
      if (!(value instanceof String s)) {
        violations.add(new FieldViolation(field, "must be a string"));
        return null;
      }
      return s;
    }

    void text(String field, boolean required, int maxLength) {
      Object value = request.get(field);
      if (!required && (value == null || "".equals(value))) {
        return;
      }
      String text = required(field);
      if (text == null) {
        return;
      }
      if (text.length() > maxLength) {
        violations.add(new FieldViolation(field, "must be at most " + maxLength + " characters"));
      } else if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
        violations.add(new FieldViolation(field, "must not contain control characters"));
      }
    }

    void oneOf(String field, Set<String> allowed) {
      String value = required(field);
      if (value != null && !allowed.contains(value)) {
        violations.add(new FieldViolation(field, allowed.isEmpty()
            ? "no value is configured (see mcd." + (field.equals(SERVICE) ? "services" : "hosts") + ")"
            : "must be one of " + String.join(", ", new TreeSet<>(allowed))));
      }
    }

    /** The requested access must be one the canary host offers: nothing runs through a way the host does not. */
    void offeredDockerAccess(DeployProperties properties) {
      if (violations.stream().anyMatch(v -> v.field().equals(DOCKER_ACCESS) || v.field().equals(CANARY_HOST))) {
        return;
      }
      String hostName = (String) request.get(CANARY_HOST);
      List<String> offered = properties.host(hostName).dockerAccess().stream()
          .map(DeployProperties.DockerAccess::value).toList();
      if (!offered.contains((String) request.get(DOCKER_ACCESS))) {
        violations.add(new FieldViolation(DOCKER_ACCESS, "must be one that host " + hostName + " offers: "
            + String.join(", ", offered) + " (mcd.hosts." + hostName + ".docker-access)"));
      }
    }

    void matches(String field, Pattern pattern, String rule) {
      String value = required(field);
      if (value != null && !pattern.matcher(value).matches()) {
        violations.add(new FieldViolation(field, rule));
      }
    }

    void ref(String field) {
      String written = required(field);
      if (written == null) {
        return;
      }
      String value = WrittenRef.parse(written).ref();
      boolean valid = SHA.matcher(value).matches()
          || "HEAD".equals(value)
          || BRANCH_REF.matcher(value).matches() && isSafeRefName(value)
          || TAG.matcher(value).matches() && isSafeRefName(value);
      if (!valid) {
        violations.add(new FieldViolation(field, REF_RULE));
      }
    }

    /** Git's own ref-name rules that the patterns alone do not express. */
    private static boolean isSafeRefName(String ref) {
      return !ref.contains("..") && !ref.contains("//") && !ref.endsWith("/") && !ref.endsWith(".")
          && !ref.endsWith(".lock");
    }

    void image() {
      Object value = request.get(IMAGE);
      if (value == null || "".equals(value)) {
        Object gastownRef = request.get(GASTOWN_REF);
        boolean resolvable = request.get(SERVICE) instanceof String service && gitHub.service(service).isPresent();
        if (gastownRef instanceof String ref && !SHA.matcher(WrittenRef.parse(ref).ref()).matches() && !resolvable
            && violations.stream().noneMatch(v -> v.field().equals(GASTOWN_REF))) {
          violations.add(new FieldViolation(IMAGE, "is required when gastownRef is not a commit SHA and the service "
              + "has no GitHub repository to resolve it (the image tag is derived from the SHA)"));
        }
        return;
      }
      if (!(value instanceof String image)) {
        violations.add(new FieldViolation(IMAGE, "must be a string"));
      } else if (image.length() > 255 || !IMAGE_REFERENCE.matcher(image).matches()) {
        violations.add(new FieldViolation(IMAGE,
            "must be an image reference [registry/]name[:tag][@sha256:digest] of at most 255 characters"));
      }
    }
  }
}
