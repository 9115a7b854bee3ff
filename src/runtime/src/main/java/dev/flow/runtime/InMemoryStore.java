package dev.flow.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Keeps instances in memory: the default store; share one between engines to simulate a restart. */
public final class InMemoryStore implements InstanceStore {
  private final Map<String, InstanceRecord> instances = new LinkedHashMap<>();

  @Override
  public synchronized void save(InstanceRecord instance) {
    instances.put(instance.id(), instance);
  }

  @Override
  public synchronized Optional<InstanceRecord> load(String id) {
    return Optional.ofNullable(instances.get(id));
  }

  @Override
  public synchronized List<InstanceRecord> all() {
    return new ArrayList<>(instances.values());
  }
}
