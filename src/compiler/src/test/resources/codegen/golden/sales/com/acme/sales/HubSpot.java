package com.acme.sales;

import dev.flow.runtime.Action;
import dev.flow.runtime.ValueType;
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
   * Action {@code createDeal} as data: its parameters, the type of its result and how the engine calls it.
   */
  Action<HubSpot, String> CREATE_DEAL = Action.of(HubSpot.class, "com.acme.sales.HubSpot", "createDeal",
      List.of("company", "contact", "email", "value"), ValueType.of(String.class),
      (hubSpot, args) -> hubSpot.createDeal((String) args[0], (String) args[1], (String) args[2], (BigDecimal) args[3]));

  /**
   * Action {@code moveDeal} as data: its parameters, the type of its result and how the engine calls it.
   */
  Action<HubSpot, Void> MOVE_DEAL = Action.of(HubSpot.class, "com.acme.sales.HubSpot", "moveDeal",
      List.of("deal", "stage"), ValueType.NONE,
      (hubSpot, args) -> {
        hubSpot.moveDeal((String) args[0], (DealStage) args[1]);
        return null;
      });

  /**
   * Action {@code logActivity} as data: its parameters, the type of its result and how the engine calls it.
   */
  Action<HubSpot, Void> LOG_ACTIVITY = Action.of(HubSpot.class, "com.acme.sales.HubSpot", "logActivity",
      List.of("deal", "note"), ValueType.NONE,
      (hubSpot, args) -> {
        hubSpot.logActivity((String) args[0], (String) args[1]);
        return null;
      });

  /**
   * Action {@code staleDeals} as data: its parameters, the type of its result and how the engine calls it.
   */
  Action<HubSpot, List<StaleDeal>> STALE_DEALS = Action.of(HubSpot.class, "com.acme.sales.HubSpot", "staleDeals",
      List.of("olderThan"), ValueType.listOf(ValueType.of(StaleDeal.class)),
      (hubSpot, args) -> hubSpot.staleDeals((Duration) args[0]));

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
