package dev.flow.runtime.engine;

import dev.flow.runtime.replay.Interpreter;
import dev.flow.runtime.replay.Parking;
import dev.flow.runtime.replay.Signals;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A run of an instance kept in memory on a thread of its own, so that a resume goes on from the
 * wait where it parked instead of replaying the history from the top (what keeps a loop with a
 * task per round linear, and a resume of a long history as cheap as of a short one).
 *
 * <p>The run and the engine thread that drives it take turns: {@link #proceed} hands the turn to
 * the run and blocks until the run parks at its next wait, ends, or throws; {@link #park} hands it
 * back. Exactly one of the two runs at any moment, so the instance still advances on one thread
 * at a time, and the run acts for the engine thread: it uses that thread's queue of later work and
 * the instance's lock that thread holds ({@link Core#actingFor()}).
 */
final class Continuation implements Parking {
  private static final int ENGINE = 0;
  private static final int RUN = 1;

  private final Core core;
  private final Instance instance;
  private final Interpreter interpreter;
  private final Supplier<Object> body;

  /** Whose turn it is. Written last by the side that gives the turn away, so what it wrote before is seen. */
  private volatile int turn = ENGINE;
  private volatile boolean abandoned;
  private volatile Thread engineThread;
  private volatile Thread runThread;
  private boolean started;
  /** The run's outcome once it ended: what it returned, or what it threw. */
  private boolean ended;
  private Object output;
  private Throwable thrown;
  /** The worker whose queue the run uses during its turn. */
  private Core.Worker worker;

  Continuation(Core core, Instance instance, Interpreter interpreter, Supplier<Object> body) {
    this.core = core;
    this.instance = instance;
    this.interpreter = interpreter;
    this.body = body;
    interpreter.parkWith(this);
  }

  Interpreter interpreter() {
    return interpreter;
  }

  /** Whether the run is parked at a wait (it did not end): a later {@link #proceed} goes on from there. */
  boolean parked() {
    return started && !ended && !abandoned;
  }

  /**
   * Gives the run its turn and waits until it parks, ends or throws. Called by a thread that holds
   * the instance's lock.
   *
   * @return what the workflow code returned
   * @throws RuntimeException what the run threw: {@link Signals.Suspend} when it parked or unwound at a wait
   */
  Object proceed() {
    engineThread = Thread.currentThread();
    worker = core.worker();
    if (!started) {
      started = true;
      turn = RUN;
      core.runThreads().execute(this::runBody);
    } else {
      turn = RUN;
      LockSupport.unpark(runThread);
    }
    while (turn != ENGINE) {
      LockSupport.park(this);
    }
    if (!ended) {
      throw Signals.Suspend.INSTANCE;
    }
    if (thrown == null) {
      return output;
    }
    if (thrown instanceof RuntimeException e) {
      throw e;
    }
    if (thrown instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException(thrown.toString(), thrown);
  }

  private void runBody() {
    runThread = Thread.currentThread();
    core.adopt(worker, instance);
    try {
      output = body.get();
    } catch (Throwable t) {
      thrown = t;
    } finally {
      ended = true;
      core.adopt(null, null);
      runThread = null;
      handBack();
    }
  }

  /** At a wait: hands the turn back to the engine thread and blocks until the run is to go on. */
  @Override
  public void park() {
    handBack();
    while (turn != RUN && !abandoned) {
      LockSupport.park(this);
    }
    if (abandoned) {
      throw Signals.Abandoned.INSTANCE;
    }
    core.adopt(worker, instance);
  }

  private void handBack() {
    Thread engine = engineThread;
    turn = ENGINE;
    LockSupport.unpark(engine);
  }

  /**
   * Lets go of a parked run: it unwinds on its own thread, doing nothing more (its instance left
   * memory, was cancelled, or is run again from the top). Safe from any thread, also twice.
   */
  void abandon() {
    abandoned = true;
    Thread run = runThread;
    if (run != null) {
      LockSupport.unpark(run);
    }
  }
}
