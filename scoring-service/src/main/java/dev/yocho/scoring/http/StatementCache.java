package dev.yocho.scoring.http;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.Map;

/**
 * A reader connection that keeps every statement it prepares: DuckDB plans a statement when it is
 * prepared, which costs more than running these small point queries, and the same dozen queries
 * run on every request. {@code prepareStatement(sql)} returns the statement prepared before for
 * the same text (its parameters cleared); closing it only clears its parameters. The connection
 * is used by one request at a time ({@link Readers}), so statements are never shared between
 * threads. Everything else goes to the DuckDB connection.
 */
final class StatementCache {
  private StatementCache() {}

  static Connection wrap(Connection connection) {
    Map<String, PreparedStatement> prepared = new HashMap<>();
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getName().equals("prepareStatement") && args != null && args.length == 1
          && args[0] instanceof String sql) {
        PreparedStatement ps = prepared.get(sql);
        if (ps == null || ps.isClosed()) {
          ps = connection.prepareStatement(sql);
          prepared.put(sql, ps);
        } else {
          ps.clearParameters();
        }
        return reusable(ps);
      }
      if (method.getName().equals("close")) {
        for (PreparedStatement ps : prepared.values()) {
          ps.close();
        }
        prepared.clear();
      }
      return invoke(method, connection, args);
    };
    return (Connection) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
        new Class<?>[] {Connection.class}, handler);
  }

  private static PreparedStatement reusable(PreparedStatement ps) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getName().equals("close") && (args == null || args.length == 0)) {
        ps.clearParameters();
        return null;
      }
      if (method.getName().equals("isClosed") && (args == null || args.length == 0)) {
        return false;
      }
      return invoke(method, ps, args);
    };
    return (PreparedStatement) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
        new Class<?>[] {PreparedStatement.class}, handler);
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

}
