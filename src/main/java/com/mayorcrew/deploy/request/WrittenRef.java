package com.mayorcrew.deploy.request;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ref as the Deploy Request Template lets people write it: the ref, optionally followed by a note in
 * parentheses, as in the seed's example {@code HEAD (mounted at /gt)}. The ref is validated and used; the note is
 * kept for the report.
 */
record WrittenRef(String ref, String note) {

  private static final Pattern WITH_NOTE = Pattern.compile("(\\S+)\\s+\\(([^()\\p{Cntrl}]{1,200})\\)");

  static WrittenRef parse(String written) {
    Matcher matcher = WITH_NOTE.matcher(written);
    return matcher.matches() ? new WrittenRef(matcher.group(1), matcher.group(2).strip()) : new WrittenRef(written, "");
  }

  boolean hasNote() {
    return !note.isEmpty();
  }
}
