package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.ActionContext;
import dev.flow.runtime.Engine;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Task;
import dev.flow.runtime.WorkflowInstance;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflows of {@link RealWorldMoreTest} on the file journal, with the engine closed in the
 * middle and a new one opened on the same journal ({@code recover()}): each ends as it does without
 * the restart, and nothing that had completed is done again (no action called twice, no task
 * doubled, no timer restarted, no event taken twice).
 */
class RealWorldMoreRestartTest {
  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  private final AtomicReference<Engine> current = new AtomicReference<>();

  @TempDir
  Path dir;

  private interface Answers {
    Object answer(String action, Object[] args) throws Throwable;
  }

  private Engine engine(Running run, Answers answers) {
    Engine engine = run.journalEngine(dir.resolve("journal"), "connector", (Method method, Object[] args) -> {
      Object[] arguments = args == null ? new Object[0] : args;
      calls.add(method.getName() + Running.render(arguments));
      Object answer = answers.answer(method.getName(), arguments);
      return answer == null && method.getReturnType() == String.class ? method.getName() + " done" : answer;
    });
    current.set(engine);
    return engine;
  }

  private Engine restart(Running run, Engine before, Answers answers) {
    before.close();
    Engine after = engine(run, answers);
    after.recover();
    return after;
  }

  private long count(String prefix) {
    return calls.stream().filter(c -> c.startsWith(prefix)).count();
  }

  private static List<WorkflowInstance> of(Engine engine, String workflow) {
    return engine.instances().stream().filter(i -> i.workflow().endsWith("." + workflow)).toList(); // oldest first
  }

  @Test
  void aCheckoutWaitingForItsPaymentTakesTheCallbackAfterARestart() {
    Running run = RealWorldMoreTest.model("widget-store");
    Answers answers = (action, args) -> action.equals("createOrder") ? "o-7" : null;
    Engine first = engine(run, answers);
    String id = run.start(first, "CheckoutWidget", Map.of("product", "widget", "customer", "ann"));
    run.clock.advance(Duration.ofMinutes(30));
    Engine second = restart(run, first, answers);
    second.publish(run.event("PaymentCallback", Map.of("order", "o-7", "outcome", "Paid")));
    assertEquals(Map.of("dispatched", "dispatchOrder done"), Running.output(second, id));
    assertEquals(List.of("subtractInventory(widget)", "createOrder(widget, ann)", "createPaymentSession(o-7)",
        "markOrderPaid(o-7)", "dispatchOrder(o-7)"), calls);

    // the second checkout times out on its original clock and undoes its reservation once
    String late = run.start(second, "CheckoutWidget", Map.of("product", "gadget", "customer", "bo"));
    run.clock.advance(Duration.ofMinutes(40));
    Engine third = restart(run, second, answers);
    run.clock.advance(Duration.ofMinutes(20));
    assertEquals(InstanceState.FAILED, third.instance(late).state());
    assertEquals(1, count("undoSubtractInventory"));
    third.close();
  }

  @Test
  void aCallbackPublishedFromInsideTheSessionActionIsTakenOnTheJournalAndNothingIsRedoneAfterARestart() {
    Running run = RealWorldMoreTest.model("widget-store");
    Answers answers = (action, args) -> {
      if (action.equals("createPaymentSession")) {
        current.get().publish(run.event("PaymentCallback", Map.of("order", args[0], "outcome", "Paid")));
      }
      return action.equals("createOrder") ? "o-8" : null;
    };
    Engine first = engine(run, answers);
    String id = run.start(first, "CheckoutWidget", Map.of("product", "widget", "customer", "eve"));
    assertEquals(Map.of("dispatched", "dispatchOrder done"), Running.output(first, id));
    Engine second = restart(run, first, answers);
    assertEquals(Map.of("dispatched", "dispatchOrder done"), Running.output(second, id));
    assertEquals(List.of("subtractInventory(widget)", "createOrder(widget, eve)", "createPaymentSession(o-8)",
        "markOrderPaid(o-8)", "dispatchOrder(o-8)"), calls);
    second.close();
  }

  @Test
  void aDownloadInItsRetriesKeepsItsKeyAcrossARestart() {
    Running run = RealWorldMoreTest.model("file-processing");
    AtomicInteger downloads = new AtomicInteger();
    List<String> keys = Collections.synchronizedList(new ArrayList<>());
    Answers answers = (action, args) -> {
      if (action.equals("download")) {
        keys.add(ActionContext.current().idempotencyKey());
        if (downloads.incrementAndGet() < 3) {
          throw new IllegalStateException("connection reset");
        }
        return "/tmp/" + args[0];
      }
      return action.equals("upload") ? "up:" + args[0] : args[0] + ".out";
    };
    Engine first = engine(run, answers);
    String id = run.start(first, "ProcessFile", Map.of("source", "a.csv", "target", "s3://bucket"));
    run.clock.advance(Duration.ofSeconds(2));
    assertEquals(2, downloads.get());
    Engine second = restart(run, first, answers);
    assertEquals(2, downloads.get(), "recovery makes no attempt before its time");
    run.clock.advance(Duration.ofSeconds(4));
    assertEquals(Map.of("uploaded", "up:/tmp/a.csv.out"), Running.output(second, id));
    assertEquals(1, keys.stream().distinct().count(), "one key before and after the restart: " + keys);
    assertEquals(1, count("process"));
    second.close();
  }

  @Test
  void aQuoteRaceDecidedAfterARestartCancelsTheLosingCalleeOnce() {
    Running run = RealWorldMoreTest.model("quote-race");
    Answers answers = (action, args) -> null;
    Engine first = engine(run, answers);
    String id = run.start(first, "QuoteRace", Map.of("request", "r1"));
    Engine second = restart(run, first, answers);
    assertEquals(1, Running.open(second, id).size(), "one phone-quote task, not one per restart");
    second.publish(run.event("QuoteAnswered", Map.of("request", "r1", "carrier", "dhl", "price", "70")));
    assertEquals(Map.of("carrier", "dhl", "price", new BigDecimal("70")), Running.output(second, id));
    assertEquals(List.of("askQuote(r1, dhl)", "askQuote(r1, ups)", "withdrawQuote(r1, ups)"),
        calls.stream().sorted().toList());
    assertEquals(List.of(), Running.open(second, id));

    String late = run.start(second, "QuoteRace", Map.of("request", "r2"));
    run.clock.advance(Duration.ofMinutes(20));
    Engine third = restart(run, second, answers);
    run.clock.advance(Duration.ofMinutes(10));
    assertEquals(InstanceState.FAILED, third.instance(late).state(), "30 minutes after the start, not after the restart");
    assertEquals(2, count("withdrawQuote(r2"));
    third.close();
  }

  @Test
  void anApplicationCollectsItsPapersAcrossARestartAndKeepsItsKey() {
    Running run = RealWorldMoreTest.model("college-application");
    Answers answers = (action, args) -> "finalized " + args[0] + " " + args[2] + " " + args[3];
    Engine first = engine(run, answers);
    first.publish(run.event("ApplicationSubmitted", Map.of("student", "s1", "program", "cs")));
    String id = first.instances().get(0).id();
    first.publish(run.event("RecommendationLetterReceived", Map.of("student", "s1", "author", "Prof. Ada")));
    Engine second = restart(run, first, answers);
    second.publish(run.event("ApplicationSubmitted", Map.of("student", "s1", "program", "math")));
    assertEquals(1, second.instances().size(), "the key still belongs to the running application");
    second.publish(run.event("SatScoresReceived", Map.of("student", "s1", "score", 1450)));
    assertEquals(Map.of("finalized", "finalized s1 1450 Prof. Ada"), Running.output(second, id));

    second.publish(run.event("ApplicationSubmitted", Map.of("student", "s2", "program", "bio")));
    String missing = of(second, "FinalizeApplication").get(1).id();
    run.clock.advance(Duration.ofDays(10));
    Engine third = restart(run, second, answers);
    run.clock.advance(Duration.ofDays(4));
    assertEquals(InstanceState.FAILED, third.instance(missing).state());
    assertEquals(1, count("rejectIncomplete(s2"));
    third.close();
  }

  @Test
  void anOwnerWaitingForTheClinicGetsTheAnswerGivenAfterARestart() {
    Running run = RealWorldMoreTest.model("vet-appointment");
    Answers answers = (action, args) -> "now";
    Engine first = engine(run, answers);
    String id = run.start(first, "RequestAppointment", Map.of("request", "v2", "patient", "tom", "urgent", false));
    run.clock.advance(Duration.ofMinutes(5));
    Engine second = restart(run, first, answers);
    String clinic = of(second, "AnswerAppointment").get(0).id();
    List<Task> booking = Running.open(second, clinic);
    assertEquals(1, booking.size());
    second.inbox().complete(booking.get(0).id(), run.everyone, Map.of("slot", "Tue 10:00", "vet", "Dr. Hale"));
    assertEquals(Map.of("appointment", "Tue 10:00 with Dr. Hale"), Running.output(second, id));
    assertEquals(1, second.instances().stream().filter(i -> i.workflow().endsWith("AnswerAppointment")).count(),
        "the clinic's workflow was started once by the emit");

    String late = run.start(second, "RequestAppointment", Map.of("request", "v3", "patient", "kit", "urgent", false));
    run.clock.advance(Duration.ofMinutes(10));
    Engine third = restart(run, second, answers);
    run.clock.advance(Duration.ofMinutes(5));
    assertEquals(Map.of("appointment", "call the clinic"), Running.output(third, late));
    assertEquals(1, third.notifications().size());
    third.close();
  }

  @Test
  void anAuctionKeepsItsBidsAndItsClosingTimeAcrossARestart() {
    Running run = RealWorldMoreTest.model("car-auction");
    Answers answers = (action, args) -> action + " done";
    Engine first = engine(run, answers);
    first.publish(run.event("AuctionOpened", Map.of("car", "c1", "reserve", 1000, "minutes", 60)));
    String id = first.instances().get(0).id();
    first.publish(run.event("CarBid", Map.of("car", "c1", "bidder", "ann", "amount", 900)));
    run.clock.advance(Duration.ofMinutes(30));
    Engine second = restart(run, first, answers);
    second.publish(run.event("CarBid", Map.of("car", "c1", "bidder", "bob", "amount", 800)));
    second.publish(run.event("CarBid", Map.of("car", "c1", "bidder", "cy", "amount", 1200)));
    run.clock.advance(Duration.ofMinutes(20));
    Engine third = restart(run, second, answers);
    run.clock.advance(Duration.ofMinutes(10));
    assertEquals(Map.of("result", "sold to cy for 1200 after 2 bids"), Running.output(third, id));
    assertEquals(List.of("listCar(c1)", "storeBid(c1, ann, 900)", "rejectBid(c1, bob, 800, 900)",
        "storeBid(c1, cy, 1200)", "sell(c1, cy, 1200)"), calls);
    third.close();
  }

  @Test
  void anImageJobWithARoundInItsRetriesFailsAfterARestartAndDeletesEachVariantOnce() {
    Running run = RealWorldMoreTest.model("image-processing");
    Answers answers = (action, args) -> {
      if (action.equals("register") && args[1].equals("tiff")) {
        throw new IllegalStateException("tiff not allowed");
      }
      return action.equals("resize") ? args[0] + "." + args[1] : action.equals("upload") ? "https://cdn/" + args[0] : null;
    };
    Engine first = engine(run, answers);
    String ok = run.start(first, "PublishImage", Map.of("image", "cat", "variants",
        List.of(Map.of("format", "jpg", "width", 300), Map.of("format", "webp", "width", 400))));
    assertEquals(Map.of("urls", List.of("register done", "register done")), Running.output(first, ok));
    String id = run.start(first, "PublishImage", Map.of("image", "dog", "variants",
        List.of(Map.of("format", "jpg", "width", 300), Map.of("format", "tiff", "width", 400))));
    assertEquals(InstanceState.WAITING, first.instance(id).state());
    Engine second = restart(run, first, answers);
    run.clock.advance(Duration.ofSeconds(1));
    assertEquals(InstanceState.FAILED, second.instance(id).state());
    assertEquals(List.of("deleteVariant(dog.jpg)", "deleteVariant(dog.tiff)"),
        calls.stream().filter(c -> c.startsWith("deleteVariant")).sorted().toList());
    assertEquals(2, count("register(https://cdn/dog.tiff"), "two attempts in all, across the restart");
    assertTrue(second.instances().stream().noneMatch(i -> i.state() == InstanceState.WAITING));
    second.close();
  }

  @Test
  void aReminderChainContinuesAsNewAcrossARestartAndStopsOnTheSignal() {
    Running run = RealWorldMoreTest.model("sleep-for-days");
    Answers answers = (action, args) -> "sent";
    Engine first = engine(run, answers);
    String id = run.start(first, "SleepForDays", Map.of("customer", "ann", "sent", 0));
    for (int round = 0; round < 11; round++) {
      run.clock.advance(Duration.ofDays(30));
    }
    run.clock.advance(Duration.ofDays(15));
    Engine second = restart(run, first, answers);
    assertEquals(12, calls.size(), "recovery sends nothing again");
    run.clock.advance(Duration.ofDays(15));
    assertEquals(13, calls.size());
    String now = second.current(id);
    assertEquals(2, of(second, "SleepForDays").size(), "continued as new after twelve rounds");
    Engine third = restart(run, second, answers);
    assertEquals(now, third.current(id));
    third.publish(run.event("StopReminders", Map.of("customer", "ann")));
    assertEquals(Map.of("total", 13L), Running.output(third, now));
    assertEquals("sendEmail(ann, reminder 13)", calls.get(12));
    third.close();
  }

  @Test
  void aBatchInItsSecondPageContinuesAfterARestartWithoutRedoingTheFirst() {
    Running run = RealWorldMoreTest.model("batch-iterator");
    List<String> all = List.of("r1", "r2", "r3", "r4", "r5");
    AtomicInteger r3 = new AtomicInteger();
    Answers answers = (action, args) -> {
      if (action.equals("page")) {
        int offset = ((Long) args[0]).intValue();
        return all.subList(Math.min(offset, all.size()), Math.min(offset + ((Long) args[1]).intValue(), all.size()));
      }
      if (action.equals("processRecord") && args[0].equals("r3") && r3.incrementAndGet() < 3) {
        throw new IllegalStateException("r3 locked");
      }
      return "ok";
    };
    Engine first = engine(run, answers);
    String id = run.start(first, "IteratorBatch", Map.of("offset", 0, "size", 2, "done", 0));
    run.clock.advance(Duration.ofSeconds(1));
    assertEquals(2, r3.get());
    Engine second = restart(run, first, answers);
    run.clock.advance(Duration.ofSeconds(1));
    assertEquals(Map.of("processed", 5L), Running.output(second, second.current(id)));
    for (String record : all) {
      assertEquals(1, count("processRecord(" + record + ")") - (record.equals("r3") ? 2 : 0), record);
    }
    assertEquals(4, count("page("));
    second.close();
  }

  @Test
  void aTweetInReviewAndInEditingContinuesAfterRestarts() {
    Running run = RealWorldMoreTest.model("twitter-review");
    AtomicInteger published = new AtomicInteger();
    Answers answers = (action, args) -> {
      if (published.incrementAndGet() == 1) {
        throw run.raise("test.realworld.tweets.DuplicateTweet", args[0]).getCause();
      }
      return "tweet-" + published.get();
    };
    Engine first = engine(run, answers);
    String id = run.start(first, "TweetReview", Map.of("author", "ann", "text", "Hello"));
    Engine second = restart(run, first, answers);
    second.inbox().approve(Running.open(second, id).get(0).id(), run.as("carl"), "fine");
    assertEquals(List.of("edit"), Running.open(second, id).stream().map(Task::step).toList());
    Engine third = restart(run, second, answers);
    List<Task> editing = Running.open(third, id);
    assertEquals(1, editing.size());
    assertEquals("ann", editing.get(0).assignee());
    third.inbox().complete(editing.get(0).id(), run.as("ann"), Map.of("text", "Hello again"));
    assertEquals(Map.of("status", "published tweet-2"), Running.output(third, id));
    assertEquals(List.of("publish(Hello)", "publish(Hello again)"), calls);
    third.close();
  }

  @Test
  void anIncidentOpenedBeforeARestartIsRetriedAfterIt() {
    Running run = RealWorldMoreTest.model("payment-retrieval");
    AtomicInteger charges = new AtomicInteger();
    Answers answers = (action, args) -> {
      if (charges.incrementAndGet() < 4) {
        throw new IllegalStateException("card service down");
      }
      return "ch-" + args[2];
    };
    Engine first = engine(run, answers);
    String id = run.start(first, "RetrievePayment",
        Map.of("payment", Map.of("id", "p4", "customer", "di", "amount", "1500", "item", "lamp")));
    first.inbox().approve(Running.open(first, id).get(0).id(), run.everyone, "ok");
    run.clock.advance(Duration.ofMinutes(2));
    assertEquals(1, first.incidents().size());
    Engine second = restart(run, first, answers);
    assertEquals(1, second.incidents().size(), "the incident is kept");
    assertEquals(3, charges.get());
    second.retryIncident(second.incidents().get(0).id(), "olga");
    assertEquals(Map.of("outcome", "charged ch-p4"), Running.output(second, id));
    assertEquals(4, charges.get());
    assertEquals(List.of(), second.incidents());
    second.close();
  }
}
