package dev.puerto.store;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Database URLs: libpq URLs ({@code postgresql://user:pw@host:5432/db?sslmode=require}, as psql
 * takes them) turned into JDBC URLs with the credentials taken out, and secrets kept out of URLs
 * shown to people.
 */
final class JdbcUrls {
  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("(?i)([?&](?:password|sslpassword)=)[^&]*");
  private static final Pattern USER_INFO = Pattern.compile("//([^/@:]+):[^/@]*@");
  private static final String JDBC_PREFIX = "jdbc:postgresql:";
  private static final List<String> LIBPQ_SCHEMES = List.of("postgresql://", "postgres://");

  /** libpq keywords with a pgjdbc property of another name (values pass unchanged). */
  private static final Map<String, String> RENAMED =
      Map.of(
          "application_name", "ApplicationName",
          "connect_timeout", "connectTimeout",
          "gssencmode", "gssEncMode",
          "channel_binding", "channelBinding");

  /** libpq keywords pgjdbc has no equivalent for; accepting them silently would mislead. */
  private static final Set<String> UNSUPPORTED =
      Set.of(
          "host",
          "hostaddr",
          "port",
          "service",
          "passfile",
          "sslcrl",
          "sslcrldir",
          "sslsni",
          "sslcompression",
          "ssl_min_protocol_version",
          "ssl_max_protocol_version",
          "requirepeer",
          "require_auth",
          "krbsrvname",
          "gsslib",
          "fallback_application_name",
          "keepalives_idle",
          "keepalives_interval",
          "keepalives_count",
          "tcp_user_timeout",
          "replication",
          "client_encoding",
          "sslnegotiation",
          "sslcertmode");

  /** pgjdbc parameters libpq knows, by their libpq names (for the psql command Puerto prints). */
  private static final Map<String, String> LIBPQ_NAMES =
      Map.ofEntries(
          Map.entry("ApplicationName", "application_name"),
          Map.entry("connectTimeout", "connect_timeout"),
          Map.entry("gssEncMode", "gssencmode"),
          Map.entry("channelBinding", "channel_binding"),
          Map.entry("targetServerType", "target_session_attrs"),
          Map.entry("tcpKeepAlive", "keepalives"),
          Map.entry("options", "options"),
          Map.entry("sslmode", "sslmode"),
          Map.entry("sslcert", "sslcert"),
          Map.entry("sslkey", "sslkey"),
          Map.entry("sslrootcert", "sslrootcert"));

  private static final Map<String, String> TARGET_SERVER_TYPES =
      Map.of(
          "any", "any",
          "primary", "read-write",
          "master", "read-write",
          "secondary", "standby",
          "slave", "standby",
          "preferSecondary", "prefer-standby",
          "preferSlave", "prefer-standby");

  private static final Map<String, String> TARGET_SESSION_ATTRS =
      Map.of(
          "any", "any",
          "read-write", "primary",
          "primary", "primary",
          "read-only", "secondary",
          "standby", "secondary",
          "prefer-standby", "preferSecondary");

  private JdbcUrls() {}

  /**
   * A URL as the user gave it, as pgjdbc takes it. The user and password of a libpq URL are moved
   * out of it, so that the JDBC URL can be shown (a JDBC URL is kept as it is: pgjdbc reads its
   * {@code user} and {@code password} parameters itself).
   */
  record ParsedUrl(String jdbcUrl, String user, String password) {
    @Override
    public String toString() {
      return redact(jdbcUrl) + (user == null ? "" : " as " + user);
    }
  }

  static ParsedUrl parse(String url) {
    return parse(url, PRIMARY_SETTING);
  }

  /** The option and variable that set the primary's URL, for messages. */
  static final String PRIMARY_SETTING = "--db / PUERTO_DB_URL";

  /** As {@link #parse(String)}; {@code setting} names where the URL came from in the message. */
  static ParsedUrl parse(String url, String setting) {
    String trimmed = url.strip();
    if (trimmed.regionMatches(true, 0, JDBC_PREFIX, 0, JDBC_PREFIX.length())) {
      return new ParsedUrl(trimmed, null, null);
    }
    for (String scheme : LIBPQ_SCHEMES) {
      if (trimmed.regionMatches(true, 0, scheme, 0, scheme.length())) {
        return fromLibpq(trimmed, trimmed.substring(scheme.length()));
      }
    }
    throw new IllegalArgumentException(
        "the database URL ("
            + setting
            + ") must start with jdbc:postgresql://,"
            + " postgresql:// or postgres://, not '"
            + redact(trimmed)
            + "'");
  }

  /**
   * The libpq URL psql takes for a JDBC URL, with {@code user} (if known) and without any password:
   * pgjdbc parameters that libpq knows get their libpq names, the others are left out.
   */
  static String toLibpq(String jdbcUrl, String user) {
    String rest = jdbcUrl.replaceFirst("(?i)^jdbc:postgresql:(//)?", "");
    int question = rest.indexOf('?');
    String location = question < 0 ? rest : rest.substring(0, question);
    StringBuilder libpq = new StringBuilder("postgresql://");
    String urlUser = null;
    List<String> parameters = new ArrayList<>();
    if (question >= 0) {
      for (String pair : rest.substring(question + 1).split("&")) {
        int equals = pair.indexOf('=');
        if (equals < 0) {
          continue;
        }
        String key = pair.substring(0, equals);
        String value = plusDecode(pair.substring(equals + 1));
        if (key.equals("user")) {
          urlUser = value;
          continue;
        }
        String libpqKey = LIBPQ_NAMES.get(key);
        if (libpqKey == null) {
          continue;
        }
        if (key.equals("targetServerType")) {
          value = TARGET_SERVER_TYPES.getOrDefault(value, "any");
        } else if (key.equals("tcpKeepAlive")) {
          value = Boolean.parseBoolean(value) ? "1" : "0";
        }
        parameters.add(libpqKey + "=" + percentEncode(value));
      }
    }
    String who = urlUser != null ? urlUser : user;
    if (who != null) {
      libpq.append(percentEncode(who)).append('@');
    }
    libpq.append(location);
    if (!parameters.isEmpty()) {
      libpq.append('?').append(String.join("&", parameters));
    }
    return libpq.toString();
  }

  static String redact(String url) {
    String withoutParameter = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
    return USER_INFO.matcher(withoutParameter).replaceAll("//$1:***@");
  }

  /**
   * The URL without its {@code options} parameter, and that parameter's decoded value: Puerto puts
   * its own server options (the statement timeout) first and the URL's after them, so the URL's win
   * where both set the same thing.
   */
  static Map.Entry<String, Optional<String>> takeOptions(String jdbcUrl) {
    int query = jdbcUrl.indexOf('?');
    if (query < 0) {
      return Map.entry(jdbcUrl, Optional.empty());
    }
    List<String> kept = new ArrayList<>();
    String options = null;
    for (String parameter : jdbcUrl.substring(query + 1).split("&")) {
      if (parameter.startsWith("options=")) {
        options = plusDecode(parameter.substring("options=".length()));
      } else if (!parameter.isEmpty()) {
        kept.add(parameter);
      }
    }
    String base = jdbcUrl.substring(0, query);
    return Map.entry(
        kept.isEmpty() ? base : base + "?" + String.join("&", kept), Optional.ofNullable(options));
  }

  private static ParsedUrl fromLibpq(String original, String rest) {
    int end = indexOfAny(rest, "/?");
    String authority = end < 0 ? rest : rest.substring(0, end);
    String tail = end < 0 ? "" : rest.substring(end);
    String user = null;
    String password = null;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = userInfo.indexOf(':');
      user = emptyToNull(percentDecode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
      password = colon < 0 ? null : percentDecode(userInfo.substring(colon + 1));
    }
    List<String> hosts = new ArrayList<>();
    for (String hostPort : authority.split(",", -1)) {
      hosts.add(host(hostPort, original));
    }
    String database = "";
    String query = "";
    if (tail.startsWith("/")) {
      int question = tail.indexOf('?');
      database = percentDecode(question < 0 ? tail.substring(1) : tail.substring(1, question));
      query = question < 0 ? "" : tail.substring(question + 1);
    } else if (tail.startsWith("?")) {
      query = tail.substring(1);
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      if (equals < 0) {
        throw invalid(original, "parameter '" + percentDecode(pair) + "' has no value");
      }
      String key = percentDecode(pair.substring(0, equals));
      String value = percentDecode(pair.substring(equals + 1));
      switch (key) {
        case "user" -> user = user == null ? emptyToNull(value) : user;
        case "password" -> password = password == null ? value : password;
        case "dbname" -> database = value;
        case "target_session_attrs" -> {
          String type = TARGET_SESSION_ATTRS.get(value.toLowerCase(Locale.ROOT));
          if (type == null) {
            throw invalid(original, "target_session_attrs=" + value + " is not known");
          }
          parameters.put("targetServerType", type);
        }
        case "keepalives" -> parameters.put("tcpKeepAlive", Boolean.toString(!value.equals("0")));
        case "load_balance_hosts" ->
            parameters.put("loadBalanceHosts", Boolean.toString(value.equals("random")));
        default -> {
          if (UNSUPPORTED.contains(key)) {
            throw invalid(
                original,
                "parameter '"
                    + key
                    + "' has no equivalent in the JDBC driver; give a jdbc:postgresql:// URL"
                    + " with the driver's parameters instead");
          }
          // libpq's ssl* names are pgjdbc's too; anything else is taken as a pgjdbc parameter.
          parameters.put(RENAMED.getOrDefault(key, key), value);
        }
      }
    }
    StringBuilder jdbc = new StringBuilder("jdbc:postgresql://");
    jdbc.append(String.join(",", hosts)).append('/').append(encode(database));
    String separator = "?";
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      jdbc.append(separator)
          .append(encode(parameter.getKey()))
          .append('=')
          .append(encode(parameter.getValue()));
      separator = "&";
    }
    return new ParsedUrl(jdbc.toString(), user, password);
  }

  /** {@code host}, {@code host:port}, {@code [v6]:port} or empty (localhost, as libpq over TCP). */
  private static String host(String hostPort, String original) {
    String host;
    String port = null;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw invalid(original, "an IPv6 address is not closed with ']'");
      }
      host = hostPort.substring(0, close + 1);
      String after = hostPort.substring(close + 1);
      if (after.startsWith(":")) {
        port = after.substring(1);
      } else if (!after.isEmpty()) {
        throw invalid(original, "unexpected '" + after + "' after an IPv6 address");
      }
    } else {
      int colon = hostPort.lastIndexOf(':');
      host = percentDecode(colon < 0 ? hostPort : hostPort.substring(0, colon));
      port = colon < 0 ? null : hostPort.substring(colon + 1);
    }
    if (host.startsWith("/")) {
      throw invalid(
          original, "Unix-domain sockets are not supported by the JDBC driver; give a host name");
    }
    if (host.isEmpty()) {
      host = "localhost";
    }
    if (port == null || port.isEmpty()) {
      return host;
    }
    if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
      throw invalid(original, "port '" + port + "' is not a number from 1 to 65535");
    }
    return host + ":" + port;
  }

  private static IllegalArgumentException invalid(String url, String why) {
    return new IllegalArgumentException(
        "the database URL '" + redact(url) + "' cannot be used: " + why);
  }

  private static int indexOfAny(String text, String characters) {
    for (int i = 0; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  /** RFC 3986 percent-decoding: {@code %XX} as UTF-8 bytes, and {@code +} stays a plus. */
  private static String percentDecode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    StringBuilder decoded = new StringBuilder(text.length());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%'
          && i + 2 < text.length()
          && isHex(text.charAt(i + 1))
          && isHex(text.charAt(i + 2))) {
        bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 2;
        continue;
      }
      decoded.append(bytes.toString(StandardCharsets.UTF_8)).append(c);
      bytes.reset();
    }
    return decoded.append(bytes.toString(StandardCharsets.UTF_8)).toString();
  }

  /** RFC 3986: everything but unreserved characters as %XX of its UTF-8 bytes. */
  private static String percentEncode(String value) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || "-._~/".indexOf(c) >= 0) {
        encoded.append(c);
      } else {
        encoded.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return encoded.toString();
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }

  /** pgjdbc decodes URL parameter values and the database name as form data ({@code +} = space). */
  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String plusDecode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
