package com.acme.sales;

import javax.annotation.processing.Generated;

/**
 * Outgoing mail to prospects.
 *
 * <p>Shown as "Outlook".
 *
 * <p>The connector of system {@code Email}: implement it once and give it to the engine.
 */
@Generated("dev.flow.compiler")
public interface Email {
}
