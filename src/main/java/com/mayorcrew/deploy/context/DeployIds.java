package com.mayorcrew.deploy.context;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Deploy ids: the business key of a deploy, shown in Tasklist, Cockpit, metadata and reports. */
public final class DeployIds {

  private static final Pattern DEPLOY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,63}");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private DeployIds() {}

  /** A new id such as {@code deploy-20261127-081500-3f9a2c}: sortable by time, unique by its random suffix. */
  public static String generate(Instant now) {
    byte[] suffix = new byte[3];
    RANDOM.nextBytes(suffix);
    return "deploy-" + STAMP.format(now) + "-" + HexFormat.of().formatHex(suffix);
  }

  /** Whether a caller-chosen id is acceptable: it names files and container labels, so it stays plain. */
  public static boolean isValid(String id) {
    return DEPLOY_ID.matcher(id).matches();
  }

  public static final String RULE = "must be 3-64 letters, digits, '.', '_' or '-', starting with a letter or digit";
}
