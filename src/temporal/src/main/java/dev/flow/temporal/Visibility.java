package dev.flow.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * Finds the open Flow instances whose keyword-list search attribute holds one of some values,
 * through Temporal's visibility API: a list query ({@code FlowWaitingFor IN ('…') AND
 * ExecutionStatus = 'Running'}) answered by the service's visibility store, so a client never
 * asks the instances that are not concerned. A service that cannot answer list queries
 * (Temporal's in-process test server) is asked once; from then on the open executions are
 * listed and each one's attributes read (a describe, which no worker answers) and matched here.
 */
final class Visibility {
  private final WorkflowClient client;
  private final Supplier<List<WorkflowExecutionInfo>> open;
  private final boolean attributes;
  private volatile boolean scan;
  /** How many instances the last scan described (what the service's query spares on a real cluster). */
  private volatile int described;

  /**
   * @param attributes whether the workers keep the search attributes (without, every open instance is concerned)
   */
  Visibility(WorkflowClient client, Supplier<List<WorkflowExecutionInfo>> open, boolean attributes) {
    this.client = client;
    this.open = open;
    this.attributes = attributes;
  }

  /** The ids of the open instances whose {@code key} holds any of {@code values}. */
  List<String> openWhere(SearchAttributeKey<List<String>> key, Collection<String> values) {
    if (values.isEmpty()) {
      return List.of();
    }
    if (!attributes) {
      return open.get().stream().map(i -> i.getExecution().getWorkflowId()).toList();
    }
    if (!scan) {
      try {
        List<String> ids = new ArrayList<>();
        client.listExecutions(query(key, values)).forEach(m -> ids.add(m.getExecution().getWorkflowId()));
        return ids;
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
          throw e;
        }
        scan = true;
      }
    }
    List<String> ids = new ArrayList<>();
    int count = 0;
    for (WorkflowExecutionInfo info : open.get()) {
      String id = info.getExecution().getWorkflowId();
      count++;
      List<String> held;
      try {
        WorkflowExecutionMetadata description = client.newUntypedWorkflowStub(id).describe();
        SearchAttributes attributes = description.getTypedSearchAttributes();
        held = attributes.containsKey(key) ? attributes.get(key) : List.of();
      } catch (RuntimeException unreadable) {
        // Not described (it has just started, or ended meanwhile): concerned, to be safe.
        ids.add(id);
        continue;
      }
      if (held.stream().anyMatch(values::contains)) {
        ids.add(id);
      }
    }
    described = count;
    return ids;
  }

  /** Whether the service could not answer list queries (so the attributes are matched here). */
  boolean scanning() {
    return scan;
  }

  int described() {
    return described;
  }

  /** The list query: the attribute holds one of the values, and the execution is running. */
  static String query(SearchAttributeKey<List<String>> key, Collection<String> values) {
    StringBuilder query = new StringBuilder(key.getName()).append(" IN (");
    boolean first = true;
    for (String value : values) {
      query.append(first ? "" : ", ").append(quoted(value));
      first = false;
    }
    return query.append(") AND ExecutionStatus = 'Running'").toString();
  }

  /** A string literal of Temporal's list filter: single quotes, with quote and backslash escaped. */
  static String quoted(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
