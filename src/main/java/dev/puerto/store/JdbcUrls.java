package dev.puerto.store;

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
}
