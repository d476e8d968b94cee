package dev.puerto.alert;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.puerto.schema.AlertRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import org.jooq.JSONB;

/**
 * The one JSON shape of an alert: its {@link Condition} as {@code facts} (record components in
 * snake case, days as ISO dates), stored as {@code alerts.payload}, and the webhook's body around
 * it.
 */
final class AlertJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .addModule(
              new SimpleModule()
                  .addSerializer(
                      LocalDate.class,
                      new JsonSerializer<>() {
                        @Override
                        public void serialize(
                            LocalDate value, JsonGenerator json, SerializerProvider provider)
                            throws IOException {
                          json.writeString(value.toString());
                        }
                      })
                  .addDeserializer(
                      LocalDate.class,
                      new JsonDeserializer<>() {
                        @Override
                        public LocalDate deserialize(JsonParser json, DeserializationContext ctx)
                            throws IOException {
                          return LocalDate.parse(json.getValueAsString());
                        }
                      }))
          .build();

  private AlertJson() {}

  static JSONB payload(Condition condition) {
    return JSONB.jsonb(facts(condition).toString());
  }

  static ObjectNode facts(Condition condition) {
    return MAPPER.valueToTree(condition);
  }

  static Condition condition(AlertRule rule, JSONB payload) {
    try {
      return MAPPER.readValue(payload.data(), type(rule));
    } catch (IOException e) {
      throw new UncheckedIOException("alerts.payload of a " + rule.code() + " alert", e);
    }
  }

  private static Class<? extends Condition> type(AlertRule rule) {
    return switch (rule) {
      case NEW_FAILING_SOURCE -> Condition.NewFailingSource.class;
      case PASS_RATE_DROP -> Condition.PassRateDrop.class;
      case SILENT_REPORTER -> Condition.SilentReporter.class;
      case TLS_FAILURES -> Condition.TlsFailures.class;
      case REJECTED_INPUTS -> Condition.RejectedInputs.class;
    };
  }

  /**
   * The webhook's body: the alert's id (the same on every retry, for receivers to drop duplicates),
   * rule, subject, period, domain, when it fired, its title and text in the configured language,
   * and the facts.
   */
  static byte[] webhookBody(FiredAlert alert, AlertText text) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("id", alert.id());
    body.put("rule", alert.condition().rule().code());
    body.put("subject", alert.condition().subject());
    body.put("period", alert.condition().period());
    body.put("domain", alert.condition().domain());
    body.put("fired_at", alert.firedAt().toInstant().toString());
    body.put("title", text.title(alert.condition()));
    body.put("text", text.body(alert.condition()));
    body.set("facts", facts(alert.condition()));
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code alerts list --format json}: the alert, its facts and its deliveries. */
  static ObjectNode listed(FiredAlert alert) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", alert.id());
    node.put("fired_at", alert.firedAt().toInstant().toString());
    node.put("rule", alert.condition().rule().code());
    node.put("subject", alert.condition().subject());
    node.put("period", alert.condition().period());
    node.put("domain", alert.condition().domain());
    node.set("facts", facts(alert.condition()));
    ObjectNode deliveries = node.putObject("deliveries");
    for (FiredAlert.Delivery d : alert.deliveries()) {
      ObjectNode one = deliveries.putObject(d.channel().code());
      one.put("state", d.state().code());
      one.put("attempts", d.attempts());
      one.put("sent_at", d.sentAt() == null ? null : d.sentAt().toInstant().toString());
      one.put("last_error", d.lastError());
    }
    return node;
  }
}
