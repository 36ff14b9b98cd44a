package com.mayorcrew.deploy.history;

import java.time.Instant;
import java.util.List;

/**
 * One escalation: the reason, the failing step and detail recorded when it was raised, and the tasks that handled
 * it (their candidate groups are the tier: {@code mayor} first, then e.g. {@code humans}).
 */
record EscalationEntry(
    Instant time,
    String reason,
    String reasonText,
    String step,
    String detail,
    List<String> tiers,
    String decidedBy,
    String decision) {}
