package dev.puerto.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads a Prometheus text exposition with the reference parser of Prometheus' own Python client
 * ({@code prometheus_client.parser}, Debian package python3-prometheus-client), not with code of
 * Puerto's: what it accepts, a Prometheus server accepts. Without python3 or the module the test is
 * skipped, or fails when {@code PUERTO_REQUIRE_CHROMIUM=1} (as CI sets it, with the module
 * installed).
 */
public final class PrometheusText {
  public static final String REQUIRE = "PUERTO_REQUIRE_CHROMIUM";

  /** python3 on the PATH, else Debian's (a pyenv python3 on the PATH does not see its modules). */
  private static final List<String> PYTHONS = List.of("python3", "/usr/bin/python3");

  private static final String PARSER =
      """
      import json, sys
      from prometheus_client.parser import text_string_to_metric_families
      families = []
      for f in text_string_to_metric_families(sys.stdin.read()):
          families.append({"name": f.name, "type": f.type, "help": f.documentation,
              "samples": [{"name": s.name, "labels": s.labels, "value": s.value}
                          for s in f.samples]})
      json.dump(families, sys.stdout)
      """;

  private PrometheusText() {}

  /** A sample: its full name, labels and value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  /** A metric family: its name, type ("gauge", ...), help and samples. */
  public record Family(String name, String type, String help, List<Sample> samples) {}

  /** The families of {@code exposition}, as the reference parser reads them; it must accept it. */
  public static List<Family> parse(String exposition) throws IOException, InterruptedException {
    String python = python();
    Process process =
        new ProcessBuilder(python, "-c", PARSER)
            .redirectError(ProcessBuilder.Redirect.PIPE)
            .start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the Prometheus text parser did not finish");
    }
    if (process.exitValue() != 0) {
      throw new AssertionError(
          "prometheus_client's parser refused the exposition:\n"
              + new String(err, StandardCharsets.UTF_8)
              + "\n--- exposition ---\n"
              + exposition);
    }
    List<Family> families = new ArrayList<>();
    for (JsonNode f : new ObjectMapper().readTree(out)) {
      List<Sample> samples = new ArrayList<>();
      for (JsonNode s : f.get("samples")) {
        Map<String, String> labels = new LinkedHashMap<>();
        s.get("labels")
            .fields()
            .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        samples.add(new Sample(s.get("name").asText(), labels, s.get("value").asDouble()));
      }
      families.add(
          new Family(
              f.get("name").asText(), f.get("type").asText(), f.get("help").asText(), samples));
    }
    return families;
  }

  private static String python() throws InterruptedException {
    for (String python : PYTHONS) {
      try {
        Process probe =
            new ProcessBuilder(python, "-c", "import prometheus_client.parser")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
          return python;
        }
        probe.destroyForcibly();
      } catch (IOException e) {
        // not installed there: try the next
      }
    }
    RequiredTool.missing(
        REQUIRE,
        "python3 with prometheus_client (apt-get install python3-prometheus-client) is missing,"
            + " so /metrics cannot be checked with the reference parser");
    throw new IllegalStateException("unreachable: RequiredTool.missing skips or fails");
  }
}
