import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;

/**
 * Build step: generates the jOOQ classes from {@code db/migration}.
 *
 * <p>jOOQ's DDLDatabase simulates PostgreSQL on H2 and cannot read {@code inet} or expression
 * indexes, so the migrations run on a real (embedded) PostgreSQL and jOOQ reads its catalog.
 * Skipped when the migrations are unchanged since the last run.
 *
 * <p>Usage: {@code java -cp CLASSPATH JooqCodegen.java MIGRATIONS_DIR OUTPUT_DIR WORK_DIR}
 */
public class JooqCodegen {
  public static void main(String[] args) throws Exception {
    Path migrations = Path.of(args[0]);
    Path output = Path.of(args[1]);
    Path work = Path.of(args[2]);
    Path stamp = output.resolve(".migrations.sha256");
    // The settings count as much as the migrations: a changed package or forced type regenerates.
    String hash = hashOf(migrations, generator(output).toString());
    if (Files.exists(stamp) && Files.readString(stamp).equals(hash)) {
      System.out.println("jOOQ classes are up to date with " + migrations);
      return;
    }
    Files.createDirectories(work);
    try (EmbeddedPostgres postgres =
        EmbeddedPostgres.builder().setOverrideWorkingDirectory(work.toFile()).start()) {
      Flyway.configure()
          .dataSource(postgres.getPostgresDatabase())
          .locations("filesystem:" + migrations.toAbsolutePath())
          .load()
          .migrate();
      GenerationTool.generate(
          new Configuration()
              .withJdbc(
                  new Jdbc()
                      .withDriver("org.postgresql.Driver")
                      .withUrl(postgres.getJdbcUrl("postgres", "postgres"))
                      .withUser("postgres"))
              .withGenerator(generator(output)));
    }
    Files.writeString(stamp, hash);
    System.out.println("generated jOOQ classes in " + output + " from " + migrations);
  }

  /**
   * The schema's classes go to a package of their own, {@code dev.puerto.schema}, beside the value
   * types of its enumerated columns (hand-written there): every package's use of the tables shows
   * in its imports, and a verdict or a status read from a column is an enum, never a string.
   */
  private static Generator generator(Path output) {
    return new Generator()
        .withDatabase(
            new Database()
                .withName("org.jooq.meta.postgres.PostgresDatabase")
                .withInputSchema("public")
                // partitions (records_y2026m12, ...) are the database's business: code reads the
                // parents
                .withExcludes("flyway_schema_history|.*_y[0-9]{4}m[0-9]{2}")
                .withForcedTypes(
                    enumColumn("InputStatus", "inputs\\.status|dmarc_inputs\\.status"),
                    enumColumn("Verdict", "findings\\.verdict"),
                    enumColumn("CheckLevel", "domain_check_items\\.level"),
                    enumColumn("Placement", "hosts\\.placed_by|dmarc_sources\\.placed_by"),
                    enumColumn("AlertRule", "alerts\\.rule"),
                    enumColumn("AlertChannel", "alert_deliveries\\.channel"),
                    enumColumn("DeliveryState", "alert_deliveries\\.state")))
        .withGenerate(
            new Generate()
                .withRecords(true)
                .withPojos(false)
                .withDaos(false)
                .withJavaTimeTypes(true)
                .withGeneratedAnnotation(false))
        .withTarget(
            new Target().withPackageName("dev.puerto.schema").withDirectory(output.toString()));
  }

  /** A text column whose values are the lower-case names of an enum in dev.puerto.schema. */
  private static ForcedType enumColumn(String type, String columns) {
    String userType = "dev.puerto.schema." + type;
    return new ForcedType()
        .withUserType(userType)
        .withConverter("new dev.puerto.schema.ColumnValues<>(" + userType + ".class)")
        .withIncludeExpression("(public\\.)?(" + columns + ")")
        .withIncludeTypes("text");
  }

  private static String hashOf(Path dir, String settings)
      throws IOException, NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    digest.update(settings.getBytes(StandardCharsets.UTF_8));
    List<Path> files;
    try (Stream<Path> walk = Files.list(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    }
    for (Path file : files) {
      digest.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
      digest.update(Files.readAllBytes(file));
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
