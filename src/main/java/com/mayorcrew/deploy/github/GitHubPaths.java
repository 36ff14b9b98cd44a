package com.mayorcrew.deploy.github;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.web.util.UriUtils;

/** Encoding of caller-supplied parts of API paths and queries (refs, branch names, file names). */
final class GitHubPaths {

  private GitHubPaths() {}

  /** A ref or branch in a path; "/" is kept because GitHub's routes accept branch names like feature/x. */
  static String ref(String ref) {
    return UriUtils.encodePath(ref, StandardCharsets.UTF_8);
  }

  static String segment(String value) {
    return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
  }

  static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
