package com.mayorcrew.deploy.observability;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who reads what under {@code /actuator}: HTTP Basic against the engine's identity service, as for /api and
 * /history. The health summary (overall status, and the liveness and readiness groups) answers anyone, so load
 * balancers and Kubernetes probe without credentials. Everything else needs a member of one of
 * {@code mcd.observability.reader-groups}; the caller's engine groups become the request's roles, which is what
 * Actuator's {@code show-details: when-authorized} with {@code management.endpoint.health.roles} checks.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorAccess {

  @Bean
  FilterRegistrationBean<ActuatorAuthentication> actuatorAuthentication(IdentityService identityService,
      ObservabilityProperties properties, WebEndpointProperties endpoints) {
    var registration = new FilterRegistrationBean<>(new ActuatorAuthentication(identityService,
        Set.copyOf(properties.readerGroups()), endpoints.getBasePath()));
    registration.setName("mcd-actuator-authentication");
    registration.addUrlPatterns(endpoints.getBasePath() + "/*", endpoints.getBasePath());
    return registration;
  }

  static final class ActuatorAuthentication extends OncePerRequestFilter {

    private static final String CHALLENGE = "Basic realm=\"mayor-crew-deploy\"";

    private final IdentityService identityService;
    private final Set<String> readerGroups;
    private final String healthPath;

    ActuatorAuthentication(IdentityService identityService, Set<String> readerGroups, String basePath) {
      this.identityService = identityService;
      this.readerGroups = readerGroups;
      this.healthPath = basePath + "/health";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String path = request.getRequestURI().substring(request.getContextPath().length());
      boolean health = path.equals(healthPath) || path.startsWith(healthPath + "/");
      String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
      if (authorization == null) {
        if (health) {
          chain.doFilter(request, response);
        } else {
          refuse(response, HttpServletResponse.SC_UNAUTHORIZED);
        }
        return;
      }
      Optional<String> user = authenticated(authorization);
      if (user.isEmpty()) {
        refuse(response, HttpServletResponse.SC_UNAUTHORIZED);
        return;
      }
      Set<String> groups = identityService.createGroupQuery().groupMember(user.get()).list().stream()
          .map(Group::getId).collect(Collectors.toUnmodifiableSet());
      if (!health && groups.stream().noneMatch(readerGroups::contains)) {
        refuse(response, HttpServletResponse.SC_FORBIDDEN);
        return;
      }
      chain.doFilter(new AuthenticatedRequest(request, user.get(), groups), response);
    }

    private Optional<String> authenticated(String authorization) {
      if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
        return Optional.empty();
      }
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException notBase64) {
        return Optional.empty();
      }
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        return Optional.empty();
      }
      String userId = decoded.substring(0, colon);
      return identityService.checkPassword(userId, decoded.substring(colon + 1)) ? Optional.of(userId)
          : Optional.empty();
    }

    private static void refuse(HttpServletResponse response, int status) {
      if (status == HttpServletResponse.SC_UNAUTHORIZED) {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
      }
      response.setStatus(status);
    }
  }

  /** The request as the authenticated engine user, with that user's engine groups as its roles. */
  private static final class AuthenticatedRequest extends HttpServletRequestWrapper {
    private final String userId;
    private final Set<String> groups;

    AuthenticatedRequest(HttpServletRequest request, String userId, Set<String> groups) {
      super(request);
      this.userId = userId;
      this.groups = groups;
    }

    @Override
    public Principal getUserPrincipal() {
      return () -> userId;
    }

    @Override
    public String getRemoteUser() {
      return userId;
    }

    @Override
    public boolean isUserInRole(String role) {
      return groups.contains(role);
    }
  }
}
