package com.mayorcrew.deploy.context;

/** One field of a deploy request that breaks a rule, e.g. {@code priority: must be one of P0, P1, P2}. */
public record FieldViolation(String field, String rule) {

  @Override
  public String toString() {
    return field + ": " + rule;
  }
}
