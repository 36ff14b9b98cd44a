package com.mayorcrew.deploy.github;

import java.util.regex.Pattern;

/** A repository as GitHub names it: {@code owner/name}. */
public record RepositoryName(String owner, String name) {

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.-]+");

  public static RepositoryName parse(String text) {
    String[] parts = text == null ? new String[0] : text.trim().split("/", -1);
    if (parts.length != 2 || !SEGMENT.matcher(parts[0]).matches() || !SEGMENT.matcher(parts[1]).matches()) {
      throw new IllegalArgumentException("repository must be owner/name, got '" + text + "'");
    }
    return new RepositoryName(parts[0], parts[1]);
  }

  /** The API path of the repository: {@code /repos/owner/name}. */
  public String path() {
    return "/repos/" + owner + "/" + name;
  }

  @Override
  public String toString() {
    return owner + "/" + name;
  }
}
