/**
 * Small helpers every feature uses: walking an exception's causes, naming threads.
 *
 * <p>Knows nothing of Puerto's features and depends on nothing else in Puerto.
 */
package dev.puerto.tools;
