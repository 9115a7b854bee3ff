package com.acme.onboarding;

import javax.annotation.processing.Generated;

/**
 * The shared client-services mailbox. Used only to deliver notifications.
 *
 * <p>Shown as "Gmail".
 *
 * <p>The connector of system {@code Email}: implement it once and give it to the engine.
 */
@Generated("dev.flow.compiler")
public interface Email {
}
