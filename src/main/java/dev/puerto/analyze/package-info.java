/**
 * {@code puerto analyze}: judges why each failing source fails DMARC, against DNS as it is now, and
 * stores the findings and hosts; {@link dev.puerto.analyze.Analyzer} is the entry, {@code
 * Classifier} lists the verdict rules in order and {@code Actions} writes their sentences (the
 * {@code analyze.*} keys of the language asked for). It knows the tables and DNS, not the command
 * line, the summary or {@code puerto check}.
 */
package dev.puerto.analyze;
