package dev.puerto.cli;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * Enum option values as users write them: lower case with {@code -} between words ({@code --status
 * rejected,partial}, {@code --format csv}), accepted in any case and with {@code _} too, and named
 * that way when a value is wrong.
 */
final class EnumNames {
  private EnumNames() {}

  /** The name users see: {@code MARK_SEEN} is {@code mark-seen}. */
  static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Every constant's name, in declaration order, comma-separated. */
  static String list(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(EnumNames::of)
        .collect(Collectors.joining(", "));
  }

  /** Registers a converter for every enum type an option or parameter of the tree takes. */
  static void register(CommandLine root) {
    Set<Class<?>> enums = new LinkedHashSet<>();
    collect(root, enums);
    for (Class<?> type : enums) {
      registerFor(root, type);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void registerFor(CommandLine root, Class<?> type) {
    root.registerConverter((Class) type, converter((Class) type));
  }

  private static void collect(CommandLine commandLine, Set<Class<?>> enums) {
    for (ArgSpec arg : commandLine.getCommandSpec().args()) {
      for (Class<?> type : arg.auxiliaryTypes()) {
        if (type.isEnum()) {
          enums.add(type);
        }
      }
    }
    commandLine.getSubcommands().values().forEach(sub -> collect(sub, enums));
  }

  static <E extends Enum<E>> ITypeConverter<E> converter(Class<E> type) {
    return value -> {
      String wanted = value.strip().replace('-', '_');
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equalsIgnoreCase(wanted)) {
          return constant;
        }
      }
      throw new TypeConversionException("expected one of " + list(type) + ", not '" + value + "'");
    };
  }
}
