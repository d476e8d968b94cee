package dev.puerto.cli;

import dev.puerto.source.ImapSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The mailboxes of {@code fetch} and {@code watch}, and {@code --mailbox NAME}: either the one
 * mailbox of the PUERTO_IMAP_* keys and the mailbox options, or the mailboxes named by sections of
 * keys {@code PUERTO_MAILBOX_<NAME>_<SETTING>}, SETTING being any mailbox key without its
 * PUERTO_IMAP_ (HOST, USER, PASSWORD_FILE, ...) or PUERTO_ (TRUST_STORE, ...) prefix.
 *
 * <p>The rules, decided here: a section is the whole mailbox (its PUERTO_IMAP_* settings are not
 * taken from the global keys, which must then be unset, so that no password or user is silently
 * shared); only the trust store falls back to PUERTO_TRUST_STORE. A setting no part of Puerto reads
 * for the mailbox is an error naming the key (a misspelt or a contradicting setting would otherwise
 * be ignored). The mailbox options apply to one mailbox: with sections, to the one {@code
 * --mailbox} picks, whose section they override.
 */
final class Mailboxes {
  static final String PICK_KEY = "PUERTO_MAILBOX";

  /** The format, as fetch's and watch's help give it. */
  static final String HELP =
      "Several mailboxes: sections of keys PUERTO_MAILBOX_<NAME>_<SETTING>, NAME letters and"
          + " digits, SETTING a PUERTO_IMAP_* key without PUERTO_IMAP_ (or TRUST_STORE,"
          + " TRUST_STORE_PASSWORD_FILE), e.g. PUERTO_MAILBOX_SALES_HOST=mail.example.com,"
          + " PUERTO_MAILBOX_SALES_USER=dmarc@example.com,"
          + " PUERTO_MAILBOX_SALES_PASSWORD_FILE=FILE. A section is the"
          + " whole mailbox (PUERTO_IMAP_* must then be unset; only the trust store is"
          + " inherited); a key it does not use is an error; --imap-* options need --mailbox.";

  private static final String PREFIX = PICK_KEY + "_";
  private static final Pattern GLOBAL_KEY =
      Pattern.compile("PUERTO_(IMAP_[A-Z0-9_]*[A-Z0-9]|TRUST_STORE[A-Z0-9_]*)");
  private static final Pattern SECTION_KEY = Pattern.compile("([A-Za-z0-9]+)_([A-Z0-9_]*[A-Z0-9])");

  /**
   * One mailbox to serve.
   *
   * @param name the section's name in lower case, or null for the one mailbox without sections
   */
  record Mailbox(String name, ImapSettings settings) {}

  @Option(
      names = "--mailbox",
      paramLabel = "NAME",
      description =
          "only the mailbox of the PUERTO_MAILBOX_<NAME>_* section NAME (env PUERTO_MAILBOX);"
              + " the options below then override its settings. Without it, every section's"
              + " mailbox; without sections, the one of the options below and PUERTO_IMAP_*")
  String pick;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /** The mailboxes to serve, validated; a password prompt, if needed, happens here. */
  List<Mailbox> resolve(Config config, ImapOptions imap, Duration readTimeout)
      throws ConfigException {
    Map<String, Map<String, String>> sections = sections(config);
    Optional<String> picked =
        config.get(PICK_KEY, pick).map(n -> n.strip().toLowerCase(Locale.ROOT));
    if (sections.isEmpty()) {
      if (picked.isPresent()) {
        throw new ConfigException(
            "--mailbox "
                + picked.get()
                + ": no mailbox sections are configured (keys PUERTO_MAILBOX_<NAME>_HOST,"
                + " PUERTO_MAILBOX_<NAME>_USER, ...)");
      }
      return List.of(new Mailbox(null, imap.settings(config, readTimeout)));
    }
    if (picked.isPresent() && !sections.containsKey(picked.get())) {
      throw new ConfigException(
          "no mailbox '"
              + picked.get()
              + "': the mailboxes are "
              + String.join(", ", sections.keySet())
              + " (give --mailbox with one of them)");
    }
    Optional<String> option = optionGiven();
    if (picked.isEmpty() && option.isPresent()) {
      throw new ConfigException(
          option.get()
              + " applies to one mailbox, and there are several ("
              + String.join(", ", sections.keySet())
              + "): pick one with --mailbox NAME, or set it in the sections");
    }
    List<Mailbox> mailboxes = new ArrayList<>();
    Set<String> askedByAll = new TreeSet<>();
    for (var section : sections.entrySet()) {
      if (picked.isPresent() && !picked.get().equals(section.getKey())) {
        continue;
      }
      mailboxes.add(
          mailbox(config, imap, readTimeout, section.getKey(), section.getValue(), askedByAll));
    }
    refuseGlobalSettings(config, sections.keySet(), askedByAll);
    refuseTwins(mailboxes);
    return mailboxes;
  }

  private static Mailbox mailbox(
      Config config,
      ImapOptions imap,
      Duration readTimeout,
      String name,
      Map<String, String> settings,
      Set<String> askedByAll)
      throws ConfigException {
    Set<String> asked = new HashSet<>();
    ImapSettings resolved;
    try {
      resolved = imap.settings(config.section(settings, asked), readTimeout);
    } catch (ConfigException e) {
      throw new ConfigException("mailbox " + name + ": " + inSection(name, e.getMessage()), e);
    }
    Set<String> read = new TreeSet<>();
    asked.forEach(key -> Config.sectionSetting(key).ifPresent(read::add));
    for (String setting : settings.keySet()) {
      if (!read.contains(setting)) {
        throw new ConfigException(
            key(name, setting)
                + ": mailbox "
                + name
                + " has no setting "
                + setting
                + ", or does not use it with its other settings (it reads "
                + String.join(", ", read)
                + ")");
      }
    }
    askedByAll.addAll(asked);
    return new Mailbox(name, resolved);
  }

  /** PUERTO_MAILBOX_<NAME>_<SETTING> keys, by lower-case name and then by setting. */
  static Map<String, Map<String, String>> sections(Config config) throws ConfigException {
    Map<String, Map<String, String>> sections = new TreeMap<>();
    for (var entry : config.keysStartingWith(PREFIX).entrySet()) {
      String key = entry.getKey();
      Matcher matcher = SECTION_KEY.matcher(key.substring(PREFIX.length()));
      if (!matcher.matches()) {
        throw new ConfigException(
            key
                + ": a mailbox key is PUERTO_MAILBOX_<NAME>_<SETTING>, NAME being letters and"
                + " digits, e.g. PUERTO_MAILBOX_SALES_HOST");
      }
      String name = matcher.group(1).toLowerCase(Locale.ROOT);
      String previous =
          sections
              .computeIfAbsent(name, n -> new HashMap<>())
              .put(matcher.group(2), entry.getValue());
      if (previous != null) {
        throw new ConfigException(
            key + ": mailbox " + name + " has " + matcher.group(2) + " twice (names ignore case)");
      }
    }
    return sections;
  }

  /** With sections, a global mailbox key would be ignored: refused rather than silently unused. */
  private static void refuseGlobalSettings(Config config, Set<String> names, Set<String> asked)
      throws ConfigException {
    for (String key : asked) {
      if (!Config.inheritedBySections(key) && config.get(key, null).isPresent()) {
        throw new ConfigException(
            key
                + " is set, and so are mailbox sections ("
                + String.join(", ", names)
                + "): with sections, each mailbox's settings go in its own, e.g. "
                + key(names.iterator().next(), Config.sectionSetting(key).orElseThrow()));
      }
    }
  }

  /** Two sections on one folder would take turns forever (one Puerto per folder). */
  private static void refuseTwins(List<Mailbox> mailboxes) throws ConfigException {
    Map<String, String> byFolder = new HashMap<>();
    for (Mailbox mailbox : mailboxes) {
      String other = byFolder.putIfAbsent(mailbox.settings().mailbox(), mailbox.name());
      if (other != null) {
        throw new ConfigException(
            "mailboxes "
                + other
                + " and "
                + mailbox.name()
                + " are the same folder ("
                + mailbox.settings().mailbox()
                + "): remove one");
      }
    }
  }

  /** The first mailbox option given on the command line, as the user wrote it. */
  private Optional<String> optionGiven() {
    CommandSpec imap = command.mixins().get("imap");
    ParseResult parsed = command.commandLine().getParseResult();
    if (imap == null || parsed == null) {
      return Optional.empty();
    }
    return imap.options().stream()
        .map(OptionSpec::longestName)
        .filter(parsed::hasMatchedOption)
        .findFirst();
  }

  /** A message naming the global keys, as the section's: PUERTO_MAILBOX_SALES_HOST. */
  private static String inSection(String name, String message) {
    return GLOBAL_KEY
        .matcher(message)
        .replaceAll(
            found ->
                Matcher.quoteReplacement(
                    key(name, Config.sectionSetting(found.group()).orElseThrow())));
  }

  private static String key(String name, String setting) {
    return PREFIX + name.toUpperCase(Locale.ROOT) + "_" + setting;
  }
}
