package com.acme.onboarding;

import dev.flow.runtime.FlowOptional;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * A file the client attached to the intake form.
 *
 * @param url Link to the upload; missing when the client promised to send the file later.
 */
@Generated("dev.flow.compiler")
public record Document(String name, @FlowOptional String url, long pages) {
  public Document {
    Objects.requireNonNull(name, "name");
  }
}
