package dev.puerto.store;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Keeps secrets out of JDBC URLs shown to people. */
final class JdbcUrls {
  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("(?i)([?&](?:password|sslpassword)=)[^&]*");
  private static final Pattern USER_INFO = Pattern.compile("//([^/@:]+):[^/@]*@");

  private JdbcUrls() {}

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
        // pgjdbc decodes URL parameters as form data (+ is a space)
        options =
            URLDecoder.decode(parameter.substring("options=".length()), StandardCharsets.UTF_8);
      } else if (!parameter.isEmpty()) {
        kept.add(parameter);
      }
    }
    String base = jdbcUrl.substring(0, query);
    return Map.entry(
        kept.isEmpty() ? base : base + "?" + String.join("&", kept), Optional.ofNullable(options));
  }
}
