package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.ActionContext;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Notification;
import dev.flow.runtime.Task;
import dev.flow.runtime.WorkflowInstance;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * More real workflows from other projects' examples (DBOS, Temporal samples-java, Serverless
 * Workflow, Conductor/Orkes, Camunda), written as Flow models under {@code execution/realworld/}
 * (the README and each model's first comment name the source) and driven on the engine through a
 * happy path and at least one unhappy one: sagas failing in the middle, {@code first} of calls, a
 * wait and a person, a {@code parallel} whose branch runs out of time, a parallel {@code for each}
 * of calls three levels deep with a failing round, events arriving early (from inside a connector,
 * from another workflow's {@code emit}), retries with one idempotency key, continue-as-new loops,
 * incidents, and cancellation from outside. {@link RealWorldMoreRestartTest} runs each again on the
 * file journal with an engine restart in the middle.
 */
class RealWorldMoreTest {
  static Running model(String name) {
    return Running.model("execution/realworld/" + name + ".flow");
  }

  private static List<String> open(Running run, String id) {
    return run.runtime().inbox().forInstance(id).stream().filter(Task::isOpen).map(Task::step).toList();
  }

  private static List<String> messages(Running run) {
    return run.runtime().notifications().stream().map(Notification::message).toList();
  }

  private static List<WorkflowInstance> of(Running run, String workflow) {
    return run.instances().stream().filter(i -> i.workflow().endsWith("." + workflow)).toList();
  }

  private static String failure(Running run, String id) {
    WorkflowInstance instance = run.instance(id);
    assertEquals(InstanceState.FAILED, instance.state(), () -> id + " " + instance.cancelReason());
    return instance.error().orElseThrow().message();
  }

  // DBOS widget store: checkout

  @Test
  void aPaymentThatCallsBackBeforeTheCheckoutWaitsIsTakenAndTheWidgetDispatched() {
    Running run = model("widget-store");
    run.answers.put("subtractInventory", args -> "res-" + args[0]);
    run.answers.put("createOrder", args -> "o-1");
    run.answers.put("createPaymentSession", args -> {
      // the provider calls back while the session is still being opened: the instance is running
      run.runtime().publish(run.event("PaymentCallback", Map.of("order", args[0], "outcome", "Paid")));
      return "session-" + args[0];
    });
    run.answers.put("dispatchOrder", args -> "parcel for " + args[0]);
    String id = run.start("CheckoutWidget", Map.of("product", "widget", "customer", "ann"));
    assertEquals(Map.of("dispatched", "parcel for o-1"), run.output(id));
    assertEquals(List.of("subtractInventory(widget)", "createOrder(widget, ann)", "createPaymentSession(o-1)",
        "markOrderPaid(o-1)", "dispatchOrder(o-1)"), run.calls);
  }

  @Test
  void aFailedPaymentMarksTheOrderAndUndoesTheReservation() {
    Running run = model("widget-store");
    run.answers.put("subtractInventory", args -> "res-" + args[0]);
    run.answers.put("createOrder", args -> "o-2");
    String id = run.start("CheckoutWidget", Map.of("product", "widget", "customer", "bob"));
    assertEquals(InstanceState.WAITING, run.state(id));
    run.publish(run.event("PaymentCallback", Map.of("order", "o-9", "outcome", "Failed")));
    assertEquals(InstanceState.WAITING, run.state(id), "another order's callback is not this one's");
    run.publish(run.event("PaymentCallback", Map.of("order", "o-2", "outcome", "Failed")));
    assertEquals("checkout of o-2 ended: payment for o-2 failed", failure(run, id));
    assertEquals(List.of("subtractInventory(widget)", "createOrder(widget, bob)", "createPaymentSession(o-2)",
        "errorOrder(o-2, payment for o-2 failed)", "undoSubtractInventory(res-widget)"), run.calls);
  }

  @Test
  void aPaymentThatNeverCallsBackTimesOutAfterAnHour() {
    Running run = model("widget-store");
    run.answers.put("createOrder", args -> "o-3");
    AtomicInteger sessions = new AtomicInteger();
    run.answers.put("createPaymentSession", args -> {
      if (sessions.incrementAndGet() == 1) {
        throw new IllegalStateException("provider busy");
      }
      return "session";
    });
    String id = run.start("CheckoutWidget", Map.of("product", "gadget", "customer", "cy"));
    run.advance(Duration.ofSeconds(1));
    assertEquals(2, sessions.get(), "the session is retried once");
    run.advance(Duration.ofMinutes(59));
    assertEquals(InstanceState.WAITING, run.state(id));
    run.advance(Duration.ofMinutes(1));
    assertEquals(InstanceState.FAILED, run.state(id));
    assertEquals(1, run.calls.stream().filter(c -> c.startsWith("errorOrder(o-3")).count());
    assertEquals("undoSubtractInventory(subtractInventory done)", run.calls.get(run.calls.size() - 1));
    run.publish(run.event("PaymentCallback", Map.of("order", "o-3", "outcome", "Paid")));
    assertTrue(run.calls.stream().noneMatch(c -> c.startsWith("markOrderPaid")), "a late callback changes nothing");
  }

  // Temporal samples-java: file processing

  @Test
  void aFileIsDownloadedProcessedAndUploadedAndEveryAttemptKeepsItsKey() {
    Running run = model("file-processing");
    AtomicInteger downloads = new AtomicInteger();
    List<String> keys = new ArrayList<>();
    run.answers.put("download", args -> {
      keys.add(ActionContext.current().idempotencyKey());
      if (downloads.incrementAndGet() < 3) {
        throw new IllegalStateException("connection reset");
      }
      return "/tmp/" + args[0];
    });
    run.answers.put("process", args -> args[0] + ".out");
    run.answers.put("upload", args -> args[1] + "/" + args[0]);
    String id = run.start("ProcessFile", Map.of("source", "a.csv", "target", "s3://bucket"));
    run.advance(Duration.ofSeconds(2));
    assertEquals(InstanceState.WAITING, run.state(id), "the second retry waits four seconds");
    run.advance(Duration.ofSeconds(4));
    assertEquals(Map.of("uploaded", "s3://bucket//tmp/a.csv.out"), run.output(id));
    assertEquals(3, keys.size());
    assertEquals(1, keys.stream().distinct().count(), "every attempt of the download has one key: " + keys);
    assertTrue(run.calls.stream().noneMatch(c -> c.startsWith("deleteLocal")));
  }

  @Test
  void anUploadThatKeepsFailingDeletesBothLocalCopiesNewestFirst() {
    Running run = model("file-processing");
    run.answers.put("download", args -> "/tmp/b");
    run.answers.put("process", args -> "/tmp/b.out");
    run.answers.put("upload", args -> {
      throw new IllegalStateException("bucket not found");
    });
    String id = run.start("ProcessFile", Map.of("source", "b.csv", "target", "s3://gone"));
    run.advance(Duration.ofSeconds(5));
    assertEquals("test.realworld.files.Host.upload failed: bucket not found", failure(run, id));
    assertEquals(List.of("download(b.csv)", "process(/tmp/b)", "upload(/tmp/b.out, s3://gone)",
        "upload(/tmp/b.out, s3://gone)", "deleteLocal(/tmp/b.out)", "deleteLocal(/tmp/b)"), run.calls);
  }

  // Temporal samples-java: HelloCancellationScope (a quote race)

  @Test
  void theFirstCarrierToAnswerWinsAndTheOtherCalleeIsCancelledAndItsQuoteWithdrawn() {
    Running run = model("quote-race");
    String id = run.start("QuoteRace", Map.of("request", "r1"));
    assertEquals(List.of("askQuote(r1, dhl)", "askQuote(r1, ups)"), run.calls.stream().sorted().toList());
    assertEquals(List.of("phoneQuote"), open(run, id));
    run.publish(run.event("QuoteAnswered", Map.of("request", "r1", "carrier", "ups", "price", "99.5")));
    assertEquals(Map.of("carrier", "ups", "price", new BigDecimal("99.5")), run.output(id));
    List<WorkflowInstance> callees = of(run, "CarrierQuote");
    assertEquals(List.of(InstanceState.COMPLETED, InstanceState.CANCELLED),
        callees.stream().map(WorkflowInstance::state).sorted().toList());
    assertEquals(List.of("withdrawQuote(r1, dhl)"), run.calls.stream().filter(c -> c.startsWith("withdraw")).toList());
    assertEquals(List.of(), open(run, id), "the phone quote is withdrawn");
    run.publish(run.event("QuoteAnswered", Map.of("request", "r1", "carrier", "dhl", "price", "80")));
    assertEquals(Map.of("carrier", "ups", "price", new BigDecimal("99.5")), run.output(id), "a late answer changes nothing");
  }

  @Test
  void aDispatcherWhoPhonesFirstWinsOverBothCallees() {
    Running run = model("quote-race");
    String id = run.start("QuoteRace", Map.of("request", "r2"));
    run.complete(id, "phoneQuote", Map.of("carrier", "dsv", "price", "120"));
    assertEquals(Map.of("carrier", "dsv", "price", new BigDecimal("120")), run.output(id));
    assertEquals(List.of(InstanceState.CANCELLED, InstanceState.CANCELLED),
        of(run, "CarrierQuote").stream().map(WorkflowInstance::state).toList());
    assertEquals(2, run.calls.stream().filter(c -> c.startsWith("withdrawQuote(r2")).count());
  }

  @Test
  void noAnswerInThirtyMinutesFailsTheRaceAndACancelFromOutsideCancelsEveryCallee() {
    Running run = model("quote-race");
    String late = run.start("QuoteRace", Map.of("request", "r3"));
    run.advance(Duration.ofMinutes(30));
    assertEquals("no carrier quoted r3 within 30 minutes", failure(run, late));
    String dropped = run.start("QuoteRace", Map.of("request", "r4"));
    run.runtime().cancel(dropped, "shipment dropped");
    run.settle();
    assertEquals(InstanceState.CANCELLED, run.state(dropped));
    assertEquals(List.of(InstanceState.CANCELLED), of(run, "CarrierQuote").stream().map(WorkflowInstance::state)
        .distinct().toList(), "every callee of both races is cancelled");
    assertEquals(4, run.calls.stream().filter(c -> c.startsWith("withdrawQuote")).count());
    assertEquals(List.of(), open(run, dropped));
    run.publish(run.event("QuoteAnswered", Map.of("request", "r4", "carrier", "dhl", "price", "80")));
    assertEquals(InstanceState.CANCELLED, run.state(dropped));
  }

  // Serverless Workflow: finalize college application

  @Test
  void anApplicationIsFinalizedOnceBothPapersArriveInAnyOrder() {
    Running run = model("college-application");
    run.answers.put("finalizeApplication", args -> "finalized " + args[0] + " " + args[2] + " " + args[3]);
    run.publish(run.event("SatScoresReceived", Map.of("student", "s1", "score", 1300)));
    run.publish(run.event("ApplicationSubmitted", Map.of("student", "s1", "program", "cs")));
    String id = run.instances().get(0).id();
    run.publish(run.event("RecommendationLetterReceived", Map.of("student", "s1", "author", "Prof. Ada")));
    assertEquals(InstanceState.WAITING, run.state(id), "scores sent before the application started are not its");
    run.publish(run.event("ApplicationSubmitted", Map.of("student", "s1", "program", "math")));
    assertEquals(1, run.instances().size(), "the student's application is running: no second one");
    run.publish(run.event("SatScoresReceived", Map.of("student", "s1", "score", 1450)));
    assertEquals(Map.of("finalized", "finalized s1 1450 Prof. Ada"), run.output(id));
    assertEquals(List.of("finalizeApplication(s1, cs, 1450, Prof. Ada)"), run.calls);
  }

  @Test
  void aMissingLetterAfterFourteenDaysFailsTheParallelAndClosesTheApplication() {
    Running run = model("college-application");
    run.publish(run.event("ApplicationSubmitted", Map.of("student", "s2", "program", "bio")));
    String id = run.instances().get(0).id();
    run.advance(Duration.ofDays(3));
    run.publish(run.event("SatScoresReceived", Map.of("student", "s2", "score", 1200)));
    run.advance(Duration.ofDays(11));
    assertTrue(failure(run, id).startsWith("application of s2 incomplete: "), failure(run, id));
    assertEquals(1, run.calls.size(), run.calls::toString);
    assertTrue(run.calls.get(0).startsWith("rejectIncomplete(s2, "), run.calls::toString);
    run.publish(run.event("ApplicationSubmitted", Map.of("student", "s2", "program", "bio")));
    assertEquals(2, run.instances().size(), "the key is free again once the application has ended");
  }

  // Serverless Workflow: vet appointment

  @Test
  void anUrgentRequestIsAnsweredByTheClinicsWorkflowBeforeTheOwnerWaits() {
    Running run = model("vet-appointment");
    run.answers.put("firstFreeSlot", args -> "today 14:00 for " + args[0]);
    String id = run.start("RequestAppointment", Map.of("request", "v1", "patient", "rex", "urgent", true));
    assertEquals(Map.of("appointment", "today 14:00 for rex with on duty"), run.output(id));
    assertEquals(List.of(InstanceState.COMPLETED), of(run, "AnswerAppointment").stream().map(WorkflowInstance::state).toList());
  }

  @Test
  void aReceptionistAnswersInTimeOrTheOwnerIsToldToCall() {
    Running run = model("vet-appointment");
    String booked = run.start("RequestAppointment", Map.of("request", "v2", "patient", "tom", "urgent", false));
    String clinic = of(run, "AnswerAppointment").get(0).id();
    run.advance(Duration.ofMinutes(10));
    run.complete(clinic, "book", Map.of("slot", "Tue 10:00", "vet", "Dr. Hale"));
    assertEquals(Map.of("appointment", "Tue 10:00 with Dr. Hale"), run.output(booked));

    String late = run.start("RequestAppointment", Map.of("request", "v3", "patient", "kit", "urgent", false));
    run.advance(Duration.ofMinutes(15));
    assertEquals(Map.of("appointment", "call the clinic"), run.output(late));
    assertEquals(List.of("No answer from the clinic yet: please call us."), messages(run));
    String slow = of(run, "AnswerAppointment").get(1).id();
    run.complete(slow, "book", Map.of("slot", "Wed 9:00", "vet", "Dr. Hale"));
    assertEquals(InstanceState.COMPLETED, run.state(slow), "an answer nobody waits for any more is no failure");
  }

  // Serverless Workflow: handle car auction bids

  @Test
  void bidsAreTakenInOrderEvenWhileABidIsBeingStoredAndTheCarGoesToTheHighest() {
    Running run = model("car-auction");
    AtomicInteger stored = new AtomicInteger();
    run.answers.put("storeBid", args -> {
      if (stored.incrementAndGet() == 1) {
        // a bid that comes in while the first one is being stored
        run.runtime().publish(run.event("CarBid", Map.of("car", "c1", "bidder", "dan", "amount", 1100)));
      }
      return "stored";
    });
    run.publish(run.event("AuctionOpened", Map.of("car", "c1", "reserve", 1000, "minutes", 60)));
    String id = run.instances().get(0).id();
    run.publish(run.event("CarBid", Map.of("car", "c1", "bidder", "ann", "amount", 900)));
    run.publish(run.event("CarBid", Map.of("car", "c1", "bidder", "bob", "amount", 1000)));
    run.publish(run.event("CarBid", Map.of("car", "c2", "bidder", "bob", "amount", 5000)));
    run.publish(run.event("AuctionOpened", Map.of("car", "c1", "reserve", 1, "minutes", 1)));
    assertEquals(1, run.instances().size(), "one auction per car");
    run.advance(Duration.ofMinutes(59));
    run.publish(run.event("CarBid", Map.of("car", "c1", "bidder", "cy", "amount", 1200)));
    run.advance(Duration.ofMinutes(1));
    run.publish(run.event("CarBid", Map.of("car", "c1", "bidder", "eve", "amount", 9000)));
    assertEquals(Map.of("result", "sold to cy for 1200 after 3 bids"), run.output(id));
    assertEquals(List.of("listCar(c1)", "storeBid(c1, ann, 900)", "storeBid(c1, dan, 1100)",
        "rejectBid(c1, bob, 1000, 1100)", "storeBid(c1, cy, 1200)", "sell(c1, cy, 1200)"), run.calls);
  }

  @Test
  void aCarBelowItsReserveIsNotSoldAndAWithdrawnCarIsUnlisted() {
    Running run = model("car-auction");
    run.publish(run.event("AuctionOpened", Map.of("car", "c3", "reserve", 5000, "minutes", 10)));
    run.publish(run.event("CarBid", Map.of("car", "c3", "bidder", "ann", "amount", 4000)));
    run.advance(Duration.ofMinutes(10));
    assertEquals(Map.of("result", "not sold: highest bid 4000 below the reserve"), run.output(run.instances().get(0).id()));
    run.publish(run.event("AuctionOpened", Map.of("car", "c4", "reserve", 10, "minutes", 10)));
    String withdrawn = run.instances().get(1).id();
    run.publish(run.event("CarBid", Map.of("car", "c4", "bidder", "bob", "amount", 40)));
    run.runtime().cancel(withdrawn, "the seller withdrew the car");
    run.settle();
    assertEquals(InstanceState.CANCELLED, run.state(withdrawn));
    run.advance(Duration.ofMinutes(10));
    assertEquals(List.of("listCar(c3)", "storeBid(c3, ann, 4000)", "listCar(c4)", "storeBid(c4, bob, 40)", "unlistCar(c4)"),
        run.calls);
  }

  // Conductor / Orkes: image processing (dynamic fork of sub-workflows)

  private static List<Map<String, Object>> variants(String... formats) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String format : formats) {
      out.add(Map.of("format", format, "width", 100 * format.length()));
    }
    return out;
  }

  @Test
  void everyFormatIsResizedAndPublishedThreeLevelsDeepInItemOrder() {
    Running run = model("image-processing");
    run.answers.put("resize", args -> args[0] + "." + args[1]);
    run.answers.put("upload", args -> "https://cdn/" + args[0]);
    run.answers.put("register", args -> args[0] + "?" + args[1]);
    String id = run.start("PublishImage", Map.of("image", "cat", "variants", variants("jpg", "webp", "avif")));
    assertEquals(Map.of("urls", List.of("https://cdn/cat.jpg?jpg", "https://cdn/cat.webp?webp", "https://cdn/cat.avif?avif")),
        run.output(id));
    assertEquals(3, of(run, "PublishVariant").size());
    assertEquals(3, of(run, "UploadVariant").size());
    assertTrue(run.calls.stream().noneMatch(c -> c.startsWith("delete") || c.startsWith("unpublish")));
  }

  @Test
  void aFormatWhoseRegistrationFailsFailsTheJobDeletesEveryVariantAndCancelsTheRunningCallees() {
    Running run = model("image-processing");
    run.answers.put("resize", args -> args[0] + "." + args[1]);
    run.answers.put("upload", args -> "https://cdn/" + args[0]);
    AtomicInteger tiff = new AtomicInteger();
    run.answers.put("register", args -> {
      if (args[1].equals("tiff")) {
        tiff.incrementAndGet();
        throw new IllegalStateException("tiff not allowed");
      }
      if (args[1].equals("png")) {
        throw new IllegalStateException("registry busy"); // retried, after the tiff fails for good
      }
      return args[0] + "?" + args[1];
    });
    String id = run.start("PublishImage", Map.of("image", "dog", "variants", variants("jpg", "tiff", "png")));
    assertEquals(InstanceState.WAITING, run.state(id));
    run.advance(Duration.ofSeconds(1));
    assertEquals(2, tiff.get());
    assertEquals(InstanceState.FAILED, run.state(id));
    List<String> deletes = run.calls.stream().filter(c -> c.startsWith("deleteVariant")).toList();
    assertEquals(3, deletes.size(), "every resized variant is deleted: " + run.calls);
    // The jpg's upload completed in its callee, which completed: a completed callee's compensations are
    // not run when its caller later fails (a `call` has no `compensate with`; see the patterns3 note).
    assertEquals(List.of(), run.calls.stream().filter(c -> c.startsWith("unpublish")).toList());
    assertEquals(List.of(InstanceState.FAILED), of(run, "PublishVariant").stream()
        .filter(i -> ((String) Running.fields(i.input()).get("format")).equals("tiff")).map(WorkflowInstance::state).toList());
    for (WorkflowInstance i : of(run, "PublishVariant")) {
      assertTrue(i.state() == InstanceState.COMPLETED || i.state() == InstanceState.FAILED
          || i.state() == InstanceState.CANCELLED, i::toString);
    }
    assertTrue(run.instances().stream().noneMatch(i -> i.state() == InstanceState.WAITING), "nothing is left waiting");
  }

  @Test
  void anImageJobCancelledFromOutsideCancelsEveryLevelAndDeletesItsVariants() {
    Running run = model("image-processing");
    run.answers.put("resize", args -> args[0] + "." + args[1]);
    run.answers.put("upload", args -> "https://cdn/" + args[0]);
    run.answers.put("register", args -> {
      throw new IllegalStateException("registry busy");
    });
    String id = run.start("PublishImage", Map.of("image", "owl", "variants", variants("jpg", "png")));
    assertEquals(5, run.instances().size());
    run.runtime().cancel(id, "campaign withdrawn");
    run.settle();
    assertEquals(InstanceState.CANCELLED, run.state(id));
    assertEquals(List.of(InstanceState.CANCELLED), of(run, "PublishVariant").stream().map(WorkflowInstance::state)
        .distinct().toList(), "the callees in their retries are cancelled");
    assertEquals(List.of("deleteVariant(owl.jpg)", "deleteVariant(owl.png)"),
        run.calls.stream().filter(c -> c.startsWith("deleteVariant")).sorted().toList());
    run.advance(Duration.ofSeconds(5));
    assertEquals(2, run.calls.stream().filter(c -> c.startsWith("register")).count(), "no retry after the cancel");
  }

  // Temporal samples-java: sleep for days (continue-as-new)

  @Test
  void aReminderGoesOutEveryThirtyDaysContinuesAsNewAfterTwelveAndStopsOnTheSignal() {
    Running run = model("sleep-for-days");
    String id = run.start("SleepForDays", Map.of("customer", "ann", "sent", 0));
    for (int day = 0; day < 13; day++) {
      run.advance(Duration.ofDays(30));
    }
    assertEquals(14, run.calls.size(), run.calls::toString);
    assertEquals("sendEmail(ann, reminder 14)", run.calls.get(13));
    List<WorkflowInstance> chain = of(run, "SleepForDays");
    assertEquals(2, chain.size());
    assertEquals(InstanceState.COMPLETED, chain.get(0).state());
    String current = run.runtime().current(id);
    assertEquals(chain.get(1).id(), current);
    run.publish(run.event("StopReminders", Map.of("customer", "ann")));
    assertEquals(Map.of("total", 14L), run.output(current));
    run.advance(Duration.ofDays(90));
    assertEquals(14, run.calls.size());
  }

  @Test
  void aRemindersChainCancelledFromOutsideSendsNothingMore() {
    Running run = model("sleep-for-days");
    String id = run.start("SleepForDays", Map.of("customer", "bo", "sent", 100));
    run.advance(Duration.ofDays(30 * 12));
    String current = run.runtime().current(id);
    run.runtime().cancel(current, "customer unsubscribed");
    run.settle();
    assertEquals(InstanceState.CANCELLED, run.state(current));
    int sent = run.calls.size();
    assertEquals(13, sent);
    assertEquals("sendEmail(bo, reminder 113)", run.calls.get(12));
    run.advance(Duration.ofDays(90));
    assertEquals(sent, run.calls.size());
  }

  // Temporal samples-java: iterator batch (children per record, continue-as-new per page)

  @Test
  void aBatchProcessesEveryPageByChildrenAndContinuesAsNewUntilAnEmptyPage() {
    Running run = model("batch-iterator");
    List<String> all = List.of("r1", "r2", "r3", "r4", "r5");
    run.answers.put("page", args -> {
      int offset = ((Long) args[0]).intValue();
      int size = ((Long) args[1]).intValue();
      return all.subList(Math.min(offset, all.size()), Math.min(offset + size, all.size()));
    });
    AtomicInteger r4 = new AtomicInteger();
    run.answers.put("processRecord", args -> {
      if (args[0].equals("r4") && r4.incrementAndGet() < 3) {
        throw new IllegalStateException("r4 locked");
      }
      if (args[0].equals("r2")) {
        throw new IllegalStateException("r2 is corrupt");
      }
      return "ok";
    });
    String id = run.start("IteratorBatch", Map.of("offset", 0, "size", 2, "done", 0));
    for (int second = 0; second < 6; second++) {
      run.advance(Duration.ofSeconds(1));
    }
    String last = run.runtime().current(id);
    assertEquals(Map.of("processed", 4L), run.output(last));
    assertEquals(4, of(run, "IteratorBatch").size(), "pages 0, 2, 4 and the empty page 6");
    assertEquals(5, of(run, "ProcessRecord").size());
    assertEquals(List.of("reportFailure(r2, test.realworld.batch.Records.processRecord failed: r2 is corrupt)"),
        run.calls.stream().filter(c -> c.startsWith("report")).toList());
    assertEquals(1, run.calls.stream().filter(c -> c.equals("processRecord(r5)")).count());
  }

  @Test
  void aBatchCancelledFromOutsideCancelsItsChildren() {
    Running run = model("batch-iterator");
    run.answers.put("page", args -> List.of("a", "b"));
    run.answers.put("processRecord", args -> {
      throw new IllegalStateException("down");
    });
    String id = run.start("IteratorBatch", Map.of("offset", 0, "size", 2, "done", 0));
    assertEquals(2, of(run, "ProcessRecord").size());
    run.runtime().cancel(id, "stopped by the operator");
    run.settle();
    assertEquals(InstanceState.CANCELLED, run.state(id));
    assertEquals(List.of(InstanceState.CANCELLED), of(run, "ProcessRecord").stream().map(WorkflowInstance::state).distinct()
        .toList());
    run.advance(Duration.ofSeconds(5));
    assertEquals(2, run.calls.stream().filter(c -> c.startsWith("processRecord")).count(), "no retry after the cancel");
  }

  // Camunda: Twitter QA

  @Test
  void anApprovedTweetIsPublishedAndADuplicateGoesBackToItsAuthor() {
    Running run = model("twitter-review");
    AtomicInteger published = new AtomicInteger();
    run.answers.put("publish", args -> {
      if (published.incrementAndGet() == 1) {
        throw run.raise("test.realworld.tweets.DuplicateTweet", args[0]);
      }
      return "tweet-" + published.get();
    });
    String id = run.start("TweetReview", Map.of("author", "ann", "text", "Hello"));
    run.runtime().inbox().approve(run.runtime().inbox().task(id, "review").id(), run.as("carl"), "fine");
    run.settle();
    assertEquals(List.of("edit"), open(run, id));
    assertEquals("ann", run.runtime().inbox().task(id, "edit").assignee());
    run.completeAs(id, "edit", "ann", Map.of("text", "Hello again"));
    assertEquals(Map.of("status", "published tweet-2"), run.output(id));
    assertEquals(List.of("publish(Hello)", "publish(Hello again)"), run.calls);
  }

  @Test
  void aTweetNotReviewedInADayIsEscalatedAndARejectedOneIsSentBack() {
    Running run = model("twitter-review");
    String id = run.start("TweetReview", Map.of("author", "bo", "text", "Buy now"));
    run.advance(Duration.ofDays(1));
    assertTrue(messages(run).stream().anyMatch(m -> m.contains("review")), messages(run)::toString);
    run.runtime().inbox().reject(run.runtime().inbox().task(id, "review").id(), run.as("boss"), "off-brand");
    run.settle();
    assertEquals(Map.of("status", "rejected"), run.output(id));
    assertTrue(messages(run).contains("Your tweet was rejected: off-brand"), messages(run)::toString);
    assertEquals(List.of(), run.calls);
  }

  // Camunda 7 get-started: payment retrieval

  @Test
  void aSmallPaymentIsChargedAtOnceAndALargeOneAfterApproval() {
    Running run = model("payment-retrieval");
    run.answers.put("charge", args -> "ch-" + args[2]);
    String small = run.start("RetrievePayment",
        Map.of("payment", Map.of("id", "p1", "customer", "ann", "amount", "40", "item", "book")));
    assertEquals(Map.of("outcome", "charged ch-p1"), run.output(small));
    String large = run.start("RetrievePayment",
        Map.of("payment", Map.of("id", "p2", "customer", "bo", "amount", "1200", "item", "bike")));
    run.approve(large, "approve", true);
    assertEquals(Map.of("outcome", "charged ch-p2"), run.output(large));
    String refused = run.start("RetrievePayment",
        Map.of("payment", Map.of("id", "p3", "customer", "cy", "amount", "5000", "item", "car")));
    run.approve(refused, "approve", false);
    assertEquals(Map.of("outcome", "payment not approved"), run.output(refused));
    assertEquals(List.of("charge(ann, 40, p1)", "charge(bo, 1200, p2)"), run.calls);
  }

  @Test
  void aCardThatKeepsFailingOpensAnIncidentWhichAnOperatorRetriesOrFails() {
    Running run = model("payment-retrieval");
    AtomicInteger charges = new AtomicInteger();
    List<String> keys = new ArrayList<>();
    run.answers.put("charge", args -> {
      keys.add(ActionContext.current().idempotencyKey());
      if (charges.incrementAndGet() < 5) {
        throw new IllegalStateException("card service down");
      }
      return "ch-" + args[2];
    });
    String id = run.start("RetrievePayment",
        Map.of("payment", Map.of("id", "p4", "customer", "di", "amount", "70", "item", "lamp")));
    run.advance(Duration.ofMinutes(2));
    assertEquals(InstanceState.WAITING, run.state(id));
    assertEquals(3, charges.get());
    assertEquals(1, run.runtime().incidents().size());
    run.runtime().retryIncident(run.runtime().incidents().get(0).id(), "olga");
    run.settle();
    run.advance(Duration.ofMinutes(1));
    assertEquals(Map.of("outcome", "charged ch-p4"), run.output(id));
    assertEquals(5, charges.get());
    assertEquals(1, keys.stream().distinct().count(), "one key for every attempt of the one charge: " + keys);

    charges.set(-100);
    String failed = run.start("RetrievePayment",
        Map.of("payment", Map.of("id", "p5", "customer", "ed", "amount", "80", "item", "desk")));
    run.advance(Duration.ofMinutes(2));
    run.runtime().failIncident(run.runtime().incidents().get(0).id(), "olga", "card blocked");
    run.settle();
    assertEquals(Map.of("outcome", "charge failed: test.realworld.payments.CardProcessor.charge failed: card service down"
        + " (failed by olga: card blocked)"), run.output(failed));
  }
}
