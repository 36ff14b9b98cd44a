package com.mayorcrew.deploy.config;

import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Secrets (tokens) by name, read from the environment or configuration at the moment they are used.
 * Callers pass values straight to where they are needed (a container's environment, an Authorization header)
 * and never store them: not in process variables, history, logs or metadata.
 */
@Component
public class SecretStore {

  private final Environment environment;

  public SecretStore(Environment environment) {
    this.environment = environment;
  }

  /** The secret's value, when it is set and not blank. */
  public Optional<String> find(String name) {
    String value = environment.getProperty(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  public boolean isPresent(String name) {
    return find(name).isPresent();
  }
}
