package dev.flow.runtime.crash;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The crash test's connector: every call first appends one line to the call log (one
 * {@code write} of the whole line to a file opened in append mode, so the operating system keeps
 * it when the process is killed), then behaves as the order's number says: {@code reserve} fails
 * its first attempt, {@code label} fails the first attempt of odd orders, {@code audit} refuses
 * every fourth order.
 */
final class LoggingWarehouse implements OrderFlows.Warehouse, AutoCloseable {
  private final FileOutputStream log;

  LoggingWarehouse(Path file) throws IOException {
    this.log = new FileOutputStream(file.toFile(), true);
  }

  @Override
  public String reserve(String order) throws IOException {
    long attempt = called(order, "reserve");
    if (attempt == 1) {
      throw new IOException("the warehouse is busy");
    }
    return "reserved " + order;
  }

  @Override
  public void release(String order) {
    called(order, "release");
  }

  @Override
  public String label(String order) throws IOException {
    long attempt = called(order, "label");
    if (attempt == 1 && OrderFlows.labelFlaky(order)) {
      throw new IOException("the label printer jammed");
    }
    return "label " + order;
  }

  @Override
  public String invoice(String order) {
    called(order, "invoice");
    return "invoice " + order;
  }

  @Override
  public String charge(String order) {
    called(order, "charge");
    return "charged " + order;
  }

  @Override
  public void refund(String order) {
    called(order, "refund");
  }

  @Override
  public String audit(String order) {
    called(order, "audit");
    if (OrderFlows.auditRefused(order)) {
      throw new IllegalStateException("the audit refuses " + order);
    }
    return "audited " + order;
  }

  /** Logs the call; returns its attempt. */
  private long called(String order, String method) {
    return CallLog.append(log, method, order);
  }

  @Override
  public void close() throws IOException {
    log.close();
  }
}
