package dev.flow.runtime.store;

import dev.flow.runtime.history.Recorded;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A store that hands every call to another: tests subclass it to watch or hold back a few. */
public abstract class ForwardingStore implements Store {
  protected final Store delegate;

  protected ForwardingStore(Store delegate) {
    this.delegate = delegate;
  }

  @Override
  public void append(Commit commit) {
    delegate.append(commit);
  }

  @Override
  public boolean outlivesProcess() {
    return delegate.outlivesProcess();
  }

  @Override
  public CompletableFuture<Void> appendAsync(Commit commit) {
    return delegate.appendAsync(commit);
  }

  @Override
  public List<Recorded> read(String instanceId) {
    return delegate.read(instanceId);
  }

  @Override
  public List<Recorded> readAfter(String instanceId, long sequence) {
    return delegate.readAfter(instanceId, sequence);
  }

  @Override
  public List<Recorded> readUpTo(String instanceId, long sequence) {
    return delegate.readUpTo(instanceId, sequence);
  }

  @Override
  public long lastCheckpoint(String instanceId) {
    return delegate.lastCheckpoint(instanceId);
  }

  @Override
  public Optional<InstanceRow> instance(String instanceId) {
    return delegate.instance(instanceId);
  }

  @Override
  public List<InstanceRow> openInstances() {
    return delegate.openInstances();
  }

  @Override
  public List<InstanceRow> instances(InstanceQuery query) {
    return delegate.instances(query);
  }

  @Override
  public Optional<Instant> nextDue() {
    return delegate.nextDue();
  }

  @Override
  public List<TimerRow> dueTimers(Instant until, int limit) {
    return delegate.dueTimers(until, limit);
  }

  @Override
  public List<TaskRow> tasksForRole(String role) {
    return delegate.tasksForRole(role);
  }

  @Override
  public List<TaskRow> tasksForAssignee(String principal) {
    return delegate.tasksForAssignee(principal);
  }

  @Override
  public List<TaskRow> tasksOf(String instanceId) {
    return delegate.tasksOf(instanceId);
  }

  @Override
  public List<TaskRow> openTasks() {
    return delegate.openTasks();
  }

  @Override
  public List<IncidentRow> openIncidents() {
    return delegate.openIncidents();
  }

  @Override
  public List<SubscriptionRow> subscriptions(String eventType, List<List<String>> keys) {
    return delegate.subscriptions(eventType, keys);
  }

  @Override
  public long publish(String eventType, List<List<String>> keys, Instant at, Object event) {
    return delegate.publish(eventType, keys, at, event);
  }

  @Override
  public long publish(String eventType, List<List<String>> keys, Instant at, Object event, String origin) {
    return delegate.publish(eventType, keys, at, event, origin);
  }

  @Override
  public List<String> unpublishedEmitters() {
    return delegate.unpublishedEmitters();
  }

  @Override
  public void retain(Retention retention) {
    delegate.retain(retention);
  }

  @Override
  public List<EventRow> events(String eventType, List<String> correlation, long after, int limit) {
    return delegate.events(eventType, correlation, after, limit);
  }

  @Override
  public long lastEventSequence() {
    return delegate.lastEventSequence();
  }

  @Override
  public int pruneEvents(Instant before) {
    return delegate.pruneEvents(before);
  }

  @Override
  public long nextNumber(String prefix) {
    return delegate.nextNumber(prefix);
  }

  @Override
  public Optional<String> fact(String key) {
    return delegate.fact(key);
  }

  @Override
  public void holdingKeys(List<String> keys, Runnable body) {
    delegate.holdingKeys(keys, body);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
