package dev.puerto.store;

import static dev.puerto.schema.Tables.DOMAIN_CHECKS;
import static dev.puerto.schema.Tables.DOMAIN_CHECK_ITEMS;

import dev.puerto.check.CheckItem;
import dev.puerto.check.CheckReport;
import java.time.ZoneOffset;
import java.util.List;

/** Keeps what {@code puerto check} found: a check and its items, in one transaction. */
public final class CheckStore {
  private final Database database;

  public CheckStore(Database database) {
    this.database = database;
  }

  public void save(CheckReport report) {
    database
        .dsl()
        .transaction(
            tx -> {
              var dsl = tx.dsl();
              long id =
                  dsl.insertInto(DOMAIN_CHECKS)
                      .set(DOMAIN_CHECKS.DOMAIN, report.domain())
                      .set(DOMAIN_CHECKS.CHECKED_AT, report.checkedAt().atOffset(ZoneOffset.UTC))
                      .set(DOMAIN_CHECKS.OK, report.ok())
                      .returning(DOMAIN_CHECKS.ID)
                      .fetchSingle()
                      .getId();
              List<CheckItem> items = report.items();
              var insert =
                  dsl.insertInto(
                      DOMAIN_CHECK_ITEMS,
                      DOMAIN_CHECK_ITEMS.CHECK_ID,
                      DOMAIN_CHECK_ITEMS.ITEM_NO,
                      DOMAIN_CHECK_ITEMS.AREA,
                      DOMAIN_CHECK_ITEMS.LEVEL,
                      DOMAIN_CHECK_ITEMS.CODE,
                      DOMAIN_CHECK_ITEMS.MESSAGE,
                      DOMAIN_CHECK_ITEMS.FIX);
              for (int i = 0; i < items.size(); i++) {
                CheckItem item = items.get(i);
                insert =
                    insert.values(
                        id,
                        i + 1,
                        item.area(),
                        item.level(),
                        item.code(),
                        item.messageWithDetails(),
                        item.fix());
              }
              if (!items.isEmpty()) {
                insert.execute();
              }
            });
  }
}
