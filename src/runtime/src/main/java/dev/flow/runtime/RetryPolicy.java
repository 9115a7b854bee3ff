package dev.flow.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code retry N times every D backoff F}: after a failed call, try again up to {@code retries}
 * more times, waiting {@code interval} before the first retry and {@code backoff} times longer
 * before each next one.
 *
 * @param retries how many times to try again after the first failure (so {@code retries + 1} attempts)
 * @param interval the wait before the first retry
 * @param backoff the factor by which each wait grows (1 for a constant interval)
 */
public record RetryPolicy(long retries, Duration interval, double backoff) {
  /** No retries: the first failure is the step's failure. */
  public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, 1);

  public RetryPolicy {
    Objects.requireNonNull(interval, "interval");
    if (retries < 0) {
      throw new IllegalArgumentException("retries must not be negative: " + retries);
    }
    if (interval.isNegative()) {
      throw new IllegalArgumentException("interval must not be negative: " + interval);
    }
    if (!(backoff >= 1)) {
      throw new IllegalArgumentException("backoff must be at least 1: " + backoff);
    }
  }

  public static RetryPolicy of(long retries, Duration interval, double backoff) {
    return new RetryPolicy(retries, interval, backoff);
  }

  /** The number of attempts in all. */
  public long attempts() {
    return retries + 1;
  }

  /** The wait after failed attempt {@code attempt} (1-based) before the next one. */
  public Duration delayAfter(long attempt) {
    double factor = Math.pow(backoff, Math.max(0, attempt - 1));
    double millis = interval.toMillis() * factor;
    if (millis >= Long.MAX_VALUE / 2.0) {
      return Duration.ofMillis(Long.MAX_VALUE / 2);
    }
    return Duration.ofMillis(Math.round(millis));
  }
}
