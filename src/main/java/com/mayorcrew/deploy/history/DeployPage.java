package com.mayorcrew.deploy.history;

import java.util.List;

/** One page of the deploy list, newest first. */
record DeployPage(List<DeploySummary> deploys, int page, int size, long total) {

  public long pages() {
    return Math.max(1, (total + size - 1) / size);
  }

  public boolean hasPrevious() {
    return page > 1;
  }

  public boolean hasNext() {
    return page < pages();
  }
}
