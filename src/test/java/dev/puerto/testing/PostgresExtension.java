package dev.puerto.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class a fresh database ({@link TestDatabase} as a constructor or method parameter),
 * dropped after the class. The server is started once per test run.
 */
public final class PostgresExtension implements ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(PostgresExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext classContext =
        context.getTestClass().isPresent() && context.getTestMethod().isPresent()
            ? context.getParent().orElse(context)
            : context;
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "database", key -> createDatabase(server(context)), ClassDatabase.class)
        .database();
  }

  private static ClassDatabase createDatabase(PostgresServer server) {
    try {
      return new ClassDatabase(server, server.createDatabase());
    } catch (Exception e) {
      throw new ParameterResolutionException("cannot create a test database", e);
    }
  }

  private static PostgresServer server(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("server", key -> new SharedServer(startServer()), SharedServer.class)
        .server();
  }

  private static PostgresServer startServer() {
    try {
      return PostgresServer.start();
    } catch (Exception e) {
      throw new ParameterResolutionException("cannot start a PostgreSQL server for the tests", e);
    }
  }

  private record SharedServer(PostgresServer server)
      implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() throws Exception {
      server.close();
    }
  }

  private record ClassDatabase(PostgresServer server, TestDatabase database)
      implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() throws Exception {
      server.dropDatabase(database.name());
    }
  }
}
