package dev.flow.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An instance's own lock behaves as the {@code ReentrantLock} it replaces: one thread at a time, taken again by the
 * thread that holds it (and let go of as often), a waiting thread let in once it is free, and only its holder may let
 * go of it.
 */
class InstanceLockTest {
  @SuppressWarnings("serial")
  private static final class Lock extends InstanceLock {}

  private static boolean tryLockElsewhere(InstanceLock lock) {
    return CompletableFuture.supplyAsync(() -> {
      boolean taken = lock.tryLock();
      if (taken) {
        lock.unlock();
      }
      return taken;
    }).join();
  }

  @Test
  void oneThreadAtATimeAndReentrant() {
    Lock lock = new Lock();
    assertFalse(lock.isHeldByCurrentThread());
    lock.lock();
    lock.lock();
    assertTrue(lock.isHeldByCurrentThread());
    assertFalse(tryLockElsewhere(lock));
    lock.unlock();
    assertTrue(lock.isHeldByCurrentThread(), "taken twice: held until let go of twice");
    assertFalse(tryLockElsewhere(lock));
    lock.unlock();
    assertFalse(lock.isHeldByCurrentThread());
    assertTrue(tryLockElsewhere(lock));
    assertTrue(lock.tryLock());
    lock.unlock();
  }

  @Test
  void onlyItsHolderLetsGo() {
    Lock lock = new Lock();
    assertThrows(IllegalMonitorStateException.class, lock::unlock);
    lock.lock();
    CompletableFuture<Throwable> elsewhere = CompletableFuture.supplyAsync(() -> {
      try {
        lock.unlock();
        return null;
      } catch (IllegalMonitorStateException expected) {
        return expected;
      }
    });
    assertTrue(elsewhere.join() instanceof IllegalMonitorStateException);
    lock.unlock();
  }

  @Test
  void aWaitingThreadGetsItOnceFree() throws Exception {
    Lock lock = new Lock();
    lock.lock();
    CountDownLatch asked = new CountDownLatch(1);
    CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
      asked.countDown();
      lock.lock();
      try {
        return lock.isHeldByCurrentThread();
      } finally {
        lock.unlock();
      }
    });
    assertTrue(asked.await(10, TimeUnit.SECONDS));
    Thread.sleep(50);
    assertFalse(waiter.isDone(), "it waits while this thread holds the lock");
    lock.unlock();
    assertTrue(waiter.get(10, TimeUnit.SECONDS));
  }
}
