package dev.puerto.cli;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;

/**
 * The statements in a text of SQL, split the way PostgreSQL's JDBC driver splits them before it
 * sends them (its lexer knows quoted strings, {@code E''} and {@code U&''} strings, quoted
 * identifiers, dollar quoting, nested block comments, line comments and {@code BEGIN ATOMIC}
 * bodies), so that {@code SELECT ';'} is one statement and {@code SELECT 1; DROP TABLE x} two.
 */
final class SqlText {
  private static final int QUOTED_START = 40;

  private SqlText() {}

  /**
   * The one statement in {@code text}, without a trailing {@code ;} or comment-only remainder.
   *
   * @param standardConformingStrings the server's {@code standard_conforming_strings} (on by
   *     default since PostgreSQL 9.1): whether a backslash in {@code '...'} is an ordinary
   *     character
   * @throws ConfigException when the text holds no statement, or more than one
   */
  static String single(String text, boolean standardConformingStrings) throws ConfigException {
    List<String> statements = statements(text, standardConformingStrings);
    if (statements.isEmpty()) {
      throw new ConfigException("no SQL statement given");
    }
    if (statements.size() > 1) {
      String second = statements.get(1).strip();
      throw new ConfigException(
          "sql takes exactly one statement, and this text has "
              + statements.size()
              + " (the second begins '"
              + (second.length() > QUOTED_START
                  ? second.substring(0, QUOTED_START) + "..."
                  : second)
              + "'); nothing was run: give each statement its own puerto sql");
    }
    return statements.get(0);
  }

  /** The statements in {@code text}, comment-only and empty pieces left out. */
  static List<String> statements(String text, boolean standardConformingStrings)
      throws ConfigException {
    List<NativeQuery> parsed;
    try {
      parsed = Parser.parseJdbcSql(text, standardConformingStrings, false, true, false, false);
    } catch (SQLException e) {
      throw new ConfigException("cannot read the SQL: " + e.getMessage(), e);
    }
    List<String> statements = new ArrayList<>();
    for (NativeQuery query : parsed) {
      if (!onlyComments(query.nativeSql)) {
        statements.add(query.nativeSql);
      }
    }
    return statements;
  }

  /** True when the text is nothing but white space and comments. */
  static boolean onlyComments(String sql) {
    char[] chars = sql.toCharArray();
    int i = 0;
    while (i < chars.length) {
      char c = chars[i];
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < chars.length && chars[i + 1] == '-') {
        i = Parser.parseLineComment(chars, i) + 1;
      } else if (c == '/' && i + 1 < chars.length && chars[i + 1] == '*') {
        i = Parser.parseBlockComment(chars, i) + 1;
      } else {
        return false;
      }
    }
    return true;
  }
}
