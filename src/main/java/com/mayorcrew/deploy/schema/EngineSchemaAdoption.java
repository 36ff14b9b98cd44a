package com.mayorcrew.deploy.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringLiquibase;
import liquibase.integration.spring.SpringResourceAccessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Adopts a database whose engine tables the engine created itself ({@code schema-update: true}, as every release
 * before the managed schema did): before Liquibase updates it, the changesets of Camunda's changelog up to the
 * tag of the engine version recorded in {@code ACT_GE_SCHEMA_LOG} are marked as run (Camunda's documented
 * {@code changelogSyncToTag} step). The update then runs only the engine's later upgrade scripts and the
 * application's changesets, which mark themselves run when their tables exist.
 *
 * <p>Runs before the Liquibase bean initializes, which is when that bean updates the database.
 */
class EngineSchemaAdoption implements BeanPostProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(EngineSchemaAdoption.class);

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
    if (bean instanceof SpringLiquibase liquibase && liquibase.getDataSource() != null) {
      try {
        adopt(liquibase);
      } catch (SQLException | LiquibaseException e) {
        throw new BeanInitializationException("cannot adopt the existing engine schema into Liquibase", e);
      }
    }
    return bean;
  }

  private static void adopt(SpringLiquibase settings) throws SQLException, LiquibaseException {
    try (Connection connection = settings.getDataSource().getConnection()) {
      String schema = settings.getDefaultSchema() != null ? settings.getDefaultSchema() : connection.getSchema();
      String changeLogTable = settings.getDatabaseChangeLogTable() != null
          ? settings.getDatabaseChangeLogTable() : "DATABASECHANGELOG";
      if (!tableExists(connection, schema, "ACT_GE_PROPERTY") || tableExists(connection, schema, changeLogTable)) {
        return;
      }
      String tag = engineVersionTag(connection);
      Database database = DatabaseFactory.getInstance()
          .findCorrectDatabaseImplementation(new JdbcConnection(connection));
      database.setDefaultSchemaName(settings.getDefaultSchema());
      database.setLiquibaseSchemaName(settings.getLiquibaseSchema());
      database.setDatabaseChangeLogTableName(changeLogTable);
      if (settings.getDatabaseChangeLogLockTable() != null) {
        database.setDatabaseChangeLogLockTableName(settings.getDatabaseChangeLogLockTable());
      }
      // Built as SpringLiquibase builds its own, so the recorded change log file names are the ones it looks for.
      Liquibase liquibase = new Liquibase(settings.getChangeLog(),
          new SpringResourceAccessor(settings.getResourceLoader()), database);
      liquibase.changeLogSync(tag, new Contexts(settings.getContexts()), new LabelExpression(settings.getLabels()));
      LOG.info("Adopted the engine schema (version {}) created without Liquibase: changesets up to tag {} marked "
          + "as run in schema {}", tag, tag, schema);
    }
  }

  /** The tag of Camunda's changelog for the newest engine version the schema log records: {@code 7.24.0}. */
  private static String engineVersionTag(Connection connection) throws SQLException {
    List<int[]> versions = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT VERSION_ FROM ACT_GE_SCHEMA_LOG")) {
      while (rows.next()) {
        parse(rows.getString(1)).ifPresent(versions::add);
      }
    }
    int[] newest = versions.stream().max(Comparator.<int[]>comparingInt(v -> v[0]).thenComparingInt(v -> v[1]))
        .orElseThrow(() -> new IllegalStateException("ACT_GE_SCHEMA_LOG records no engine version"));
    return newest[0] + "." + newest[1] + ".0";
  }

  private static Optional<int[]> parse(String version) {
    String[] parts = version == null ? new String[0] : version.split("\\.");
    try {
      return parts.length < 2 ? Optional.empty()
          : Optional.of(new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])});
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Case as the database folds it: PostgreSQL lower, H2 upper. */
  private static boolean tableExists(Connection connection, String schema, String table) throws SQLException {
    DatabaseMetaData metaData = connection.getMetaData();
    for (String name : List.of(table.toLowerCase(java.util.Locale.ROOT), table.toUpperCase(java.util.Locale.ROOT))) {
      for (String inSchema : schema == null ? new String[] {null}
          : new String[] {schema, schema.toLowerCase(java.util.Locale.ROOT), schema.toUpperCase(java.util.Locale.ROOT)}) {
        try (ResultSet tables = metaData.getTables(connection.getCatalog(), inSchema, name, new String[] {"TABLE"})) {
          if (tables.next()) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
