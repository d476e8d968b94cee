package dev.puerto.schema;

/**
 * Where a host's ASN, AS name and country came from; {@code hosts.placed_by} holds it (as its
 * lower-case name, see {@link ColumnValues}).
 */
public enum Placement implements ColumnValue {
  /** Team Cymru's IP-to-ASN service, asked over DNS. */
  CYMRU,
  /** A local MMDB file given with {@code --ip-database}. */
  IP_DATABASE
}
