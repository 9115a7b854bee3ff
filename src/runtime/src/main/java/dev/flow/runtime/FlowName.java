package dev.flow.runtime;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The Flow name of a record component or enum constant whose Java name differs from it: the
 * generator gives a name that is a Java keyword or clashes with {@code Object}'s methods a
 * suffix ({@code class} → {@code class_}, {@code hashCode} → {@code hashCode_}) and marks it
 * with its Flow name, so that what reads values by name (forms, JSON input, interpolation) can
 * use the name the model uses.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface FlowName {
  /** The name in the Flow model. */
  String value();
}
