package com.ghldata.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which failures of the pool mean "the database is away, try again in a moment" (store_unavailable). */
class DatabasesTest {
  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("connection refused", new ConnectException("Connection refused: /127.0.0.1:5432"), true),
        Arguments.of("connection reset", new SocketException("Connection reset"), true),
        Arguments.of("a session closed under the query", ClosedConnectionException.INSTANCE, true),
        Arguments.of("the pool's wait passed", new NoStackTraceThrowable("Timeout"), true),
        Arguments.of("the pool's queue full", new ConnectionPoolTooBusyException("max wait queue size reached"), true),
        Arguments.of("the database system is shutting down", pg("the database system is shutting down", "57P03"), true),
        Arguments.of("terminated by an administrator (pg_ctl stop)", pg("terminating connection due to administrator command", "57P01"), true),
        Arguments.of("a connection failure", pg("connection failure", "08006"), true),
        Arguments.of("too many connections", pg("sorry, too many clients already", "53300"), true),
        Arguments.of("wrapped in another failure", new VertxException(new ConnectException("refused")), true),
        Arguments.of("a unique violation", pg("duplicate key value violates unique constraint", "23505"), false),
        Arguments.of("a syntax error", pg("syntax error at or near \"SELEC\"", "42601"), false),
        Arguments.of("a bug of ours", new IllegalStateException("Timeout"), false),
        Arguments.of("a null", null, false));
  }

  @ParameterizedTest(name = "{0}: unavailable {2}")
  @MethodSource("failures")
  void tellsADatabaseAwayFromAFaultOfTheStatement(String name, Throwable failure, boolean unavailable) {
    assertThat(Databases.unavailable(failure)).isEqualTo(unavailable);
  }

  private static PgException pg(String message, String sqlState) {
    return new PgException(message, "FATAL", sqlState, null);
  }
}
