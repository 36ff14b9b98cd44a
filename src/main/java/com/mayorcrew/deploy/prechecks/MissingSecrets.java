package com.mayorcrew.deploy.prechecks;

import java.util.List;

/**
 * Required GitHub-side secrets that none of the searched places has.
 *
 * @param names the missing secret names, in configuration order
 * @param searched where they were looked for, e.g. "repository owner/name, organisation secrets visible to it"
 */
record MissingSecrets(List<String> names, String searched) {

  public boolean none() {
    return names.isEmpty();
  }
}
