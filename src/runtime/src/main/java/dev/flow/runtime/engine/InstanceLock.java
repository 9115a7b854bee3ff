package dev.flow.runtime.engine;

import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * The lock that lets one thread at a time advance an instance: reentrant, not fair, as a {@link
 * java.util.concurrent.locks.ReentrantLock}, but the base of {@link Instance} rather than two
 * objects of its own (a lock and its synchronizer) per instance.
 */
@SuppressWarnings("serial") // never serialized
abstract class InstanceLock extends AbstractQueuedSynchronizer {
  /** Takes the lock, waiting for it if another thread holds it; again if this thread holds it. */
  final void lock() {
    if (!tryAcquire(1)) {
      acquire(1);
    }
  }

  /** Takes the lock if no other thread holds it. */
  final boolean tryLock() {
    return tryAcquire(1);
  }

  /** Lets go of the lock (once for each time it was taken). */
  final void unlock() {
    release(1);
  }

  /** Whether this thread holds the lock. */
  final boolean isHeldByCurrentThread() {
    return isHeldExclusively();
  }

  @Override
  protected final boolean tryAcquire(int acquires) {
    Thread current = Thread.currentThread();
    int held = getState();
    if (held == 0) {
      if (compareAndSetState(0, acquires)) {
        setExclusiveOwnerThread(current);
        return true;
      }
    } else if (getExclusiveOwnerThread() == current) {
      int more = held + acquires;
      if (more < 0) {
        throw new Error("the instance lock was taken too often");
      }
      setState(more);
      return true;
    }
    return false;
  }

  @Override
  protected final boolean tryRelease(int releases) {
    if (getExclusiveOwnerThread() != Thread.currentThread()) {
      throw new IllegalMonitorStateException();
    }
    int left = getState() - releases;
    boolean free = left == 0;
    if (free) {
      setExclusiveOwnerThread(null);
    }
    setState(left);
    return free;
  }

  @Override
  protected final boolean isHeldExclusively() {
    return getExclusiveOwnerThread() == Thread.currentThread();
  }
}
