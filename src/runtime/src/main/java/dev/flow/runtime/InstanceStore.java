package dev.flow.runtime;

import java.util.List;
import java.util.Optional;

/**
 * Where the engine keeps instances: their input, state and history. An instance's waits are
 * derived from its history by replay, so a store needs nothing else to resume an instance after a
 * restart ({@link Engine#recover()}). This version has an in-memory store; durable ones (a file
 * journal, JDBC) implement the same interface.
 */
public interface InstanceStore {
  /** Saves (inserts or replaces) an instance's record. */
  void save(InstanceRecord instance);

  Optional<InstanceRecord> load(String id);

  /** Every instance, in the order they were first saved. */
  List<InstanceRecord> all();
}
