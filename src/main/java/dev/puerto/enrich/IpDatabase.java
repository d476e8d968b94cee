package dev.puerto.enrich;

import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.Reader;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Local MMDB files that place an address without asking anyone: MaxMind GeoLite2 (ASN, Country or
 * City), IPinfo Lite, or the CC0 ip-location-db files. Each file's record layout is recognised by
 * its keys; with several files (GeoLite2 ships ASN and Country apart) the first that knows a fact
 * gives it. Read with MaxMind's {@code maxmind-db} reader, memory-mapped. Thread-safe.
 */
public final class IpDatabase implements Closeable {
  private final List<Reader> readers;
  private final String description;

  private IpDatabase(List<Reader> readers, String description) {
    this.readers = readers;
    this.description = description;
  }

  /** No file: nothing is placed offline. */
  public static IpDatabase none() {
    return new IpDatabase(List.of(), "none");
  }

  /** True when no file was given. */
  public boolean isEmpty() {
    return readers.isEmpty();
  }

  /**
   * Opens the files (none: {@link #none()}), failing with a message that names a file that is
   * missing or not an MMDB database.
   */
  public static IpDatabase open(List<Path> files) throws IOException {
    List<Reader> readers = new ArrayList<>();
    List<String> described = new ArrayList<>();
    try {
      for (Path file : files) {
        if (!Files.isRegularFile(file)) {
          throw new IOException("--ip-database " + file + ": no such file");
        }
        Reader reader;
        try {
          reader = new Reader(file.toFile());
        } catch (IOException | RuntimeException e) {
          throw new IOException(
              "--ip-database " + file + " is not an MMDB database (" + e.getMessage() + ")", e);
        }
        readers.add(reader);
        described.add(
            file.getFileName()
                + " ("
                + reader.getMetadata().databaseType()
                + ", built "
                + reader.getMetadata().buildTime().toString().substring(0, 10)
                + ")");
      }
    } catch (IOException e) {
      for (Reader r : readers) {
        r.close();
      }
      throw e;
    }
    return new IpDatabase(List.copyOf(readers), String.join(", ", described));
  }

  /** The files and their types and build dates, for logs. */
  public String description() {
    return description;
  }

  /** What the files know of an address, if any. */
  Optional<Routing> lookup(InetAddress ip) {
    Routing found = null;
    for (Reader reader : readers) {
      Optional<Routing> here = lookup(reader, ip);
      if (here.isPresent()) {
        found = found == null ? here.get() : found.or(here.get());
      }
    }
    return Optional.ofNullable(found);
  }

  private static Optional<Routing> lookup(Reader reader, InetAddress ip) {
    DatabaseRecord<Map> record;
    try {
      record = reader.getRecord(ip, Map.class);
    } catch (IOException | RuntimeException e) {
      // A damaged region of one file places nothing; the address is still named by DNS.
      return Optional.empty();
    }
    if (record == null || record.data() == null) {
      return Optional.empty();
    }
    Map<?, ?> data = record.data();
    Long asn = asn(data);
    String asName =
        text(data.get("autonomous_system_organization"))
            .or(() -> text(data.get("as_name")))
            .orElse(null);
    String country =
        text(data.get("country_code"))
            .or(() -> isoCode(data.get("country")))
            .or(() -> isoCode(data.get("registered_country")))
            .orElse(null);
    if (asn == null && Routing.country(country).isEmpty()) {
      return Optional.empty();
    }
    String network = record.network() == null ? null : record.network().toString();
    return Optional.of(new Routing(asn, asName, country, network));
  }

  /**
   * {@code autonomous_system_number: 15169} (MaxMind, ip-location-db) or {@code asn: "AS15169"}.
   */
  private static Long asn(Map<?, ?> data) {
    Object number = data.get("autonomous_system_number");
    if (number instanceof Number n && n.longValue() >= 0 && n.longValue() <= 0xFFFF_FFFFL) {
      return n.longValue();
    }
    Optional<String> tagged = text(data.get("asn"));
    if (tagged.isPresent() && tagged.get().matches("(?i)AS[0-9]{1,10}")) {
      long value = Long.parseLong(tagged.get().substring(2));
      return value <= 0xFFFF_FFFFL ? value : null;
    }
    return null;
  }

  private static Optional<String> isoCode(Object country) {
    return country instanceof Map<?, ?> m ? text(m.get("iso_code")) : Optional.empty();
  }

  private static Optional<String> text(Object value) {
    return value instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
  }

  @Override
  public void close() throws IOException {
    for (Reader reader : readers) {
      reader.close();
    }
  }
}
