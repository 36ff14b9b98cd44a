package com.mayorcrew.deploy.hostlock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Host locks on a real PostgreSQL shared by two "application nodes" (two data sources, two transaction managers):
 * concurrent acquirers, request order, and a stale holder. src/test/scripts/postgres.sh starts the database and
 * exports MCD_TEST_POSTGRES_URL.
 */
class HostLocksPostgresTest {

  private static final String HOST = "shisuiki";
  private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
  private static Node nodeA;
  private static Node nodeB;
  private static ExecutorService threads;

  /** One application node: its own connection pool, transaction manager and HostLocks. */
  private record Node(DataSource dataSource, HostLocks locks, TransactionTemplate transaction) {
    static Node connect(String url) {
      DataSource dataSource = new DriverManagerDataSource(url, "mcd_test", "mcd_test");
      DataSourceTransactionManager manager = new DataSourceTransactionManager(dataSource);
      TransactionTemplate transaction = new TransactionTemplate(manager);
      transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
      return new Node(dataSource, new HostLocks(new JdbcTemplate(dataSource), manager), transaction);
    }
  }

  @BeforeAll
  static void connect() {
    String url = System.getenv("MCD_TEST_POSTGRES_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException("MCD_TEST_POSTGRES_URL is not set: run the tests with src/test/scripts/run-tests.sh");
    }
    nodeA = Node.connect(url);
    nodeB = Node.connect(url);
    new ResourceDatabasePopulator(new ClassPathResource("schema.sql")).execute(nodeA.dataSource());
    threads = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void shutdown() {
    threads.shutdownNow();
  }

  @BeforeEach
  void empty() {
    JdbcTemplate jdbc = new JdbcTemplate(nodeA.dataSource());
    jdbc.update("DELETE FROM mcd_host_lock");
    jdbc.update("DELETE FROM mcd_host_queue");
  }

  @Test
  void twoNodesAcquiringAtOnceGetOneHolderAndTheLoserCarriesOn() throws Exception {
    nodeB.transaction().executeWithoutResult(status -> nodeB.locks().enqueue(HOST, "deploy-b", "pi-b", T0.plusSeconds(1)));
    CountDownLatch aInserted = new CountDownLatch(1);
    CountDownLatch bStarted = new CountDownLatch(1);
    // Node A queues and takes the host in one transaction that it keeps open until node B tries too: B cannot
    // see A yet, believes it is first in line, and its insert has to wait for A's commit on the primary key.
    Future<Boolean> a = threads.submit(() -> nodeA.transaction().execute(status -> {
      nodeA.locks().enqueue(HOST, "deploy-a", "pi-a", T0);
      boolean acquired = nodeA.locks().tryAcquire(HOST, "deploy-a", "pi-a", T0, alive -> true);
      aInserted.countDown();
      await(bStarted);
      sleep(300);
      return acquired;
    }));
    await(aInserted);
    Future<Optional<Boolean>> b = threads.submit(() -> nodeB.transaction().execute(status -> {
      bStarted.countDown();
      boolean acquired = nodeB.locks().tryAcquire(HOST, "deploy-b", "pi-b", T0, alive -> true);
      // The loser's transaction is still usable after the refused insert (PostgreSQL would abort it otherwise).
      nodeB.locks().holder(HOST);
      return Optional.of(acquired);
    }));

    assertThat(a.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(b.get(10, TimeUnit.SECONDS)).contains(false);
    assertThat(nodeB.locks().holder(HOST)).map(HostLocks.Holder::deployId).contains("deploy-a");
  }

  @Test
  void waitersGetTheHostInRequestOrderAcrossNodes() {
    nodeA.transaction().executeWithoutResult(status -> {
      nodeA.locks().enqueue(HOST, "deploy-1", "pi-1", T0);
      nodeA.locks().enqueue(HOST, "deploy-2", "pi-2", T0.plusSeconds(1));
      nodeA.locks().enqueue(HOST, "deploy-3", "pi-3", T0.plusSeconds(2));
    });
    assertThat(acquire(nodeB, "deploy-3", "pi-3")).isFalse();
    assertThat(acquire(nodeB, "deploy-2", "pi-2")).isFalse();
    assertThat(acquire(nodeA, "deploy-1", "pi-1")).isTrue();
    assertThat(acquire(nodeB, "deploy-2", "pi-2")).isFalse();

    Optional<String> next = nodeA.transaction().execute(status -> nodeA.locks().release(HOST, "deploy-1"));
    assertThat(next).contains("pi-2");
    assertThat(acquire(nodeB, "deploy-3", "pi-3")).isFalse();
    assertThat(acquire(nodeB, "deploy-2", "pi-2")).isTrue();
    assertThat(nodeA.locks().waiting(HOST)).containsExactly("deploy-3");
  }

  /** The holder releases while the next waiter tries: the attempt waits for the release and takes the host. */
  @Test
  void anAttemptDuringAReleaseWaitsForItAndTakesTheHost() throws Exception {
    nodeA.transaction().executeWithoutResult(status -> {
      nodeA.locks().enqueue(HOST, "deploy-holder", "pi-holder", T0);
      nodeA.locks().enqueue(HOST, "deploy-next", "pi-next", T0.plusSeconds(1));
    });
    assertThat(acquire(nodeA, "deploy-holder", "pi-holder")).isTrue();
    CountDownLatch released = new CountDownLatch(1);
    Future<Optional<String>> release = threads.submit(() -> nodeA.transaction().execute(status -> {
      Optional<String> next = nodeA.locks().release(HOST, "deploy-holder");
      released.countDown();
      sleep(300);
      return next;
    }));
    await(released);

    assertThat(acquire(nodeB, "deploy-next", "pi-next")).as("the attempt sees the committed release").isTrue();
    assertThat(release.get(10, TimeUnit.SECONDS)).contains("pi-next");
  }

  /**
   * A deploy's first attempt (it joins the queue in the same transaction) while the holder releases: the release
   * waits until the attempt has committed, so it finds the new waiter to wake, instead of nobody.
   */
  @Test
  void aReleaseDuringAnAttemptWaitsForItAndWakesTheNewWaiter() throws Exception {
    nodeA.transaction().executeWithoutResult(status -> nodeA.locks().enqueue(HOST, "deploy-holder", "pi-holder", T0));
    assertThat(acquire(nodeA, "deploy-holder", "pi-holder")).isTrue();
    CountDownLatch tried = new CountDownLatch(1);
    Future<Boolean> attempt = threads.submit(() -> nodeB.transaction().execute(status -> {
      nodeB.locks().enqueue(HOST, "deploy-new", "pi-new", T0.plusSeconds(1));
      boolean acquired = nodeB.locks().tryAcquire(HOST, "deploy-new", "pi-new", T0, alive -> true);
      tried.countDown();
      sleep(300);
      return acquired;
    }));
    await(tried);

    Optional<String> next = nodeA.transaction().execute(status -> nodeA.locks().release(HOST, "deploy-holder"));

    assertThat(attempt.get(10, TimeUnit.SECONDS)).isFalse();
    assertThat(next).as("the waiter to wake").contains("pi-new");
  }

  @Test
  void aHolderWhoseInstanceIsGoneIsClearedByTheNextWaiter() {
    nodeA.transaction().executeWithoutResult(status -> {
      nodeA.locks().enqueue(HOST, "deploy-gone", "pi-gone", T0);
      nodeA.locks().enqueue(HOST, "deploy-next", "pi-next", T0.plusSeconds(1));
    });
    assertThat(acquire(nodeA, "deploy-gone", "pi-gone")).isTrue();

    boolean acquired = nodeB.transaction().execute(status -> nodeB.locks().tryAcquire(HOST, "deploy-next", "pi-next",
        T0.plusSeconds(5), processInstanceId -> !List.of("pi-gone").contains(processInstanceId)));

    assertThat(acquired).isTrue();
    assertThat(nodeA.locks().holder(HOST)).map(HostLocks.Holder::deployId).contains("deploy-next");
  }

  private static boolean acquire(Node node, String deployId, String processInstanceId) {
    return node.transaction().execute(status -> node.locks().tryAcquire(HOST, deployId, processInstanceId, T0,
        alive -> true));
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
