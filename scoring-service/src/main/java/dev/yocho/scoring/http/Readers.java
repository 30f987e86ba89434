package dev.yocho.scoring.http;

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
 * lent to one request at a time and kept for the next, at most {@code max} at once.
 */
final class Readers implements AutoCloseable {
  private final DuckDBConnection owner;
  private final Semaphore permits;
  private final ConcurrentLinkedQueue<DuckDBConnection> idle = new ConcurrentLinkedQueue<>();
  private final List<DuckDBConnection> all = new ArrayList<>();

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
    DuckDBConnection c = idle.poll();
    if (c == null) {
      try {
        c = owner.duplicate();
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
    private final DuckDBConnection connection;
    private boolean closed;

    private Lease(DuckDBConnection connection) {
      this.connection = connection;
    }

    DuckDBConnection connection() {
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
      for (DuckDBConnection c : all) {
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
