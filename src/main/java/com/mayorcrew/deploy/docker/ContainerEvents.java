package com.mayorcrew.deploy.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.EventsCmd;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/**
 * Follows a daemon's container events through docker-java's events stream, on a stream thread of docker-java's
 * own, over a connection of the stream's own (no response timeout). Knows nothing of deploys: the listener decides
 * what an event means and when to follow again after the stream ended.
 */
@Component
public class ContainerEvents {

  /**
   * One container event.
   *
   * @param containerId the container's full id
   * @param containerName its name (without Docker's leading slash)
   * @param action Docker's action, e.g. {@code die}, {@code destroy}, {@code oom}, {@code health_status: healthy}
   * @param time when the daemon recorded it, in the daemon's clock
   */
  public record ContainerEvent(String containerId, String containerName, String action, Instant time) {}

  /** Called on docker-java's stream thread; keep it short and never block it on other work. */
  public interface Listener {

    /** The daemon answered: events flow from now on. */
    void connected();

    void event(ContainerEvent event);

    /** The stream ended: closed by the daemon ({@code failure} null), or it failed or could not connect. Once. */
    void ended(Throwable failure);
  }

  private final DockerClients clients;

  public ContainerEvents(DockerClients clients) {
    this.clients = clients;
  }

  /**
   * Starts following the container events with the given actions; {@code since} replays what the daemon still holds
   * from that time on (null: only new events). Closing the result ends the stream without calling {@code ended}.
   */
  public AutoCloseable follow(String hostName, List<String> actions, Instant since, Listener listener) {
    DockerClients.StreamClient stream = clients.openStream(hostName);
    EventsCmd command = stream.client().eventsCmd()
        .withEventTypeFilter(EventType.CONTAINER)
        .withEventFilter(actions.toArray(String[]::new));
    if (since != null) {
      command.withSince(since.getEpochSecond() + "." + String.format("%09d", since.getNano()));
    }
    Following following = new Following(listener, stream);
    command.exec(following);
    return following;
  }

  /** The stream's callback; a close of ours ends it silently, any other end is reported once. */
  private static final class Following implements ResultCallback<Event> {

    private final Listener listener;
    private final DockerClients.StreamClient stream;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Closeable response;

    Following(Listener listener, DockerClients.StreamClient stream) {
      this.listener = listener;
      this.stream = stream;
    }

    @Override
    public void onStart(Closeable response) {
      this.response = response;
      if (!ended.get()) {
        listener.connected();
      }
    }

    @Override
    public void onNext(Event event) {
      if (ended.get() || event.getActor() == null) {
        return;
      }
      Map<String, String> attributes = event.getActor().getAttributes();
      String name = attributes == null ? null : attributes.get("name");
      Long nanos = event.getTimeNano();
      Instant time = nanos != null ? Instant.ofEpochSecond(0, nanos)
          : Instant.ofEpochSecond(event.getTime() == null ? 0 : event.getTime());
      listener.event(new ContainerEvent(event.getActor().getId(), name, event.getAction(), time));
    }

    @Override
    public void onError(Throwable failure) {
      end(failure);
    }

    @Override
    public void onComplete() {
      end(null);
    }

    private void end(Throwable failure) {
      if (ended.compareAndSet(false, true)) {
        release();
        listener.ended(failure);
      }
    }

    @Override
    public void close() {
      if (ended.compareAndSet(false, true)) {
        release();
      }
    }

    private void release() {
      Closeable open = response;
      if (open != null) {
        try {
          open.close();
        } catch (IOException e) {
          // the stream is gone either way
        }
      }
      stream.close();
    }
  }
}
