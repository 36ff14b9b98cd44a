package com.mayorcrew.deploy.security;

import java.security.SecureRandom;
import java.util.Base64;

/** Strong random passwords for accounts nobody configured a password for. */
final class RandomPasswords {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int BYTES = 18;

  private RandomPasswords() {}

  /** 24 URL-safe characters carrying 144 random bits. */
  static String generate() {
    byte[] bytes = new byte[BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
