package com.acme.sales;

import javax.annotation.processing.Generated;

/**
 * The stages of our HubSpot pipeline.
 */
@Generated("dev.flow.compiler")
public enum DealStage {
  Qualified,

  ProposalSent,

  ContractSent,

  Won,

  Lost
}
