package dev.flow.runtime.api;

import java.util.List;

/** What a published event did. */
public interface Delivery {
  /** The instances it started ({@code starts on}). */
  List<String> started();

  /** The waiting instances it was delivered to ({@code receive}). */
  List<String> woken();
}
