package com.mayorcrew.deploy.scripts;

import java.util.regex.Pattern;

/**
 * The handle of one script run: deploy id and step, e.g. {@code deploy-42/03-deploy}. It names a directory under
 * the runs directory, so both parts are checked: no path can be smuggled in through a handle.
 */
public record ScriptRun(String deployId, String step) {

  private static final Pattern DEPLOY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,63}");
  private static final Pattern STEP = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

  public ScriptRun {
    if (deployId == null || !DEPLOY_ID.matcher(deployId).matches()) {
      throw new IllegalArgumentException("invalid deploy id for a script run: " + deployId);
    }
    if (step == null || !STEP.matcher(step).matches()) {
      throw new IllegalArgumentException("invalid step for a script run: " + step);
    }
  }

  public static ScriptRun parse(String id) {
    int slash = id.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("invalid script run id: " + id);
    }
    return new ScriptRun(id.substring(0, slash), id.substring(slash + 1));
  }

  public String id() {
    return deployId + "/" + step;
  }
}
