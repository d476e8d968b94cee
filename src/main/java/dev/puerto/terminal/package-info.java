/**
 * Terminal-safe output: the one place that decides which characters Puerto never prints raw, used
 * by the command line's stdout and stderr writers and by the log format. A package of its own
 * because logback instantiates the converters by class name (they must be public) and because both
 * the command line and the logging configuration depend on it, not on each other.
 */
package dev.puerto.terminal;
