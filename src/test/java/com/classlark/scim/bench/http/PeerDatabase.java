package com.classlark.scim.bench.http;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates or drops the PostgreSQL schema that {@code ./bench/peers} gives this service, so that the
 * script needs no psql: {@code PeerDatabase create|drop JDBC_URL SCHEMA}.
 */
public final class PeerDatabase {
  private PeerDatabase() {}

  public static void main(String[] args) throws SQLException {
    if (args.length != 3 || !args[2].matches("[a-z0-9_]+")) {
      throw new IllegalArgumentException("usage: PeerDatabase create|drop JDBC_URL SCHEMA");
    }
    String sql =
        switch (args[0]) {
          case "create" -> "CREATE SCHEMA " + args[2];
          case "drop" -> "DROP SCHEMA IF EXISTS " + args[2] + " CASCADE";
          default -> throw new IllegalArgumentException("create or drop, not " + args[0]);
        };
    try (Connection connection = DriverManager.getConnection(args[1]);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
