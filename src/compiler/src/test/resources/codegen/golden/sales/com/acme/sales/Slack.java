package com.acme.sales;

import javax.annotation.processing.Generated;

/**
 * The team chat; reminders go to the deal owner's handle.
 *
 * <p>The connector of system {@code Slack}: implement it once and give it to the engine.
 */
@Generated("dev.flow.compiler")
public interface Slack {
}
