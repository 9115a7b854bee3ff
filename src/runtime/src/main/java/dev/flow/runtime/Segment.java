package dev.flow.runtime;

import java.util.Objects;

/**
 * A piece of a block that holds {@code go to} targets: the block is cut before every target, and
 * {@link FlowContext#block} runs the segments in order, starting again at a segment when a
 * {@code go to} names it.
 *
 * @param label the step the segment starts with, or {@code null} for the block's first segment
 * @param body the statements up to the next target
 */
public record Segment(String label, Body body) {
  public Segment {
    Objects.requireNonNull(body, "body");
  }

  public static Segment start(Body body) {
    return new Segment(null, body);
  }

  public static Segment at(String label, Body body) {
    return new Segment(Objects.requireNonNull(label, "label"), body);
  }
}
