package com.mayorcrew.deploy.scripts;

/** The allow-list: the only scripts the application runs, each a fixed file name in the scripts directory. */
public enum Script {
  DEPLOY("canary-deploy.sh"),
  ROLLBACK("canary-rollback.sh"),
  VALIDATE("canary-validate.sh"),
  MIGRATE("canary-migrate.sh");

  private final String fileName;

  Script(String fileName) {
    this.fileName = fileName;
  }

  public String fileName() {
    return fileName;
  }
}
