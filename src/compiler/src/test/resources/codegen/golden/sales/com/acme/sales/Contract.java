package com.acme.sales;

import dev.flow.runtime.ActionStep;
import dev.flow.runtime.Branch;
import dev.flow.runtime.FlowContext;
import dev.flow.runtime.ReceiveStep;
import dev.flow.runtime.Recipient;
import dev.flow.runtime.RetryPolicy;
import dev.flow.runtime.Workflow;
import dev.flow.runtime.WorkflowDefinition;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * Send the contract for e-signature and wait for whichever comes first:
 * a signature, a refusal, or three weeks of silence.
 */
@Generated("dev.flow.compiler")
public final class Contract implements Workflow<Contract.Input, Contract.Output> {
  /**
   * If the deal falls through, the envelope is voided so that it cannot be signed later.
   */
  private static final ActionStep<DocuSign, String> SEND_CONTRACT = ActionStep.of("sendContract", DocuSign.SEND_ENVELOPE)
      .timeout(Duration.ofMinutes(1))
      .compensateWith(DocuSign.VOID_ENVELOPE)
      .doc("If the deal falls through, the envelope is voided so that it cannot be signed later.");

  /**
   * Step {@code markContractSent}.
   */
  private static final ActionStep<HubSpot, Void> MARK_CONTRACT_SENT = ActionStep.of("markContractSent", HubSpot.MOVE_DEAL)
      .retry(RetryPolicy.of(3, Duration.ofSeconds(5), 2))
      .timeout(Duration.ofSeconds(20));

  /**
   * Step {@code contractSigned}.
   */
  private static final ReceiveStep<ContractSigned> CONTRACT_SIGNED = ReceiveStep.of("contractSigned", ContractSigned.class)
      .correlate("deal", ContractSigned::deal);

  /**
   * Step {@code markWon}.
   */
  private static final ActionStep<HubSpot, Void> MARK_WON = ActionStep.of("markWon", HubSpot.MOVE_DEAL)
      .retry(RetryPolicy.of(3, Duration.ofSeconds(5), 2))
      .timeout(Duration.ofSeconds(20));

  /**
   * Step {@code contractDeclined}.
   */
  private static final ReceiveStep<ContractDeclined> CONTRACT_DECLINED = ReceiveStep.of("contractDeclined", ContractDeclined.class)
      .correlate("deal", ContractDeclined::deal);

  /**
   * Step {@code markLost}.
   */
  private static final ActionStep<HubSpot, Void> MARK_LOST = ActionStep.of("markLost", HubSpot.MOVE_DEAL)
      .retry(RetryPolicy.of(3, Duration.ofSeconds(5), 2))
      .timeout(Duration.ofSeconds(20));

  /**
   * Step {@code logReason}.
   */
  private static final ActionStep<HubSpot, Void> LOG_REASON = ActionStep.of("logReason", HubSpot.LOG_ACTIVITY)
      .retry(RetryPolicy.of(3, Duration.ofSeconds(5), 2))
      .timeout(Duration.ofSeconds(20));

  /**
   * What the engine knows about {@code Contract}.
   */
  public static final WorkflowDefinition<Input, Output> DEFINITION = WorkflowDefinition.builder("com.acme.sales.Contract", Input.class, Output.class, Contract::new)
      .owner("com.acme.sales.SalesRep")
      .doc("Send the contract for e-signature and wait for whichever comes first:\n"
          + "a signature, a refusal, or three weeks of silence.")
      .startsAfter("com.acme.sales.Proposal", Proposal.Output.class,
          outputs -> new Input(outputs.deal(), outputs.company(), outputs.email(), outputs.proposalUrl()))
      .deadline(Duration.ofDays(30), "com.acme.sales.SalesDirector")
      .steps(SEND_CONTRACT, MARK_CONTRACT_SENT, CONTRACT_SIGNED, MARK_WON, CONTRACT_DECLINED, MARK_LOST, LOG_REASON)
      .build();

  /**
   * The result of step {@code sendContract}.
   */
  private String sendContract;

  /**
   * The result of step {@code contractSigned}.
   */
  private ContractSigned contractSigned;

  /**
   * The result of step {@code contractDeclined}.
   */
  private ContractDeclined contractDeclined;

  /**
   * Output {@code signedOn}.
   */
  private LocalDate signedOn;

  /**
   * A fresh object for one run: the engine makes one per run.
   */
  public Contract() {
  }

  @Override
  public WorkflowDefinition<Input, Output> definition() {
    return DEFINITION;
  }

  @Override
  public Output run(FlowContext ctx, Input input) {
    // If the deal falls through, the envelope is voided so that it cannot be signed later.
    sendContract = ctx.actionWithUndo(SEND_CONTRACT, new Object[] {input.proposalUrl(), input.email(), "Contract: "
        + input.company() + " and Acme"},
        sendContract -> new Object[] {sendContract, "contract withdrawn"});
    ctx.action(MARK_CONTRACT_SENT, input.deal(), DealStage.ContractSent);
    ctx.first(
        // The client signs.
        Branch.of("signed", () -> {
          contractSigned = ctx.receive(CONTRACT_SIGNED, new Object[] {input.deal()}, contractSigned -> true);
          ctx.action(MARK_WON, input.deal(), DealStage.Won);
          ctx.notify(Recipient.role("com.acme.sales.SalesDirector"), null, input.company()
              + " signed on " + contractSigned.signedOn() + " (" + contractSigned.signedBy() + ")");
          signedOn = contractSigned.signedOn();
        }),
        // The client says no.
        Branch.of("declined", () -> {
          contractDeclined = ctx.receive(CONTRACT_DECLINED, new Object[] {input.deal()}, contractDeclined -> true);
          ctx.action(MARK_LOST, input.deal(), DealStage.Lost);
          ctx.action(LOG_REASON, input.deal(), "Contract declined: " + contractDeclined.reason());
          throw ctx.fail(input.company() + " declined the contract");
        }),
        // Nobody answers for three weeks.
        Branch.of("silence", () -> {
          ctx.await(Duration.ofDays(21));
          ctx.notify(Recipient.role("com.acme.sales.SalesRep"), null, "No answer from "
              + input.company() + " on the contract for three weeks; the envelope is withdrawn");
          throw ctx.cancel("no answer to the contract within three weeks");
        }));
    return outputs();
  }

  /**
   * The outputs as they are now.
   */
  private Output outputs() {
    return new Output(signedOn);
  }

  /**
   * The inputs of {@code Contract}.
   */
  @Generated("dev.flow.compiler")
  public record Input(String deal, String company, String email, String proposalUrl) {
    public Input {
      Objects.requireNonNull(deal, "deal");
      Objects.requireNonNull(company, "company");
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(proposalUrl, "proposalUrl");
    }
  }

  /**
   * The outputs of {@code Contract}.
   */
  @Generated("dev.flow.compiler")
  public record Output(LocalDate signedOn) {
    public Output {
      Objects.requireNonNull(signedOn, "signedOn");
    }
  }
}
