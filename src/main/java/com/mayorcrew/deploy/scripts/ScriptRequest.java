package com.mayorcrew.deploy.scripts;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What to run: one allow-listed script with an argv list (never a shell string), its plain environment, the
 * secrets it gets (environment variable -> secret name, resolved only when the run starts), and its time limit.
 */
record ScriptRequest(
    ScriptRun run,
    Script script,
    List<String> args,
    Map<String, String> env,
    Map<String, String> secretEnv,
    Duration timeout) {

  public ScriptRequest {
    args = List.copyOf(args);
    env = Map.copyOf(env);
    secretEnv = Map.copyOf(secretEnv);
  }
}
