package com.mayorcrew.deploy.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Docker CLI's ssh transport does, for docker-java (which has none): a private local unix socket whose
 * every accepted connection is carried by its own {@code docker system dial-stdio} process, bytes pumped both ways.
 * The process is {@code ssh [options] -- user@host [sudo -n] docker [-H unix://<socket>] system dial-stdio} for an
 * ssh endpoint, {@code sudo -n docker -H unix://<socket> system dial-stdio} for a local socket. httpclient5 pools
 * its connections, so one process serves one pooled connection for as long as the pool keeps it; closing the
 * proxy ends every process.
 */
final class DialStdioProxy implements LocalSocketTransport {

  private static final Logger log = LoggerFactory.getLogger(DialStdioProxy.class);
  private static final List<String> DIAL_STDIO = List.of("system", "dial-stdio");
  private static final List<String> SUDO = List.of("sudo", "-n");
  private static final int BUFFER = 32 * 1024;
  private static final int MAX_ERROR_CHARS = 500;
  /** How long a helper that closed its output may take to exit and say why, before its connection is closed. */
  private static final Duration EXIT_GRACE = Duration.ofSeconds(2);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final List<String> command;
  private final Path directory;
  private final Path socket;
  private final ServerSocketChannel server;
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private volatile Failure lastFailure;
  private volatile boolean closed;

  private record Failure(String text, long connectedAt) {}

  private DialStdioProxy(List<String> command, Path directory, ServerSocketChannel server) {
    this.command = List.copyOf(command);
    this.directory = directory;
    this.socket = directory.resolve("docker.sock");
    this.server = server;
  }

  /** Binds the private socket and starts accepting; each connection runs {@code command}. */
  static DialStdioProxy open(List<String> command) throws IOException {
    Path directory = LocalSocketTransport.privateDirectory("mcd-dial-");
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      server.bind(UnixDomainSocketAddress.of(directory.resolve("docker.sock")));
    } catch (IOException e) {
      server.close();
      LocalSocketTransport.deleteRecursively(directory);
      throw e;
    }
    DialStdioProxy proxy = new DialStdioProxy(command, directory, server);
    thread("dial-stdio-accept-", proxy::acceptLoop);
    return proxy;
  }

  /** Over ssh, as the login user ({@code sudo} false) or under {@code sudo -n} on the remote host. */
  static List<String> sshCommand(URI endpoint, boolean sudo, Duration connectTimeout, Path identityFile,
      Path knownHostsFile) {
    List<String> command = new ArrayList<>(List.of("ssh", "-T"));
    command.addAll(SshCommand.options(endpoint, connectTimeout, identityFile, knownHostsFile));
    command.addAll(SshCommand.destination(endpoint));
    if (sudo) {
      command.addAll(SUDO);
    }
    command.add("docker");
    SshCommand.remoteSocket(endpoint).ifPresent(path -> command.addAll(List.of("-H", "unix://" + path)));
    command.addAll(DIAL_STDIO);
    return command;
  }

  /** On this machine under {@code sudo -n}, to the daemon's socket at {@code socketPath}. */
  static List<String> localSudoCommand(String socketPath) {
    List<String> command = new ArrayList<>(SUDO);
    command.addAll(List.of("docker", "-H", "unix://" + socketPath));
    command.addAll(DIAL_STDIO);
    return command;
  }

  @Override
  public String dockerHost() {
    return "unix://" + socket;
  }

  @Override
  public boolean isAlive() {
    return !closed;
  }

  @Override
  public Optional<String> failureSince(long sinceNanos) {
    Failure failure = lastFailure;
    return failure != null && failure.connectedAt() - sinceNanos >= 0 ? Optional.of(failure.text()) : Optional.empty();
  }

  private void acceptLoop() {
    while (!closed) {
      SocketChannel client;
      try {
        client = server.accept();
      } catch (IOException e) {
        if (!closed) {
          log.warn("dial-stdio proxy at {} stopped accepting: {}", socket, e.getMessage());
          closed = true;
        }
        return;
      }
      try {
        Link link = new Link(client, new ProcessBuilder(command).start(), System.nanoTime());
        links.add(link);
        if (closed) {
          link.close();
        } else {
          link.start();
        }
      } catch (IOException e) {
        lastFailure = new Failure("cannot run " + command.get(0) + ": " + e.getMessage(), System.nanoTime());
        closeQuietly(client);
      }
    }
  }

  /** One accepted connection and the helper process carrying it. */
  private final class Link {
    private final SocketChannel client;
    private final Process process;
    private final long connectedAt;
    private final StringBuilder errors = new StringBuilder();
    private Thread errorReader;

    Link(SocketChannel client, Process process, long connectedAt) {
      this.client = client;
      this.process = process;
      this.connectedAt = connectedAt;
    }

    void start() {
      errorReader = thread("dial-stdio-err-", this::readErrors);
      thread("dial-stdio-up-", this::clientToProcess);
      thread("dial-stdio-down-", this::processToClient);
    }

    private void clientToProcess() {
      ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
      try (OutputStream in = process.getOutputStream()) {
        // read and write the channel directly: its stream views would serialise both directions on one lock
        while (client.read(buffer) >= 0) {
          in.write(buffer.array(), 0, buffer.position());
          in.flush();
          buffer.clear();
        }
      } catch (IOException e) {
        // the client or the helper went away: processToClient ends the link
      }
    }

    private void processToClient() {
      byte[] buffer = new byte[BUFFER];
      try (InputStream out = process.getInputStream()) {
        for (int n; (n = out.read(buffer)) >= 0; ) {
          ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
          while (bytes.hasRemaining()) {
            client.write(bytes);
          }
        }
        recordFailure();
      } catch (IOException e) {
        // the client closed its connection
      } finally {
        close();
      }
    }

    /** A helper that ended with an error said why on stderr: kept before the client sees its connection end. */
    private void recordFailure() {
      try {
        if (process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS) && process.exitValue() != 0) {
          errorReader.join(EXIT_GRACE.toMillis());
          String text;
          synchronized (errors) {
            text = errors.toString().replaceAll("\\s+", " ").trim();
          }
          lastFailure = new Failure((text.isEmpty() ? "" : text + " ") + "(" + command.get(0) + " exited with "
              + process.exitValue() + ")", connectedAt);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void readErrors() {
      byte[] buffer = new byte[4096];
      try (InputStream err = process.getErrorStream()) {
        for (int n; (n = err.read(buffer)) >= 0; ) {
          synchronized (errors) {
            errors.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            if (errors.length() > MAX_ERROR_CHARS) {
              errors.delete(0, errors.length() - MAX_ERROR_CHARS);
            }
          }
        }
      } catch (IOException e) {
        // the helper is gone
      }
    }

    void close() {
      links.remove(this);
      closeQuietly(client);
      process.destroy();
    }

    void awaitExit() {
      try {
        if (!process.waitFor(1, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Stops accepting, ends every connection and its process, and removes the socket's directory. */
  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    List<Link> open = List.copyOf(links);
    open.forEach(Link::close);
    open.forEach(Link::awaitExit);
    LocalSocketTransport.deleteRecursively(directory);
  }

  private static void closeQuietly(Channel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // already gone
    }
  }

  private static Thread thread(String prefix, Runnable body) {
    Thread thread = new Thread(body, prefix + THREADS.incrementAndGet());
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
