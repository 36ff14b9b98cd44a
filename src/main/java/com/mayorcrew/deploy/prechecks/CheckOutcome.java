package com.mayorcrew.deploy.prechecks;

/**
 * The result of a GitHub precheck: passed or not, what it found in one line, and the evidence a person needs to
 * act on a failure.
 */
record CheckOutcome(boolean passed, String detail, String evidence) {

  public static CheckOutcome passed(String detail) {
    return new CheckOutcome(true, detail, "");
  }

  public static CheckOutcome failed(String detail, String evidence) {
    return new CheckOutcome(false, detail, evidence);
  }
}
