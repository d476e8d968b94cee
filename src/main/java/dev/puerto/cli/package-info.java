/**
 * The command line: picocli commands, options with their environment variables and config file,
 * help, exit codes, and everything printed (progress, tally, {@code puerto sql}'s output). {@link
 * dev.puerto.cli.Main} is the one place that builds the parts and wires them together.
 *
 * <p>Must not know how a run goes: the pipelines live in {@code run}, {@code ingest} and {@code
 * source}; a command parses, calls one of them and prints what it returns.
 */
package dev.puerto.cli;
