package dev.puerto.dns;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.Type;

/**
 * RFC 7208 check_host(): every mechanism and modifier, macros, CIDR lengths, the limits of 10
 * DNS-querying terms and 2 void lookups, permerror and temperror; and it says which directive
 * decided, which the analyzer needs to explain a result (the reason it is not Apache jSPF, whose
 * API gives only the result).
 */
public final class SpfEvaluator {
  static final int LOOKUP_LIMIT = 10;
  static final int VOID_LIMIT = 2;
  private static final int MX_LIMIT = 10;
  private static final int PTR_LIMIT = 10;

  private final DnsClient dns;
  private final Clock clock;

  public SpfEvaluator(DnsClient dns, Clock clock) {
    this.dns = dns;
    this.clock = clock;
  }

  /**
   * check_host(ip, domain, sender) with the HELO name for {@code %{h}}. An empty sender means the
   * null reverse-path: the HELO identity is checked, as postmaster@HELO.
   */
  public SpfCheck checkHost(InetAddress ip, String domain, String sender, String helo) {
    String mailFrom = sender == null || sender.isEmpty() ? "postmaster@" + helo : sender;
    int at = mailFrom.lastIndexOf('@');
    String local = at > 0 ? mailFrom.substring(0, at) : "postmaster";
    String senderDomain = at >= 0 ? mailFrom.substring(at + 1) : mailFrom;
    String target = domain == null ? senderDomain : domain;
    Run run = new Run(InetAddresses.forString(ip.getHostAddress()), local, senderDomain, helo);
    if (!validDomain(target)) {
      return new SpfCheck(SpfResult.NONE, target, null, List.of(), 0, 0, null, "not a domain");
    }
    Outcome outcome;
    try {
      outcome = run.evaluate(target);
    } catch (SpfException e) {
      outcome = new Outcome(e.result, null, List.of(), null, e.getMessage());
    }
    return new SpfCheck(
        outcome.result,
        target,
        outcome.record,
        outcome.matched,
        run.lookups,
        run.voids,
        outcome.explanation,
        outcome.problem);
  }

  /** The SPF record of a domain, parsed, with its problems; for {@code puerto check}. */
  public SpfPolicy policy(String domain) {
    Run run = new Run(InetAddresses.forString("192.0.2.0"), "postmaster", domain, domain);
    String record;
    try {
      record = run.fetch(domain);
    } catch (SpfException e) {
      return SpfPolicy.without(domain, null, e.result, e.getMessage());
    }
    if (record == null) {
      return SpfPolicy.without(domain, null, null, null);
    }
    try {
      Parsed parsed = parse(record);
      List<String> includes = new ArrayList<>();
      List<SpfPolicy.Lookup> chain = run.lookupChain(parsed, domain, includes, 0);
      int lookups = chain.stream().mapToInt(SpfPolicy.Lookup::cost).sum();
      SpfResult problem = lookups > LOOKUP_LIMIT ? SpfResult.PERMERROR : null;
      String why =
          problem == null
              ? null
              : lookups + " DNS-querying terms, more than the limit of " + LOOKUP_LIMIT;
      SpfPolicy counted =
          new SpfPolicy(
              domain, record, lookups, problem, why, parsed.allQualifier(), includes, chain, 0);
      int voids = (int) counted.allLookups().stream().filter(SpfPolicy.Lookup::voidLookup).count();
      return new SpfPolicy(
          domain, record, lookups, problem, why, parsed.allQualifier(), includes, chain, voids);
    } catch (SpfException e) {
      return SpfPolicy.without(domain, record, e.result, e.getMessage());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Parsing

  private static final Pattern MODIFIER = Pattern.compile("([A-Za-z][A-Za-z0-9_.-]*)=(.*)");
  private static final Pattern MECHANISM = Pattern.compile("([+?~-]?)([A-Za-z0-9]+)(.*)");
  private static final Pattern DUAL_CIDR = Pattern.compile("(.*?)(?:/([0-9]+))?(?://([0-9]+))?");
  private static final Pattern TOPLABEL =
      Pattern.compile("[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9]");

  record Term(char qualifier, String name, String domainSpec, int cidr4, int cidr6, String text) {}

  record Parsed(List<Term> terms, String redirect, String exp) {
    Character allQualifier() {
      return terms.stream()
          .filter(t -> t.name.equals("all"))
          .map(t -> t.qualifier)
          .findFirst()
          .orElse(null);
    }
  }

  static Parsed parse(String record) throws SpfException {
    for (char c : record.toCharArray()) {
      if (c < 0x20 || c > 0x7e) {
        throw new SpfException(
            SpfResult.PERMERROR,
            String.format("the record contains a non-ASCII or control byte 0x%02x", (int) c));
      }
    }
    List<Term> terms = new ArrayList<>();
    String redirect = null;
    String exp = null;
    String[] parts = record.substring(6).split(" ");
    for (String part : parts) {
      if (part.isEmpty()) {
        continue;
      }
      Matcher modifier = MODIFIER.matcher(part);
      if (modifier.matches()) {
        String name = modifier.group(1).toLowerCase(Locale.ROOT);
        String value = modifier.group(2);
        if (name.equals("redirect") || name.equals("exp")) {
          if ((name.equals("redirect") ? redirect : exp) != null) {
            throw new SpfException(SpfResult.PERMERROR, "more than one " + name + "= modifier");
          }
          checkDomainSpec(value, part);
          if (name.equals("redirect")) {
            redirect = value;
          } else {
            exp = value;
          }
        } else {
          Macros.check(value, false);
        }
        continue;
      }
      terms.add(mechanism(part));
    }
    return new Parsed(terms, redirect, exp);
  }

  private static Term mechanism(String part) throws SpfException {
    Matcher m = MECHANISM.matcher(part);
    if (!m.matches()) {
      throw new SpfException(SpfResult.PERMERROR, "unknown term '" + part + "'");
    }
    char qualifier = m.group(1).isEmpty() ? '+' : m.group(1).charAt(0);
    String name = m.group(2).toLowerCase(Locale.ROOT);
    String rest = m.group(3);
    switch (name) {
      case "all" -> {
        require(rest.isEmpty(), part);
        return new Term(qualifier, name, null, 32, 128, part);
      }
      case "include", "exists" -> {
        require(rest.startsWith(":") && rest.length() > 1, part);
        checkDomainSpec(rest.substring(1), part);
        return new Term(qualifier, name, rest.substring(1), 32, 128, part);
      }
      case "ptr" -> {
        String spec = optionalDomain(rest, part);
        return new Term(qualifier, name, spec, 32, 128, part);
      }
      case "a", "mx" -> {
        Matcher cidr = DUAL_CIDR.matcher(rest);
        cidr.matches();
        String spec = optionalDomain(cidr.group(1), part);
        int v4 = cidr(cidr.group(2), 32, part);
        int v6 = cidr(cidr.group(3), 128, part);
        return new Term(qualifier, name, spec, v4, v6, part);
      }
      case "ip4", "ip6" -> {
        require(rest.startsWith(":"), part);
        String network = rest.substring(1);
        int slash = network.indexOf('/');
        String address = slash < 0 ? network : network.substring(0, slash);
        boolean v4 = name.equals("ip4");
        int length =
            slash < 0 ? (v4 ? 32 : 128) : cidr(network.substring(slash + 1), v4 ? 32 : 128, part);
        boolean valid =
            v4
                ? address.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")
                    && InetAddresses.isInetAddress(address)
                : address.contains(":") && InetAddresses.isInetAddress(address);
        require(valid, part);
        return new Term(qualifier, name, address, v4 ? length : 32, v4 ? 128 : length, part);
      }
      default -> throw new SpfException(SpfResult.PERMERROR, "unknown mechanism '" + part + "'");
    }
  }

  private static String optionalDomain(String rest, String part) throws SpfException {
    if (rest.isEmpty()) {
      return null;
    }
    require(rest.startsWith(":") && rest.length() > 1, part);
    checkDomainSpec(rest.substring(1), part);
    return rest.substring(1);
  }

  private static int cidr(String digits, int max, String part) throws SpfException {
    if (digits == null) {
      return max;
    }
    require(digits.matches("0|[1-9][0-9]*") && digits.length() <= 3, part);
    int length = Integer.parseInt(digits);
    require(length <= max, part);
    return length;
  }

  private static void checkDomainSpec(String spec, String part) throws SpfException {
    Macros.check(spec, false);
    if (spec.endsWith("}")) {
      return;
    }
    String trimmed = spec.endsWith(".") ? spec.substring(0, spec.length() - 1) : spec;
    int dot = trimmed.lastIndexOf('.');
    require(dot >= 0 && TOPLABEL.matcher(trimmed.substring(dot + 1)).matches(), part);
  }

  private static void require(boolean condition, String part) throws SpfException {
    if (!condition) {
      throw new SpfException(SpfResult.PERMERROR, "syntax error in '" + part + "'");
    }
  }

  static boolean validDomain(String domain) {
    String name = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    if (name.isEmpty() || name.length() > 253 || !name.contains(".")) {
      return false;
    }
    for (String label : name.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > 63) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Evaluation

  private record Outcome(
      SpfResult result, String record, List<String> matched, String explanation, String problem) {}

  /** One check_host() call with its shared lookup counters. */
  private final class Run {
    final InetAddress ip;
    final String local;
    final String senderDomain;
    final String helo;
    int lookups;
    int voids;
    private String validatedPtr;

    Run(InetAddress ip, String local, String senderDomain, String helo) {
      this.ip = ip;
      this.local = local;
      this.senderDomain = senderDomain;
      this.helo = helo;
    }

    /** The one SPF record of a domain, null when there is none. */
    String fetch(String domain) throws SpfException {
      DnsAnswer answer = dns.query(domain, Type.TXT);
      if (answer.status().isFailure()) {
        throw new SpfException(
            SpfResult.TEMPERROR, "DNS " + answer.status() + " for the TXT records of " + domain);
      }
      List<String> records =
          answer.texts().stream()
              .filter(
                  t ->
                      t.length() >= 6
                          && t.substring(0, 6).equalsIgnoreCase("v=spf1")
                          && (t.length() == 6 || t.charAt(6) == ' '))
              .toList();
      if (records.size() > 1) {
        throw new SpfException(
            SpfResult.PERMERROR, domain + " publishes " + records.size() + " SPF records");
      }
      return records.isEmpty() ? null : records.get(0);
    }

    Outcome evaluate(String domain) throws SpfException {
      String record = fetch(domain);
      if (record == null) {
        return new Outcome(SpfResult.NONE, null, List.of(), null, "no SPF record at " + domain);
      }
      Parsed parsed = parse(record);
      Macros macros = macros(domain);
      for (Term term : parsed.terms) {
        Outcome inner = matches(term, domain, macros);
        if (inner != null) {
          List<String> matched = new ArrayList<>();
          matched.add(domain + ": " + term.text);
          matched.addAll(inner.matched);
          SpfResult result = SpfResult.ofQualifier(term.qualifier);
          String explanation =
              result == SpfResult.FAIL && parsed.exp != null ? explain(parsed.exp, macros) : null;
          return new Outcome(result, record, matched, explanation, null);
        }
      }
      if (parsed.redirect != null) {
        count();
        String target = macros.expand(parsed.redirect, false);
        Outcome redirected = validDomain(target) ? evaluate(target) : null;
        if (redirected == null || redirected.result == SpfResult.NONE) {
          throw new SpfException(
              SpfResult.PERMERROR, "redirect=" + target + " leads to no SPF record");
        }
        List<String> matched = new ArrayList<>();
        matched.add(domain + ": redirect=" + target);
        matched.addAll(redirected.matched);
        return new Outcome(
            redirected.result, record, matched, redirected.explanation, redirected.problem);
      }
      return new Outcome(SpfResult.NEUTRAL, record, List.of(), null, null);
    }

    /** Null when the term does not match; else the inner match chain (for include). */
    private Outcome matches(Term term, String domain, Macros macros) throws SpfException {
      Outcome none = new Outcome(SpfResult.PASS, null, List.of(), null, null);
      switch (term.name) {
        case "all":
          return none;
        case "ip4":
        case "ip6":
          return inNetwork(ip, InetAddresses.forString(term.domainSpec), term) ? none : null;
        case "include":
          {
            count();
            String target = macros.expand(term.domainSpec, false);
            Outcome inner;
            try {
              inner = validDomain(target) ? evaluate(target) : null;
            } catch (SpfException e) {
              if (e.result == SpfResult.TEMPERROR) {
                throw e;
              }
              throw new SpfException(
                  SpfResult.PERMERROR, "include:" + target + ": " + e.getMessage());
            }
            if (inner == null || inner.result == SpfResult.NONE) {
              throw new SpfException(
                  SpfResult.PERMERROR, "include:" + target + " has no SPF record");
            }
            return inner.result == SpfResult.PASS ? inner : null;
          }
        case "a":
          {
            count();
            String target = target(term, domain, macros);
            return anyInNetwork(addresses(target, true), term) ? none : null;
          }
        case "mx":
          {
            count();
            String target = target(term, domain, macros);
            List<String> exchanges = targets(target, Type.MX, true);
            if (exchanges.size() > MX_LIMIT) {
              throw new SpfException(
                  SpfResult.PERMERROR, target + " has more than " + MX_LIMIT + " MX records");
            }
            for (String exchange : exchanges) {
              if (anyInNetwork(addresses(exchange, false), term)) {
                return none;
              }
            }
            return null;
          }
        case "ptr":
          {
            count();
            String target = target(term, domain, macros).toLowerCase(Locale.ROOT);
            for (String name : validatedNames()) {
              if (name.equals(target) || name.endsWith("." + target)) {
                return none;
              }
            }
            return null;
          }
        case "exists":
          {
            count();
            String target = macros.expand(term.domainSpec, false);
            DnsAnswer answer = lookup(target, Type.A, true);
            return answer.status() == DnsStatus.OK ? none : null;
          }
        default:
          throw new IllegalStateException(term.name);
      }
    }

    private String target(Term term, String domain, Macros macros) throws SpfException {
      return term.domainSpec == null ? domain : macros.expand(term.domainSpec, false);
    }

    private void count() throws SpfException {
      if (++lookups > LOOKUP_LIMIT) {
        throw new SpfException(
            SpfResult.PERMERROR, "more than " + LOOKUP_LIMIT + " DNS-querying terms");
      }
    }

    private DnsAnswer lookup(String name, int type, boolean countVoid) throws SpfException {
      DnsAnswer answer = dns.query(name, type);
      if (answer.status().isFailure()) {
        throw new SpfException(
            SpfResult.TEMPERROR,
            "DNS " + answer.status() + " for the " + Type.string(type) + " records of " + name);
      }
      if (countVoid && answer.status().isEmpty() && ++voids > VOID_LIMIT) {
        throw new SpfException(
            SpfResult.PERMERROR, "more than " + VOID_LIMIT + " void lookups (last: " + name + ")");
      }
      return answer;
    }

    private List<InetAddress> addresses(String name, boolean countVoid) throws SpfException {
      return lookup(name, ip instanceof Inet4Address ? Type.A : Type.AAAA, countVoid).addresses();
    }

    private List<String> targets(String name, int type, boolean countVoid) throws SpfException {
      return lookup(name, type, countVoid).targets();
    }

    private boolean anyInNetwork(List<InetAddress> addresses, Term term) {
      return addresses.stream().anyMatch(address -> inNetwork(ip, address, term));
    }

    /** PTR names of the IP that resolve back to it (up to 10 tried); DNS errors mean none. */
    private List<String> validatedNames() {
      DnsAnswer ptr = dns.query(ReverseDns.reverseName(ip), Type.PTR);
      List<String> validated = new ArrayList<>();
      for (String name : ptr.targets().stream().limit(PTR_LIMIT).toList()) {
        DnsAnswer forward = dns.query(name, ip instanceof Inet4Address ? Type.A : Type.AAAA);
        if (forward.addresses().contains(ip)) {
          validated.add(name);
        }
      }
      return validated;
    }

    private Macros macros(String domain) {
      return new Macros(
          new Macros.Values(
              local,
              senderDomain,
              domain,
              ip,
              helo,
              () -> {
                if (validatedPtr == null) {
                  List<String> names = validatedNames();
                  validatedPtr =
                      names.stream()
                          .filter(n -> n.equals(domain) || n.endsWith("." + domain))
                          .findFirst()
                          .orElse(names.isEmpty() ? "unknown" : names.get(0));
                }
                return validatedPtr;
              },
              clock.instant().getEpochSecond()));
    }

    private String explain(String exp, Macros macros) {
      try {
        String target = macros.expand(exp, false);
        DnsAnswer answer = dns.query(target, Type.TXT);
        if (answer.status() != DnsStatus.OK || answer.texts().size() != 1) {
          return null;
        }
        String text = answer.texts().get(0);
        // RFC 7208 section 6.2: an explanation that is not US-ASCII is ignored, as if no exp=
        if (text.chars().anyMatch(c -> c > 0x7F)) {
          return null;
        }
        return macros.expand(text, true);
      } catch (SpfException e) {
        return null;
      }
    }

    /**
     * The DNS-querying terms of a record and, nested, of everything it includes or redirects to. A
     * term without macros is looked up to see whether it is void; DNS failures leave it uncounted
     * (check_host() would temperror, which the IP checks report).
     */
    List<SpfPolicy.Lookup> lookupChain(
        Parsed parsed, String domain, List<String> includes, int depth) throws SpfException {
      List<SpfPolicy.Lookup> chain = new ArrayList<>();
      Macros macros = macros(domain);
      List<Term> querying =
          parsed.terms.stream()
              .filter(t -> List.of("a", "mx", "ptr", "exists", "include").contains(t.name))
              .toList();
      for (Term term : querying) {
        String text = term.text.startsWith("+") ? term.text.substring(1) : term.text;
        if (term.name.equals("include")) {
          chain.add(delegate(text, macros.expand(term.domainSpec, false), includes, depth));
        } else {
          chain.add(new SpfPolicy.Lookup(domain, text, 1, isVoid(term, domain), List.of()));
        }
      }
      if (parsed.redirect != null && parsed.allQualifier() == null) {
        chain.add(
            delegate(
                "redirect=" + parsed.redirect,
                macros.expand(parsed.redirect, false),
                includes,
                depth));
      }
      return chain;
    }

    private SpfPolicy.Lookup delegate(String text, String target, List<String> includes, int depth)
        throws SpfException {
      includes.add(target);
      String record = depth < 10 && validDomain(target) ? fetch(target) : null;
      List<SpfPolicy.Lookup> nested =
          record == null ? List.of() : lookupChain(parse(record), target, includes, depth + 1);
      int cost = 1 + nested.stream().mapToInt(SpfPolicy.Lookup::cost).sum();
      return new SpfPolicy.Lookup(target, text, cost, record == null && depth < 10, nested);
    }

    /** a and mx terms without macros: does their name have addresses (MX records)? */
    private boolean isVoid(Term term, String domain) {
      if (term.domainSpec != null && term.domainSpec.contains("%")) {
        return false;
      }
      String target = term.domainSpec == null ? domain : term.domainSpec;
      return switch (term.name) {
        case "a" ->
            dns.query(target, Type.A).status().isEmpty()
                && dns.query(target, Type.AAAA).status().isEmpty();
        case "mx" -> dns.query(target, Type.MX).status().isEmpty();
        default -> false;
      };
    }
  }

  static boolean inNetwork(InetAddress ip, InetAddress network, Term term) {
    if (ip instanceof Inet4Address != network instanceof Inet4Address) {
      return false;
    }
    int length = ip instanceof Inet6Address ? term.cidr6 : term.cidr4;
    byte[] a = ip.getAddress();
    byte[] b = network.getAddress();
    for (int bit = 0; bit < length; bit++) {
      int mask = 0x80 >> (bit % 8);
      if ((a[bit / 8] & mask) != (b[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }
}
