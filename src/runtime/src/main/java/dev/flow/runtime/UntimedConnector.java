package dev.flow.runtime;

/**
 * A connector whose calls the engine does not bound by the step's (or its system's) time limit:
 * one that hands the call to a person and returns when they answer, as the server's operator
 * desk does for a system step without a real connector ({@code flowc serve}). Register it with an
 * executor ({@link Engine.Builder#executor}) so that a waiting call holds no instance's thread.
 * Retries, compensations and everything else are as for any connector.
 */
public interface UntimedConnector {}
