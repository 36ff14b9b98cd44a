package com.mayorcrew.deploy.history;

import java.time.Instant;

/**
 * A decision or note recorded in a variable named {@code *Decision}, {@code *Note} or {@code *Notes}
 * ({@code mayorDecision}, {@code mayorNote}, and those later steps add), with who set it and in which task.
 */
record DecisionEntry(Instant time, String variable, String value, String user, String taskName) {}
