package io.cphub.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestDatabasesTest {
  @Test
  void eachDatabaseIsSeparateAndMigrated() throws Exception {
    TestDatabase a = TestDatabases.createMigrated();
    TestDatabase b = TestDatabases.createMigrated();
    try {
      assertThat(a.name()).isNotEqualTo(b.name());
      try (Connection c = a.connect(); Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE feed_head SET version = 7");
      }
      try (Connection c = b.connect(); Statement s = c.createStatement();
           ResultSet r = s.executeQuery("SELECT version FROM feed_head")) {
        r.next();
        assertThat(r.getLong(1)).isZero();
      }
    } finally {
      a.drop();
      b.drop();
    }
  }

  @Test
  void urlFormIsParsed() {
    PostgresServer s = PostgresServer.fromUrl("jdbc:postgresql://127.0.0.1:5433/test?user=alice&password=pw");
    assertThat(s.host).isEqualTo("127.0.0.1");
    assertThat(s.port).isEqualTo(5433);
    assertThat(s.user).isEqualTo("alice");
    assertThat(s.password).isEqualTo("pw");
    assertThat(s.adminDatabase).isEqualTo("test");
  }
}
