package com.mayorcrew.deploy.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may use the engine, its webapps and REST API: the accounts created (or brought up to date) at every start.
 * Bound from {@code mcd.access.*}; every key can be set from the environment
 * (e.g. {@code MCD_ACCESS_ADMINPASSWORD}, {@code MCD_ACCESS_USERS_0_PASSWORD}).
 *
 * <p>Configuration is the source of truth for the accounts it names: a restart resets their passwords, names and
 * memberships in the role groups to what is configured here. Accounts created in Camunda Admin are left alone.
 *
 * @param users accounts with their role groups ({@code mayor}, {@code crew}, {@code humans}, {@code auditors},
 *     {@code camunda-admin})
 * @param adminUser id of the administrator, member of {@code camunda-admin}; default {@code admin}
 * @param adminPassword the administrator's password (env {@code MCD_ACCESS_ADMINPASSWORD}); when blank and the
 *     administrator does not exist yet, a random password is generated and logged once at WARN
 * @param trustedOrigins other browser origins (e.g. {@code https://portal.example.com}) whose pages may send
 *     state-changing requests to {@code /engine-rest}, {@code /api} and {@code /history}; by default none: only
 *     pages of this application itself, and clients that are not browsers
 * @param fourEyes the decision tasks the deploy's requester may not complete (four eyes), by task id. Default:
 *     {@code Task_ApproveProduction} and {@code Task_HumanDecision}: approvals stay with someone else. The mayor
 *     tier ({@code Task_MayorEscalation}, {@code Task_ResolveTechnicalFault}) is open to the requester, because its
 *     "retry" runs the failed check again and so bypasses nothing; add those ids to require a second mayor too
 */
@Validated
@ConfigurationProperties("mcd.access")
public record AccessProperties(
    @Valid List<User> users,
    @DefaultValue("admin") @NotBlank String adminUser,
    String adminPassword,
    List<String> trustedOrigins,
    @DefaultValue({"Task_ApproveProduction", "Task_HumanDecision"}) Set<String> fourEyes) {

  /** The decision tasks of the model, each with the rule attached that refuses the requester when configured. */
  static final Set<String> DECISION_TASKS = Set.of("Task_ApproveProduction", "Task_HumanDecision",
      "Task_MayorEscalation", "Task_ResolveTechnicalFault");

  public AccessProperties {
    users = users == null ? List.of() : List.copyOf(users);
    adminPassword = blankToNull(adminPassword);
    trustedOrigins = trustedOrigins == null ? List.of() : List.copyOf(trustedOrigins);
    fourEyes = fourEyes == null ? Set.of() : Set.copyOf(fourEyes);
    Set<String> unknown = new TreeSet<>(fourEyes);
    unknown.removeAll(DECISION_TASKS);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("mcd.access.four-eyes: " + unknown + " are not decision tasks; use "
          + new TreeSet<>(DECISION_TASKS));
    }
  }

  /** Keeps passwords out of logs and error messages that print the configuration. */
  @Override
  public String toString() {
    return "AccessProperties[users=" + users + ", adminUser=" + adminUser
        + ", adminPassword=" + (adminPassword == null ? "<none>" : "<set>") + ", trustedOrigins=" + trustedOrigins
        + ", fourEyes=" + new TreeSet<>(fourEyes) + "]";
  }

  /**
   * A configured account.
   *
   * @param id the Camunda user id: letters and digits only (the engine's default id pattern); a crew address such
   *     as {@code TerraNomadicCity/crew/Ptilopsis} maps to its lower-cased name part, {@code ptilopsis}
   * @param password the password; when blank an existing user keeps its password and a new one is created without
   *     any (it cannot log in until an administrator sets one)
   * @param firstName shown in the webapps
   * @param lastName shown in the webapps
   * @param email optional
   * @param groups the role groups the user belongs to; memberships in other role groups are removed
   */
  public record User(
      @NotBlank String id,
      String password,
      String firstName,
      String lastName,
      String email,
      List<String> groups) {

    public User {
      password = blankToNull(password);
      groups = groups == null ? List.of() : List.copyOf(groups);
    }

    @Override
    public String toString() {
      return "User[id=" + id + ", groups=" + groups + ", password=" + (password == null ? "<none>" : "<set>") + "]";
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
