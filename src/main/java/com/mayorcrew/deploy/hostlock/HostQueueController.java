package com.mayorcrew.deploy.hostlock;

import com.mayorcrew.deploy.config.DeployProperties;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/hosts}: the host queue. For every configured canary host (and any other host a deploy holds or
 * waits for): which deploy holds it and since when, and the deploys waiting for it in the order they will get it.
 * Mayors, auditors and administrators may read it (HTTP Basic, as every {@code /api} endpoint).
 */
@RestController
class HostQueueController {

  private static final Set<String> READERS = Set.of("mayor", "auditors", "camunda-admin");

  private final HostLocks locks;
  private final DeployProperties deployProperties;
  private final IdentityService identityService;

  public HostQueueController(HostLocks locks, DeployProperties deployProperties, IdentityService identityService) {
    this.locks = locks;
    this.deployProperties = deployProperties;
    this.identityService = identityService;
  }

  /** One host: its holder ({@code null} when free) and the waiting deploys, first in line first. */
  public record HostState(String host, HolderView holder, List<WaiterView> waiting) {}

  public record HolderView(String deployId, Instant since, String processInstanceId) {}

  public record WaiterView(String deployId, Instant requestedAt, String processInstanceId) {}

  @GetMapping("/api/hosts")
  public ResponseEntity<?> hosts() {
    Authentication caller = identityService.getCurrentAuthentication();
    if (caller == null || caller.getGroupIds() == null || caller.getGroupIds().stream().noneMatch(READERS::contains)) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN)
          .body(java.util.Map.of("message", "only mayors and auditors may read the host queue"));
    }
    SortedMap<String, Optional<HostLocks.Holder>> holders = locks.holders();
    deployProperties.hosts().keySet().forEach(host -> holders.putIfAbsent(host, Optional.empty()));
    return ResponseEntity.ok(holders.entrySet().stream().map(entry -> new HostState(entry.getKey(),
        entry.getValue().map(holder -> new HolderView(holder.deployId(), holder.acquiredAt(),
            holder.processInstanceId())).orElse(null),
        locks.waiters(entry.getKey()).stream().map(waiter -> new WaiterView(waiter.deployId(), waiter.requestedAt(),
            waiter.processInstanceId())).toList())).toList());
  }
}
