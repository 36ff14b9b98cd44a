package com.mayorcrew.deploy.history;

import java.time.Instant;

/**
 * One line of a deploy's chronological timeline (and of its CSV export).
 *
 * @param type e.g. {@code activity-started}, {@code task-completed}, {@code decision}, {@code escalation}
 * @param user who did it, when a person did
 */
record TimelineEvent(Instant time, String type, String activityId, String name, String user, String detail) {}
