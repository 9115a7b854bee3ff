package com.acme.sales;

import javax.annotation.processing.Generated;

/**
 * E-signature for contracts.
 *
 * <p>The connector of system {@code DocuSign}: implement it once and give it to the engine.
 */
@Generated("dev.flow.compiler")
public interface DocuSign {
  /**
   * Sends a document for signature and returns the envelope id.
   */
  String sendEnvelope(String document, String signerEmail, String subject) throws Exception;

  /**
   * Withdraws an envelope so that it can no longer be signed.
   */
  void voidEnvelope(String envelope, String reason) throws Exception;
}
