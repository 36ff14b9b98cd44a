package com.mayorcrew.deploy.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay between the application and a real container's port that can hold connections: while holding, it
 * accepts and never answers, like a peer that hangs. Tests use it to know that the application is inside a step
 * (its connection is held open) at the moment they kill it. Every answer that passes comes from the container.
 */
final class HoldingRelay implements AutoCloseable {

  private final ServerSocket server;
  private final int targetPort;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final Semaphore held = new Semaphore(0);
  private volatile boolean holding;

  HoldingRelay(int port, int targetPort) throws IOException {
    this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    this.targetPort = targetPort;
    Thread acceptor = new Thread(this::accept, "holding-relay-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** From now on connections are held; open ones are closed, so the next request needs a new connection. */
  void hold() {
    holding = true;
    held.drainPermits();
    closeOpenConnections();
  }

  void relay() {
    holding = false;
    closeOpenConnections();
  }

  /** Waits for a connection to be held: someone is waiting for an answer right now. */
  boolean awaitHeldConnection(Duration wait) throws InterruptedException {
    return held.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        if (holding) {
          held.release();
        } else {
          relay(client);
        }
      } catch (IOException closed) {
        // the relay is closed
      }
    }
  }

  private void relay(Socket client) {
    try {
      Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
      open.add(target);
      pipe(client, target);
      pipe(target, client);
    } catch (IOException notListening) {
      closeQuietly(client); // the container's port is not open yet: the client sees the connection refused
    }
  }

  private void pipe(Socket from, Socket to) {
    Thread thread = new Thread(() -> {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException closed) {
        // one side went away
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
      }
    }, "holding-relay-pipe");
    thread.setDaemon(true);
    thread.start();
  }

  private void closeOpenConnections() {
    open.forEach(HoldingRelay::closeQuietly);
    open.clear();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    closeOpenConnections();
  }
}
