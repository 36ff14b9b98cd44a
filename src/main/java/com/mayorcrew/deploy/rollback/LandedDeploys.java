package com.mayorcrew.deploy.rollback;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The deploys that landed on one host for one service, oldest first, read as a stack: a deploy that landed goes on
 * top; a rollback deploy takes the deploy it rolled back off the top (and restores the one below). Rolling back
 * the top means deploying the image of the one below it, which passed its health verification on this host, so
 * a rollback never goes to an image that was never healthy there, and rolling back twice goes back twice.
 */
final class LandedDeploys {

  /** One deploy that ended done: its id, the image it put on the host and, for a rollback, the deploy it undid. */
  record Landed(String deployId, String image, String rollbackOf) {}

  /** The deploy to undo and the image that restores the deploy before it. */
  record Rollback(String undo, String toDeployId, String toImage) {}

  private final Deque<Landed> stack = new ArrayDeque<>();

  LandedDeploys(List<Landed> oldestFirst) {
    for (Landed deploy : oldestFirst) {
      if (deploy.rollbackOf() == null || deploy.rollbackOf().isEmpty()) {
        stack.push(deploy);
      } else if (!stack.isEmpty() && stack.peek().deployId().equals(deploy.rollbackOf())) {
        stack.pop();
      }
    }
  }

  /** The deploy whose image runs now, as far as landed deploys tell. */
  Optional<Landed> current() {
    return Optional.ofNullable(stack.peek());
  }

  /** How to roll back {@code deployId}, or why it cannot be: it must be the current deploy, with one before it. */
  Optional<Rollback> rollbackOf(String deployId) {
    if (stack.size() < 2 || !stack.peek().deployId().equals(deployId)) {
      return Optional.empty();
    }
    Landed undone = stack.pop();
    Landed restored = stack.peek();
    stack.push(undone);
    return Optional.of(new Rollback(undone.deployId(), restored.deployId(), restored.image()));
  }

  /** Why {@code deployId} cannot be rolled back, for the person who asked. */
  String whyNot(String deployId) {
    if (stack.isEmpty()) {
      return "no deploy of this service has landed on this host";
    }
    if (!stack.peek().deployId().equals(deployId)) {
      return "is not the current deploy of its service on its host; that is " + stack.peek().deployId()
          + " (image " + stack.peek().image() + "): roll back that one";
    }
    return "has no earlier deploy on its host to go back to";
  }
}
