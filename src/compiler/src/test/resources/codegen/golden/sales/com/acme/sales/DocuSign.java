package com.acme.sales;

import dev.flow.runtime.Action;
import dev.flow.runtime.ValueType;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * E-signature for contracts.
 *
 * <p>The connector of system {@code DocuSign}: implement it once and give it to the engine.
 */
@Generated("dev.flow.compiler")
public interface DocuSign {
  /**
   * Action {@code sendEnvelope} as data: its parameters, the type of its result and how the engine calls it.
   */
  Action<DocuSign, String> SEND_ENVELOPE = Action.of(DocuSign.class, "com.acme.sales.DocuSign", "sendEnvelope",
      List.of("document", "signerEmail", "subject"), ValueType.of(String.class),
      (docuSign, args) -> docuSign.sendEnvelope((String) args[0], (String) args[1], (String) args[2]));

  /**
   * Action {@code voidEnvelope} as data: its parameters, the type of its result and how the engine calls it.
   */
  Action<DocuSign, Void> VOID_ENVELOPE = Action.of(DocuSign.class, "com.acme.sales.DocuSign", "voidEnvelope",
      List.of("envelope", "reason"), ValueType.NONE,
      (docuSign, args) -> {
        docuSign.voidEnvelope((String) args[0], (String) args[1]);
        return null;
      });

  /**
   * Sends a document for signature and returns the envelope id.
   */
  String sendEnvelope(String document, String signerEmail, String subject) throws Exception;

  /**
   * Withdraws an envelope so that it can no longer be signed.
   */
  void voidEnvelope(String envelope, String reason) throws Exception;
}
