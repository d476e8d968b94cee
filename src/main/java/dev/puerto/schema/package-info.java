/**
 * The database's contract: the jOOQ classes generated from {@code db/migration} (tables, records,
 * routines) and the hand-written enums for coded columns ({@link dev.puerto.schema.InputStatus},
 * {@link dev.puerto.schema.Verdict}) that the generated classes use as forced types.
 *
 * <p>Every package that reads or writes a table imports it from here, so the imports show who
 * depends on which table. Holds no logic and knows no other Puerto package.
 */
package dev.puerto.schema;
