package com.mayorcrew.deploy.github;

import java.nio.charset.StandardCharsets;
import org.springframework.web.util.UriUtils;

/** Encoding of caller-supplied parts of the API paths sent over RestClient (file, environment and branch names). */
public final class GitHubPaths {

  private GitHubPaths() {}

  /** A branch name in a path; "/" is kept because GitHub's routes take branch names like feature/x whole. */
  public static String branch(String branch) {
    return UriUtils.encodePath(branch, StandardCharsets.UTF_8);
  }

  public static String segment(String value) {
    return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
  }
}
