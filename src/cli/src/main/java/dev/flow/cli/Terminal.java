package dev.flow.cli;

import java.io.PrintStream;

/**
 * Where a command writes: results for machines and requested help on {@code out}, diagnostics
 * and messages for people on {@code err}.
 */
record Terminal(PrintStream out, PrintStream err) {}
