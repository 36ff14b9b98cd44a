package com.mayorcrew.deploy.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers of the deploy history pages and exports. They show who approved what, so they must not be
 * framed, cached or leak their URL (deploy ids) to other sites; the pages need nothing but their own stylesheet
 * and scripts (the deploy diagram: the vendored bpmn-js viewer and assets/deploy-diagram.js, which fetches its data).
 * Set before authentication runs, so a 401 carries them too.
 */
class HistorySecurityHeaders extends OncePerRequestFilter {

  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; "
      + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Pragma", "no-cache");
    chain.doFilter(request, response);
  }
}
