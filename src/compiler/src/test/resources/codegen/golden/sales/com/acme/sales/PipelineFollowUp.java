package com.acme.sales;

import dev.flow.runtime.ActionStep;
import dev.flow.runtime.Expressions;
import dev.flow.runtime.FlowContext;
import dev.flow.runtime.FlowOptional;
import dev.flow.runtime.Recipient;
import dev.flow.runtime.RetryPolicy;
import dev.flow.runtime.Schedule;
import dev.flow.runtime.Workflow;
import dev.flow.runtime.WorkflowDefinition;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import javax.annotation.processing.Generated;

/**
 * Every weekday morning, remind deal owners of deals that have gone quiet.
 */
@Generated("dev.flow.compiler")
public final class PipelineFollowUp implements Workflow<PipelineFollowUp.Input, PipelineFollowUp.Output> {
  /**
   * Step {@code findStaleDeals}.
   */
  private static final ActionStep<HubSpot, List<StaleDeal>> FIND_STALE_DEALS = ActionStep.of("findStaleDeals", HubSpot.STALE_DEALS)
      .retry(RetryPolicy.of(3, Duration.ofSeconds(5), 2))
      .timeout(Duration.ofSeconds(20));

  /**
   * Step {@code logReminder}.
   */
  private static final ActionStep<HubSpot, Void> LOG_REMINDER = ActionStep.of("logReminder", HubSpot.LOG_ACTIVITY)
      .retry(RetryPolicy.of(3, Duration.ofSeconds(5), 2))
      .timeout(Duration.ofSeconds(20));

  /**
   * What the engine knows about {@code PipelineFollowUp}.
   */
  public static final WorkflowDefinition<Input, Output> DEFINITION = WorkflowDefinition.builder("com.acme.sales.PipelineFollowUp", Input.class, Output.class, PipelineFollowUp::new)
      .owner("com.acme.sales.SalesDirector")
      .doc("Every weekday morning, remind deal owners of deals that have gone quiet.")
      .startsEvery(Schedule.cron("0 9 * * MON-FRI",
          new int[] {0},
          new int[] {9},
          IntStream.rangeClosed(1, 31).toArray(),
          IntStream.rangeClosed(1, 12).toArray(),
          IntStream.rangeClosed(1, 5).toArray(),
          true, false),
      () -> new Input(null))
      .startsManually()
      .steps(FIND_STALE_DEALS, LOG_REMINDER)
      .loopCheckpoints()
      .build();

  /**
   * The result of step {@code findStaleDeals}.
   */
  private List<StaleDeal> findStaleDeals;

  /**
   * Variable {@code threshold}.
   */
  private Duration threshold;

  /**
   * Deals quiet for more than a month also go to the director.
   */
  private long longQuiet;

  /**
   * A fresh object for one run: the engine makes one per run.
   */
  public PipelineFollowUp() {
  }

  @Override
  public WorkflowDefinition<Input, Output> definition() {
    return DEFINITION;
  }

  @Override
  public Output run(FlowContext ctx, Input input) {
    threshold = Expressions.orElse(input.quietFor(), Duration.ofDays(14));
    findStaleDeals = ctx.action(FIND_STALE_DEALS, threshold);
    // Deals quiet for more than a month also go to the director.
    longQuiet = 0L;
    ctx.forEach("stale", findStaleDeals, stale -> {
      ctx.notify(Recipient.address(stale.owner()), "com.acme.sales.Slack", stale.company()
          + " has not heard from us since " + stale.lastContact() + ". Time for a follow-up?");
      ctx.action(LOG_REMINDER, stale.deal(), "Follow-up reminder sent to " + stale.owner());
      if (Expressions.minus(ctx.today(), stale.lastContact()).compareTo(Duration.ofDays(30)) > 0) {
        longQuiet = Math.addExact(longQuiet, 1L);
      }
    });
    if (longQuiet > 0L) {
      ctx.notify(Recipient.role("com.acme.sales.SalesDirector"), null, longQuiet + " of "
          + Expressions.size(findStaleDeals) + " quiet deals have had no contact for over a month");
    }
    return outputs();
  }

  /**
   * The outputs as they are now.
   */
  private Output outputs() {
    return new Output();
  }

  /**
   * The inputs of {@code PipelineFollowUp}.
   *
   * @param quietFor How long a deal may go without contact; two weeks unless given.
   */
  @Generated("dev.flow.compiler")
  public record Input(@FlowOptional Duration quietFor) {
  }

  /**
   * The outputs of {@code PipelineFollowUp}.
   */
  @Generated("dev.flow.compiler")
  public record Output() {
  }
}
