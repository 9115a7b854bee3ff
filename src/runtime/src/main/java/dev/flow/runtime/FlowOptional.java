package dev.flow.runtime;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component that the model declares optional ({@code url: Text?}): it may be
 * {@code null}. The generator puts it on every optional field of a record, event or input, so
 * that what builds values from a record type alone (the server's start and event forms, a
 * simulation's inputs) can tell an optional field from a required one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface FlowOptional {}
