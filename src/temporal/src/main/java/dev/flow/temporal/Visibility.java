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
import java.util.Optional;
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
        WorkflowExecutionMetadata description = TemporalFlowRuntime.read(() -> client.newUntypedWorkflowStub(id).describe());
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

  /**
   * The ids of the Flow instances of a workflow (or all, {@code null}) in a state (or any,
   * {@code null}; RUNNING means not ended), newest first, from visibility alone: no instance is
   * asked anything.
   *
   * @param executions every Flow instance's latest execution, newest first (the scan where no list query is answered)
   * @param legacy reads an instance begun on a release without search attributes (only those are read)
   */
  List<String> select(String workflow, dev.flow.runtime.InstanceState state,
      Supplier<List<WorkflowExecutionInfo>> executions,
      java.util.function.Function<String, dev.flow.runtime.WorkflowInstance> legacy) {
    if (attributes) {
      Optional<List<String>> listed = listed(selection(workflow, state), type -> true);
      if (listed.isPresent()) {
        return listed.get();
      }
    }
    List<String> ids = new ArrayList<>();
    for (WorkflowExecutionInfo info : executions.get()) {
      String id = info.getExecution().getWorkflowId();
      String type = info.getType().getName();
      if (type.equals(FlowWorkflowImpl.LEGACY_TYPE)) {
        // Begun on a release with one Temporal type and no search attributes: only the instance can tell.
        if (workflow != null || state != null) {
          dev.flow.runtime.WorkflowInstance instance = legacy.apply(id);
          if ((workflow != null && !workflow.equals(instance.workflow())) || !matches(state, instance.state())) {
            continue;
          }
        }
        ids.add(id);
        continue;
      }
      if (workflow != null && !type.equals(workflow)) {
        continue;
      }
      // An open execution may hold an ended instance (one of a called chain that continued as new waits for the
      // chain's end), so a running one is told by its FlowState too.
      if (state == null || matches(state, stateOf(info))) {
        ids.add(id);
      }
    }
    return ids;
  }

  /**
   * The workflow ids a list query finds, newest first, leaving out runs that continued as new and
   * executions of types {@code flow} does not accept; empty where the service answers no list
   * query (the test server), which is remembered, so that the callers scan from then on.
   */
  private Optional<List<String>> listed(String query, java.util.function.Predicate<String> flow) {
    if (scan) {
      return Optional.empty();
    }
    try {
      List<io.temporal.client.WorkflowExecutionMetadata> found = new ArrayList<>();
      client.listExecutions(query).forEach(found::add);
      found.sort(java.util.Comparator.comparing(io.temporal.client.WorkflowExecutionMetadata::getStartTime).reversed());
      java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
      for (io.temporal.client.WorkflowExecutionMetadata execution : found) {
        if (flow.test(execution.getWorkflowType()) && execution.getStatus()
            != io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW) {
          ids.add(execution.getExecution().getWorkflowId());
        }
      }
      return Optional.of(List.copyOf(ids));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        throw e;
      }
      scan = true;
      return Optional.empty();
    }
  }

  /**
   * The ids of the Flow instances, open or closed, whose {@code FlowMarks} hold {@code mark}, or
   * that keep no marks (begun on a release without them, or not shown yet: only they can tell),
   * newest first, from visibility alone: no instance is asked anything. On a cluster one list
   * query; where none is answered, every execution is described (the service answers, not a
   * worker) and its marks matched here.
   *
   * @param executions every Flow instance's latest execution, newest first
   * @param flow whether a workflow type is a Flow instance's (a list query also finds other workflows' executions)
   */
  List<String> marked(String mark, Supplier<List<WorkflowExecutionInfo>> executions,
      java.util.function.Predicate<String> flow) {
    if (!attributes) {
      return executions.get().stream().map(i -> i.getExecution().getWorkflowId()).toList();
    }
    Optional<List<String>> listed = listed(marking(mark), flow);
    if (listed.isPresent()) {
      return listed.get();
    }
    List<String> ids = new ArrayList<>();
    for (WorkflowExecutionInfo info : executions.get()) {
      List<String> marks = markedWith(info);
      if (marks == null || marks.contains(mark)) {
        ids.add(info.getExecution().getWorkflowId());
      }
    }
    return ids;
  }

  /** An execution's {@code FlowMarks}, or {@code null} when it keeps none (or cannot be described). */
  private List<String> markedWith(WorkflowExecutionInfo info) {
    try {
      SearchAttributes shown = TemporalFlowRuntime.read(() -> client.newUntypedWorkflowStub(info.getExecution().getWorkflowId(),
          java.util.Optional.of(info.getExecution().getRunId()), java.util.Optional.empty()).describe())
          .getTypedSearchAttributes();
      return shown.containsKey(FlowSearchAttributes.MARKS) ? shown.get(FlowSearchAttributes.MARKS) : null;
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  /** The list query of {@link #marked}: the mark, or no marks at all. */
  static String marking(String mark) {
    String name = FlowSearchAttributes.MARKS.getName();
    return "(" + name + " = " + quoted(mark) + " OR " + name + " IS NULL)";
  }

  private static boolean matches(dev.flow.runtime.InstanceState wanted, dev.flow.runtime.InstanceState state) {
    return wanted == null || (state != null && (wanted == dev.flow.runtime.InstanceState.RUNNING ? !state.isTerminal()
        : wanted == state));
  }

  /** A Flow instance's state as visibility shows it: its execution's status, else its {@code FlowState}; or {@code null}. */
  private dev.flow.runtime.InstanceState stateOf(WorkflowExecutionInfo info) {
    switch (info.getStatus()) {
      case WORKFLOW_EXECUTION_STATUS_COMPLETED:
        return dev.flow.runtime.InstanceState.COMPLETED;
      case WORKFLOW_EXECUTION_STATUS_CANCELED:
        return dev.flow.runtime.InstanceState.CANCELLED;
      case WORKFLOW_EXECUTION_STATUS_TERMINATED:
      case WORKFLOW_EXECUTION_STATUS_TIMED_OUT:
        return dev.flow.runtime.InstanceState.FAILED;
      default:
        break;
    }
    String state = described(info, FlowSearchAttributes.STATE);
    if (state == null) {
      // Not shown yet (just started), or begun on a release without search attributes.
      return info.getStatus() == io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
          ? dev.flow.runtime.InstanceState.RUNNING : null;
    }
    return dev.flow.runtime.InstanceState.valueOf(state);
  }

  private String described(WorkflowExecutionInfo info, SearchAttributeKey<String> key) {
    try {
      SearchAttributes shown = TemporalFlowRuntime.read(() -> client.newUntypedWorkflowStub(info.getExecution().getWorkflowId(),
          java.util.Optional.of(info.getExecution().getRunId()), java.util.Optional.empty()).describe())
          .getTypedSearchAttributes();
      return shown.containsKey(key) ? shown.get(key) : null;
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  /** The list query of {@link #select}. */
  static String selection(String workflow, dev.flow.runtime.InstanceState state) {
    List<String> terms = new ArrayList<>();
    terms.add(FlowSearchAttributes.WORKFLOW.getName() + (workflow == null ? " IS NOT NULL" : " = " + quoted(workflow)));
    if (state == dev.flow.runtime.InstanceState.RUNNING) {
      // Open, and not an instance of a called chain that continued as new (it waits, ended, for the chain's end).
      String shown = FlowSearchAttributes.STATE.getName();
      terms.add("ExecutionStatus = 'Running' AND (" + shown + " IS NULL OR " + shown + " != 'COMPLETED')");
    } else if (state != null) {
      terms.add(FlowSearchAttributes.STATE.getName() + " = " + quoted(state.name()));
    }
    return String.join(" AND ", terms);
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
