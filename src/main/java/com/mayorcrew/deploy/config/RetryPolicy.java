package com.mayorcrew.deploy.config;

import org.springframework.stereotype.Component;

/**
 * The retry time cycle of every async step, referenced from the model as {@code ${retryPolicy.cycle}} so that it
 * is configured in one place ({@code mcd.retry.cycle}) instead of in each activity.
 * <p>Public: the model calls its methods by expression, which needs a public class.
 */
@Component("retryPolicy")
public class RetryPolicy {

  private final String cycle;

  public RetryPolicy(DeployProperties properties) {
    this.cycle = properties.retry().cycle();
  }

  public String getCycle() {
    return cycle;
  }
}
