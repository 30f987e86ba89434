package dev.yocho.scoring.http;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBConnection;

/**
 * Reader connections: {@link DuckDBConnection#duplicate() duplicates} of the service's read-write
 * connection (one database instance, so they see what the refresh commits and nothing before),
 * lent to one request at a time and kept for the next (with the statements they prepared, {@link
 * StatementCache}), at most {@code max} at once.
 */
final class Readers implements AutoCloseable {
  private final DuckDBConnection owner;
  private final Semaphore permits;
  private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
  private final List<Connection> all = new ArrayList<>();

  Readers(DuckDBConnection owner, int max) {
    this.owner = owner;
    this.permits = new Semaphore(max);
  }

  /** A connection for one request; close the lease to return it. */
  Lease lease() throws SQLException {
    try {
      if (!permits.tryAcquire(10, TimeUnit.SECONDS)) {
        throw new ApiException(ErrorCode.UNAVAILABLE, "the service is busy; try again");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(ErrorCode.UNAVAILABLE, "the service is shutting down");
    }
    Connection c = idle.poll();
    if (c == null) {
      try {
        c = StatementCache.wrap(owner.duplicate());
      } catch (SQLException | RuntimeException e) {
        permits.release();
        throw e;
      }
      synchronized (all) {
        all.add(c);
      }
    }
    return new Lease(c);
  }

  final class Lease implements AutoCloseable {
    private final Connection connection;
    private boolean closed;

    private Lease(Connection connection) {
      this.connection = connection;
    }

    Connection connection() {
      return connection;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        idle.add(connection);
        permits.release();
      }
    }
  }

  @Override
  public void close() {
    synchronized (all) {
      for (Connection c : all) {
        try {
          c.close();
        } catch (SQLException e) {
          // closing: nothing left to do with it
        }
      }
      all.clear();
    }
  }
}
