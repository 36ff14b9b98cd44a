package com.mayorcrew.deploy.github;

import java.nio.charset.StandardCharsets;
import org.springframework.web.util.UriUtils;

/** Encoding of caller-supplied parts of the API paths sent over RestClient (file and environment names). */
final class GitHubPaths {

  private GitHubPaths() {}

  static String segment(String value) {
    return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
  }
}
