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
 * @param maxInterval the longest wait between two attempts ({@code at most}), or {@code null}
 * @param limit the most time waited between attempts in all ({@code within}), or {@code null}:
 *     no retry is made whose wait would take the total past it
 * @param operator whether a step whose retries are exhausted waits for an operator ({@code then
 *     wait for operator}: an incident the operator retries or fails) instead of failing
 */
public record RetryPolicy(long retries, Duration interval, double backoff, Duration maxInterval, Duration limit,
    boolean operator) {
  /** No retries: the first failure is the step's failure. */
  public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, 1, null, null);

  /** A policy whose exhausted retries fail the step. */
  public RetryPolicy(long retries, Duration interval, double backoff, Duration maxInterval, Duration limit) {
    this(retries, interval, backoff, maxInterval, limit, false);
  }

  public RetryPolicy {
    Objects.requireNonNull(interval, "interval");
    if (retries < 0) {
      throw new IllegalArgumentException("retries must not be negative: " + retries);
    }
    if (interval.isNegative()) {
      throw new IllegalArgumentException("interval must not be negative: " + interval);
    }
    if (maxInterval != null && maxInterval.isNegative() || limit != null && limit.isNegative()) {
      throw new IllegalArgumentException("at most and within must not be negative");
    }
    if (!(backoff >= 1)) {
      throw new IllegalArgumentException("backoff must be at least 1: " + backoff);
    }
  }

  public static RetryPolicy of(long retries, Duration interval, double backoff) {
    return new RetryPolicy(retries, interval, backoff, null, null);
  }

  /** {@code retry N times every D backoff F at most M within L}; {@code maxInterval} and {@code limit} may be {@code null}. */
  public static RetryPolicy of(long retries, Duration interval, double backoff, Duration maxInterval, Duration limit) {
    return new RetryPolicy(retries, interval, backoff, maxInterval, limit);
  }

  /**
   * Whether failed attempt {@code attempt} (1-based) is retried: attempts are left, and the
   * waits up to and including the one after it stay within the {@code limit}.
   */
  public boolean retriesAfter(long attempt) {
    if (attempt >= attempts()) {
      return false;
    }
    if (limit == null) {
      return true;
    }
    Duration waited = Duration.ZERO;
    for (long a = 1; a <= attempt; a++) {
      waited = waited.plus(delayAfter(a));
      if (waited.compareTo(limit) > 0) {
        return false;
      }
    }
    return true;
  }

  /** This policy, ending with {@code then wait for operator}: exhausted retries open an incident. */
  public RetryPolicy thenWaitForOperator() {
    return new RetryPolicy(retries, interval, backoff, maxInterval, limit, true);
  }

  /** The number of attempts in all. */
  public long attempts() {
    return retries + 1;
  }

  /** The wait after failed attempt {@code attempt} (1-based) before the next one. */
  public Duration delayAfter(long attempt) {
    double factor = Math.pow(backoff, Math.max(0, attempt - 1));
    double millis = interval.toMillis() * factor;
    Duration delay = millis >= Long.MAX_VALUE / 2.0
        ? Duration.ofMillis(Long.MAX_VALUE / 2) : Duration.ofMillis(Math.round(millis));
    return maxInterval != null && delay.compareTo(maxInterval) > 0 ? maxInterval : delay;
  }
}
