package dev.flow.temporal;

import dev.flow.runtime.Trigger;
import dev.flow.runtime.WorkflowDefinition;
import dev.flow.runtime.history.Payload;
import dev.flow.runtime.store.JsonCodec;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.ChildWorkflowStub;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** Starts a Flow workflow on its {@code starts every} schedules (see {@link FlowSchedule}). */
public final class FlowScheduleImpl implements FlowSchedule {
  /** How many firings one run of a schedule makes before it continues as new. */
  static final int FIRINGS_PER_RUN = 100;

  private final Catalog catalog;
  private final JsonCodec codec = new JsonCodec();
  private boolean ownTypes;

  public FlowScheduleImpl(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void run(String workflow, String zoneId) {
    ZoneId zone = ZoneId.of(zoneId);
    WorkflowDefinition<?, ?> definition = catalog.latest(workflow);
    // A schedule begun on a release before the workflow types per Flow workflow starts its instances as those did.
    ownTypes = Workflow.getVersion(FlowWorkflowImpl.WORKFLOW_TYPES_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1;
    for (int firing = 0; firing < FIRINGS_PER_RUN; firing++) {
      Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
      Instant next = next(definition, now, zone);
      if (next == null) {
        return;
      }
      Workflow.sleep(Duration.between(now, next));
      for (Trigger<?> trigger : definition.triggers()) {
        if (trigger instanceof Trigger.Every<?> every && fires(every, next, zone)) {
          start(definition, every.input().get(), zone);
        }
      }
    }
    Workflow.continueAsNew(workflow, zoneId);
  }

  private void start(WorkflowDefinition<?, ?> definition, Object input, ZoneId zone) {
    String id = definition.simpleName() + "-" + Workflow.randomUUID().toString().substring(0, 13);
    ChildWorkflowStub child = Workflow.newUntypedChildWorkflowStub(
        ownTypes ? definition.name() : FlowWorkflowImpl.LEGACY_TYPE, ChildWorkflowOptions.newBuilder()
        .setWorkflowId(id)
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
        .build());
    child.executeAsync(Messages.Ended.class, new Messages.Start(definition.name(), definition.version(),
        codec.toJson(Payload.of(input)), null, null, zone.getId()));
    child.getExecution().get();
  }

  /** The next firing after {@code after} of any of the workflow's schedules, or {@code null}. */
  static Instant next(WorkflowDefinition<?, ?> definition, Instant after, ZoneId zone) {
    Instant next = null;
    for (Trigger<?> trigger : definition.triggers()) {
      if (trigger instanceof Trigger.Every<?> every) {
        Optional<Instant> at = every.schedule().next(after.atZone(zone), zone).map(t -> t.toInstant());
        if (at.isPresent() && (next == null || at.get().isBefore(next))) {
          next = at.get();
        }
      }
    }
    return next;
  }

  private static boolean fires(Trigger.Every<?> every, Instant due, ZoneId zone) {
    return every.schedule().next(due.minusSeconds(1).atZone(zone), zone).map(t -> t.toInstant().equals(due)).orElse(false);
  }
}
