package com.acme.sales;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The CRM: every deal and every conversation lives here.
 *
 * <p>Shown as "HubSpot CRM".
 *
 * <p>The connector of system {@code HubSpot}: implement it once and give it to the engine.
 */
@Generated("dev.flow.compiler")
public interface HubSpot {
  /**
   * Opens a deal in the pipeline and returns its id.
   */
  String createDeal(String company, String contact, String email, BigDecimal value) throws
      Exception;

  /**
   * Moves a deal to another stage of the pipeline.
   */
  void moveDeal(String deal, DealStage stage) throws Exception;

  /**
   * Adds a note to the deal's timeline.
   */
  void logActivity(String deal, String note) throws Exception;

  /**
   * Open deals nobody has been in touch about for longer than the given time.
   */
  List<StaleDeal> staleDeals(Duration olderThan) throws Exception;
}
