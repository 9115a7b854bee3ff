package dev.flow.runtime.crash;

import dev.flow.runtime.Engine;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The second crash test's connector: every call first appends one line to the call log (as {@link LoggingWarehouse}
 * does), then behaves as the batch and item say: {@code prepare} publishes {@code Ready} on the engine (from the
 * connector's thread, while the instance is running), {@code pick} fails the first attempt of item
 * {@code b}, {@code stamp} fails the first attempt of some items (an incident).
 */
final class LoggingFactory implements FanoutFlows.Factory, AutoCloseable {
  private final FileOutputStream log;
  private volatile Engine engine;

  LoggingFactory(Path file) throws IOException {
    this.log = new FileOutputStream(file.toFile(), true);
  }

  /** The engine {@code prepare} publishes on (set once it is built). */
  void engine(Engine value) {
    this.engine = value;
  }

  @Override
  public String prepare(String batch, String item) {
    called(batch, item, "prepare");
    engine.publish(new FanoutFlows.Ready(batch));
    return "prepared " + batch;
  }

  @Override
  public String announce(String batch, String item) {
    called(batch, item, "announce");
    return "announced " + batch;
  }

  @Override
  public String pick(String batch, String item) throws IOException {
    long attempt = called(batch, item, "pick");
    if (attempt == 1 && FanoutFlows.pickFlaky(batch, item)) {
      throw new IOException("the picker slipped");
    }
    return "picked " + batch + item;
  }

  @Override
  public void unpick(String batch, String item) {
    called(batch, item, "unpick");
  }

  @Override
  public String make(String batch, String item) {
    called(batch, item, "make");
    return "made " + batch + item;
  }

  @Override
  public void unmake(String batch, String item) {
    called(batch, item, "unmake");
  }

  @Override
  public String stamp(String batch, String item) throws IOException {
    long attempt = called(batch, item, "stamp");
    if (attempt == 1 && FanoutFlows.stampJams(batch, item)) {
      throw new IOException("the stamp jammed");
    }
    return "stamped " + batch + item;
  }

  /** Logs the call; returns its attempt. */
  private long called(String batch, String item, String method) {
    return CallLog.append(log, method, batch + "/" + item);
  }

  @Override
  public void close() throws IOException {
    log.close();
  }
}
