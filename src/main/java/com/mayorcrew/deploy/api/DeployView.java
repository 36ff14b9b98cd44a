package com.mayorcrew.deploy.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one deploy stands, as its caller may see it.
 *
 * @param state {@code running} while the deploy's process runs, else {@code ended}
 * @param result the recorded result ({@code success}, {@code failed}, {@code rolled_back}), or null before one is
 * @param currentSteps the names of the steps running or waiting now (empty once the deploy ended)
 * @param openTasks the open tasks the caller may see, with the fields their forms let a person write
 * @param links where to read more or act: {@code self}, {@code history}, {@code historyJson}, {@code statusReport},
 *     {@code rollback}
 */
@Schema(name = "Deploy")
record DeployView(
    String deployId,
    String state,
    String result,
    String title,
    String service,
    String canaryHost,
    String environment,
    String image,
    String requester,
    Instant startTime,
    Instant endTime,
    List<String> currentSteps,
    List<OpenTask> openTasks,
    Map<String, String> links) {

  /**
   * An open task of the deploy: complete it with {@code POST /api/deploys/{deployId}/tasks/{key}} and a JSON object
   * of its editable fields.
   */
  @Schema(name = "OpenTask")
  record OpenTask(String key, String name, String assignee, Instant due, String form, List<FormField> fields) {}

  /**
   * One keyed field of a task's form and its value now. Read-only fields are context and may be left out.
   *
   * @param allowed the values a choice field accepts; empty otherwise
   */
  @Schema(name = "FormField")
  record FormField(String key, String type, boolean readonly, boolean required, int maxLength, Set<String> allowed,
      Object value) {}

  /** One deploy in a list. */
  @Schema(name = "DeploySummary")
  record Summary(String deployId, String state, String result, String title, String service, String canaryHost,
      String requester, Instant startTime, Instant endTime) {}
}
