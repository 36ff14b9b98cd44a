package com.mayorcrew.deploy.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses state-changing requests that a browser sends from another site. HTTP Basic credentials are sent by the
 * browser automatically once someone logged in to {@code /history}, so without this a page elsewhere could start
 * a deploy or deploy a BPMN (whose expressions can call any bean) in the name of whoever visits it. Browsers mark
 * such requests ({@code Sec-Fetch-Site: cross-site | same-site}, an {@code Origin} of another site); command-line
 * and server-to-server clients send neither and keep working with Basic auth. Safe methods pass: they change
 * nothing, and the same-origin policy keeps the answers from the other site.
 */
class CrossSiteRequestRefusal extends OncePerRequestFilter {

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
  private static final Set<String> FOREIGN_FETCH_SITES = Set.of("cross-site", "same-site");

  private final Set<String> trustedOrigins;

  CrossSiteRequestRefusal(Set<String> trustedOrigins) {
    this.trustedOrigins = trustedOrigins;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String refusal = SAFE_METHODS.contains(request.getMethod()) ? null : refusal(request);
    if (refusal == null) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType("application/json");
    response.getOutputStream().write(("{\"type\":\"CrossSiteRequestRefused\",\"message\":\"" + refusal + "\"}")
        .getBytes(StandardCharsets.UTF_8));
  }

  /** Why the request is refused, or null when it comes from this application's pages or from no browser. */
  private String refusal(HttpServletRequest request) {
    String origin = request.getHeader("Origin");
    if (origin != null) {
      String normalized = normalize(origin);
      if (normalized.equals(ownOrigin(request)) || trustedOrigins.contains(normalized)) {
        return null;
      }
      return "a state-changing request from a page of another origin is refused (mcd.access.trusted-origins)";
    }
    String fetchSite = request.getHeader("Sec-Fetch-Site");
    if (fetchSite != null && FOREIGN_FETCH_SITES.contains(fetchSite.toLowerCase(Locale.ROOT))) {
      return "a state-changing request from a page of another site is refused";
    }
    return null;
  }

  private static String ownOrigin(HttpServletRequest request) {
    String host = request.getHeader("Host");
    return host == null ? "" : normalize(request.getScheme() + "://" + host);
  }

  /** scheme://host[:port] in lower case, without the default port; "null" and garbage stay unmatched. */
  static String normalize(String origin) {
    try {
      URI uri = URI.create(origin.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return "invalid:" + origin;
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
      return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    } catch (IllegalArgumentException e) {
      return "invalid:" + origin;
    }
  }
}
