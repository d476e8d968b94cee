package dev.puerto.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

/**
 * A real DNS server on 127.0.0.1 answering UDP and TCP from one {@link Zone} rooted at "." (so test
 * data may span any names; SOA and NS at the root are synthesised). Names can be made to time out
 * (no answer at all) or to answer SERVFAIL or REFUSED; every answer can be delayed; queries are
 * counted. It can play a validating resolver ({@link #validating()}): then it sets the AD bit on
 * answers for the root zone and for the zones marked {@link #signed(String) signed}, as a resolver
 * does for what it validated; it validates nothing itself.
 */
public final class DnsTestServer implements AutoCloseable {
  /** Negative-caching TTL announced in the synthesised SOA. */
  public static final long NEGATIVE_TTL = 300;

  private final Zone zone;
  private final Set<Name> timeouts = ConcurrentHashMap.newKeySet();
  private final Set<Name> servfails = ConcurrentHashMap.newKeySet();
  private final Set<Name> refusals = ConcurrentHashMap.newKeySet();
  private final Set<Name> signed = ConcurrentHashMap.newKeySet();
  private volatile boolean validating;
  private final Map<String, AtomicLong> queries = new ConcurrentHashMap<>();
  private final AtomicLong total = new AtomicLong();
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final ScheduledExecutorService workers = Executors.newScheduledThreadPool(4);
  private volatile Duration delay = Duration.ZERO;

  private DnsTestServer(List<Record> records) throws IOException {
    zone = new Zone(Name.root, rootRecords());
    records.forEach(zone::addRecord);
    InetAddress loopback = InetAddress.getLoopbackAddress();
    DatagramSocket boundUdp = null;
    ServerSocket boundTcp = null;
    // The same port for UDP and TCP, as a resolver retrying a truncated answer expects.
    for (int attempt = 0; attempt < 20 && boundTcp == null; attempt++) {
      boundUdp = new DatagramSocket(new InetSocketAddress(loopback, 0));
      try {
        boundTcp = new ServerSocket(boundUdp.getLocalPort(), 64, loopback);
      } catch (IOException taken) {
        boundUdp.close();
      }
    }
    if (boundTcp == null) {
      throw new IOException("no free port for both UDP and TCP");
    }
    udp = boundUdp;
    tcp = boundTcp;
    daemon("dns-test-udp", this::serveUdp);
    daemon("dns-test-tcp", this::serveTcp);
  }

  /** Serves master-file text (use {@code $ORIGIN} lines; {@code $TTL} defaults to 3600). */
  public static DnsTestServer start(String masterFile) throws IOException {
    return start(parse(masterFile));
  }

  public static DnsTestServer start(List<Record> records) throws IOException {
    return new DnsTestServer(records);
  }

  /** Records from master-file text. */
  public static List<Record> parse(String masterFile) throws IOException {
    List<Record> records = new ArrayList<>();
    try (Master master =
        new Master(
            new java.io.ByteArrayInputStream(
                ("$TTL 3600\n" + masterFile).getBytes(StandardCharsets.UTF_8)),
            Name.root)) {
      for (Record record = master.nextRecord(); record != null; record = master.nextRecord()) {
        records.add(record);
      }
    }
    return records;
  }

  /** A resolver aimed at this server, with a short timeout so timeout tests stay quick. */
  public SimpleResolver resolver() {
    SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(address(), port()));
    resolver.setTimeout(Duration.ofMillis(500));
    return resolver;
  }

  public InetAddress address() {
    return udp.getLocalAddress();
  }

  public int port() {
    return udp.getLocalPort();
  }

  /** {@code 127.0.0.1:PORT}, as {@code --dns-server} takes it. */
  public String hostAndPort() {
    return address().getHostAddress() + ":" + port();
  }

  public void add(Record record) {
    zone.addRecord(record);
  }

  /** Queries for this name (any type) are never answered. */
  public void timeOut(String name) {
    timeouts.add(name(name));
  }

  /** Queries for this name (any type) are answered with SERVFAIL. */
  public void serverFailure(String name) {
    servfails.add(name(name));
  }

  /**
   * Queries for this name (any type) are answered with REFUSED, as a resolver refuses strangers.
   */
  public void refuse(String name) {
    refusals.add(name(name));
  }

  /** Answers for the root zone, and for zones marked {@link #signed}, carry the AD bit. */
  public void validating() {
    validating = true;
  }

  /** Answers for this name and the names under it are authenticated, once {@link #validating}. */
  public void signed(String zone) {
    signed.add(name(zone));
  }

  public void delayEveryAnswer(Duration delay) {
    this.delay = delay;
  }

  /** Queries received for a name and type, e.g. {@code queries("example.com", Type.TXT)}. */
  public long queries(String name, int type) {
    AtomicLong count = queries.get(key(name(name), type));
    return count == null ? 0 : count.get();
  }

  public long totalQueries() {
    return total.get();
  }

  /** The most queries received for any one name and type. */
  public long mostQueriesForOneQuestion() {
    return queries.values().stream().mapToLong(AtomicLong::get).max().orElse(0);
  }

  public int distinctQuestions() {
    return queries.size();
  }

  @Override
  public void close() {
    udp.close();
    try {
      tcp.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    workers.shutdownNow();
  }

  private static Name name(String name) {
    try {
      return Name.fromString(name, Name.root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String key(Name name, int type) {
    return name.toString().toLowerCase(java.util.Locale.ROOT) + "/" + Type.string(type);
  }

  private static Record[] rootRecords() throws IOException {
    Name ns = Name.fromString("ns.test.");
    return new Record[] {
      new SOARecord(Name.root, DClass.IN, 3600, ns, ns, 1, 3600, 600, 86400, NEGATIVE_TTL),
      new NSRecord(Name.root, DClass.IN, 3600, ns)
    };
  }

  private void daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }

  private void serveUdp() {
    byte[] buffer = new byte[65535];
    while (!udp.isClosed()) {
      try {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        udp.receive(packet);
        Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
        InetSocketAddress client = (InetSocketAddress) packet.getSocketAddress();
        later(
            query,
            response -> {
              OPTRecord opt = query.getOPT();
              int max = opt == null ? 512 : Math.max(512, opt.getPayloadSize());
              byte[] wire = response.toWire(max);
              send(new DatagramPacket(wire, wire.length, client));
            });
      } catch (IOException e) {
        // closed, or a datagram that is not DNS: keep serving
      }
    }
  }

  private void send(DatagramPacket packet) {
    try {
      udp.send(packet);
    } catch (IOException ignored) {
      // the client is gone
    }
  }

  private void serveTcp() {
    while (!tcp.isClosed()) {
      try {
        Socket socket = tcp.accept();
        workers.execute(() -> serveConnection(socket));
      } catch (IOException e) {
        // closed
      }
    }
  }

  private void serveConnection(Socket socket) {
    try (socket;
        DataInputStream in = new DataInputStream(socket.getInputStream());
        DataOutputStream out = new DataOutputStream(socket.getOutputStream())) {
      byte[] wire = new byte[in.readUnsignedShort()];
      in.readFully(wire);
      Message response = answer(new Message(wire));
      if (response == null) {
        return;
      }
      sleep();
      byte[] bytes = response.toWire();
      out.writeShort(bytes.length);
      out.write(bytes);
    } catch (IOException e) {
      // client went away
    }
  }

  private void later(Message query, java.util.function.Consumer<Message> reply) {
    Message response = answer(query);
    if (response != null) {
      workers.schedule(() -> reply.accept(response), delay.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private void sleep() {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean authenticated(Name name) {
    return validating && (name.equals(Name.root) || signed.stream().anyMatch(name::subdomain));
  }

  /** The response, or null for a name that times out. */
  private Message answer(Message query) {
    Record question = query.getQuestion();
    Name name = question.getName();
    total.incrementAndGet();
    queries.computeIfAbsent(key(name, question.getType()), k -> new AtomicLong()).incrementAndGet();
    if (timeouts.contains(name)) {
      return null;
    }
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setFlag(Flags.AA);
    if (query.getHeader().getFlag(Flags.RD)) {
      response.getHeader().setFlag(Flags.RD);
    }
    response.getHeader().setFlag(Flags.RA);
    if (authenticated(name)) {
      response.getHeader().setFlag(Flags.AD);
    }
    response.addRecord(question, Section.QUESTION);
    if (query.getOPT() != null) {
      response.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
    }
    if (servfails.contains(name)) {
      response.getHeader().setRcode(Rcode.SERVFAIL);
      return response;
    }
    if (refusals.contains(name)) {
      response.getHeader().setRcode(Rcode.REFUSED);
      return response;
    }
    Name current = name;
    for (int hops = 0; hops < 8; hops++) {
      SetResponse found = zone.findRecords(current, question.getType());
      if (found.isCNAME()) {
        response.addRecord(found.getCNAME(), Section.ANSWER);
        current = found.getCNAME().getTarget();
        continue;
      }
      if (found.isSuccessful()) {
        for (RRset set : found.answers()) {
          set.rrs(false).forEach(r -> response.addRecord(r, Section.ANSWER));
        }
      } else {
        if (found.isNXDOMAIN()) {
          response.getHeader().setRcode(Rcode.NXDOMAIN);
        }
        response.addRecord(zone.getSOA(), Section.AUTHORITY);
      }
      break;
    }
    return response;
  }
}
