package com.mayorcrew.deploy.audit;

/** The users of {@link AuditTestContext}; one password for all (no test ever sends a wrong one: it would lock). */
public final class AuditUsers {

  public static final String PASSWORD = "audit-Pw-7c41";
  public static final String MAYOR = "mayor";
  public static final String SECOND_MAYOR = "mayortwo";
  public static final String CREW = "ptilopsis";
  public static final String HUMAN = "human";
  public static final String AUDITOR = "auditor";
  public static final String ADMIN = "admin";
  /** Member of both mayor and crew. */
  public static final String MAYOR_AND_CREW = "mayorcrew";

  private AuditUsers() {}
}
