package com.mayorcrew.deploy.scripts;

/** How a script run ended, from its documented exit codes (deploy/*.sh --help). */
public enum ScriptOutcome {
  OK,
  USAGE,
  DOCKER_UNAVAILABLE,
  HEALTH_FAILED,
  ROLLBACK_IMPOSSIBLE,
  FAILED,
  TIMED_OUT;

  public static ScriptOutcome ofExitCode(int exitCode) {
    return switch (exitCode) {
      case 0 -> OK;
      case 2 -> USAGE;
      case 3 -> DOCKER_UNAVAILABLE;
      case 4 -> HEALTH_FAILED;
      case 5 -> ROLLBACK_IMPOSSIBLE;
      default -> FAILED;
    };
  }
}
