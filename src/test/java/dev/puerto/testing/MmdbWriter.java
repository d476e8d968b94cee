package dev.puerto.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small IPv4 MaxMind DB (MMDB 2.0) files for tests: a search tree of 24-bit records over the
 * networks given, a data section of maps, strings and unsigned integers, and the metadata. No Java
 * writer is published on Maven Central (MaxMind's is Go and Perl), and the format is small: <a
 * href="https://maxmind.github.io/MaxMind-DB/">the specification</a>.
 */
public final class MmdbWriter {
  private final String databaseType;
  private final Map<String, Map<String, Object>> networks = new LinkedHashMap<>();

  public MmdbWriter(String databaseType) {
    this.databaseType = databaseType;
  }

  /**
   * Data for an IPv4 network such as {@code 192.0.2.0/24}; values are String, Long (uint32),
   * Integer (uint16) or Map.
   */
  public MmdbWriter network(String cidr, Map<String, Object> data) {
    networks.put(cidr, data);
    return this;
  }

  private static final class Node {
    Node[] children = new Node[2];
    Map<String, Object> data;
    int number;
  }

  public Path write(Path file) throws IOException {
    Node root = new Node();
    for (var e : networks.entrySet()) {
      String[] parts = e.getKey().split("/");
      byte[] address = InetAddress.getByName(parts[0]).getAddress();
      int length = Integer.parseInt(parts[1]);
      Node node = root;
      for (int bit = 0; bit < length; bit++) {
        int b = (address[bit / 8] >> (7 - bit % 8)) & 1;
        if (bit == length - 1) {
          Node leaf = new Node();
          leaf.data = e.getValue();
          node.children[b] = leaf;
        } else {
          if (node.children[b] == null || node.children[b].data != null) {
            node.children[b] = new Node();
          }
          node = node.children[b];
        }
      }
    }
    List<Node> inner = new ArrayList<>();
    number(root, inner);
    int nodeCount = inner.size();
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    Map<Map<String, Object>, Integer> offsets = new LinkedHashMap<>();
    ByteArrayOutputStream tree = new ByteArrayOutputStream();
    for (Node node : inner) {
      for (Node child : node.children) {
        long value;
        if (child == null) {
          value = nodeCount;
        } else if (child.data != null) {
          Integer offset = offsets.get(child.data);
          if (offset == null) {
            offset = data.size();
            offsets.put(child.data, offset);
            encode(child.data, data);
          }
          value = nodeCount + 16L + offset;
        } else {
          value = child.number;
        }
        tree.write((int) (value >> 16) & 0xFF);
        tree.write((int) (value >> 8) & 0xFF);
        tree.write((int) value & 0xFF);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(tree.toByteArray());
    out.writeBytes(new byte[16]);
    out.writeBytes(data.toByteArray());
    out.writeBytes(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF});
    out.writeBytes("MaxMind.com".getBytes(StandardCharsets.US_ASCII));
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("node_count", (long) nodeCount);
    metadata.put("record_size", 24);
    metadata.put("ip_version", 4);
    metadata.put("database_type", databaseType);
    metadata.put("languages", List.of("en"));
    metadata.put("binary_format_major_version", 2);
    metadata.put("binary_format_minor_version", 0);
    metadata.put("build_epoch", java.math.BigInteger.valueOf(1_780_000_000L));
    metadata.put("description", Map.of("en", "Puerto test database"));
    encode(metadata, out);
    return Files.write(file, out.toByteArray());
  }

  /** Numbers the inner nodes breadth-first; the root is node 0. */
  private static void number(Node root, List<Node> inner) {
    List<Node> queue = new ArrayList<>(List.of(root));
    for (int i = 0; i < queue.size(); i++) {
      Node node = queue.get(i);
      node.number = inner.size();
      inner.add(node);
      for (Node child : node.children) {
        if (child != null && child.data == null) {
          queue.add(child);
        }
      }
    }
  }

  private static void encode(Object value, ByteArrayOutputStream out) {
    if (value instanceof String s) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      control(2, bytes.length, out);
      out.writeBytes(bytes);
    } else if (value instanceof Integer n) {
      byte[] bytes = unsigned(n);
      control(5, bytes.length, out); // uint16
      out.writeBytes(bytes);
    } else if (value instanceof Long n) {
      byte[] bytes = unsigned(n);
      control(6, bytes.length, out); // uint32
      out.writeBytes(bytes);
    } else if (value instanceof java.math.BigInteger n) {
      byte[] bytes = unsigned(n.longValueExact());
      control(9, bytes.length, out); // uint64
      out.writeBytes(bytes);
    } else if (value instanceof Map<?, ?> map) {
      control(7, map.size(), out);
      for (var e : map.entrySet()) {
        encode(e.getKey(), out);
        encode(e.getValue(), out);
      }
    } else if (value instanceof List<?> list) {
      control(11, list.size(), out);
      list.forEach(item -> encode(item, out));
    } else {
      throw new IllegalArgumentException("cannot encode " + value);
    }
  }

  /**
   * A control byte: type in the top three bits (0 and an extra byte for types above 7), size in the
   * low five, with one more byte for sizes from 29 to 284.
   */
  private static void control(int type, int size, ByteArrayOutputStream out) {
    if (size > 284) {
      throw new IllegalArgumentException("sizes above 284 are not needed here: " + size);
    }
    int low = Math.min(size, 29);
    out.write(((type <= 7 ? type : 0) << 5) | low);
    if (type > 7) {
      out.write(type - 7);
    }
    if (size >= 29) {
      out.write(size - 29);
    }
  }

  private static byte[] unsigned(long n) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    boolean started = false;
    for (int shift = 56; shift >= 0; shift -= 8) {
      int b = (int) (n >>> shift) & 0xFF;
      if (b != 0 || started) {
        bytes.write(b);
        started = true;
      }
    }
    return bytes.toByteArray();
  }
}
