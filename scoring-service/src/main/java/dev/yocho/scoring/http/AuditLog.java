package dev.yocho.scoring.http;

import dev.yocho.features.model.Schema;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends {@code audit_log(at, key_id, firm_id, endpoint, status)} rows: who read what about which
 * firm. Requests hand their row to a queue; one writer thread appends what has queued, through
 * DuckDB's Appender in one transaction, every {@value #FLUSH_MILLIS} ms (a row per request, one
 * commit per batch, keeps auditing off the request's latency). {@link #flush} waits until every row
 * queued before it is committed; {@link #close} flushes. The table is only ever appended to.
 */
public final class AuditLog implements AutoCloseable {
  static final long FLUSH_MILLIS = 100;
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private static final String SCHEMA = Schema.resource(AuditLog.class, "audit_schema.sql");

  /** One audited read. {@code firmId} is null when the request's id was malformed. */
  public record Entry(Instant at, String keyId, Long firmId, String endpoint, int status) {
    public Entry {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(keyId, "keyId");
      Objects.requireNonNull(endpoint, "endpoint");
    }
  }

  private final DuckDBConnection connection;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>(1_000_000);
  private final Thread writer;
  private volatile boolean closed;

  /** Creates the table when missing and starts the writer over {@code connection} (owned). */
  public AuditLog(DuckDBConnection connection) throws SQLException {
    this.connection = Objects.requireNonNull(connection, "connection");
    Schema.execute(connection, SCHEMA);
    writer = new Thread(this::run, "yocho-audit");
    writer.setDaemon(true);
    writer.start();
  }

  /** Queues one row; never blocks the request (a full queue is a bug worth a 503). */
  public void append(Entry entry) {
    if (closed || !queue.offer(Objects.requireNonNull(entry, "entry"))) {
      throw new ApiException(ErrorCode.UNAVAILABLE, "the audit log is not accepting entries");
    }
  }

  /** Waits until every row queued before this call is committed. */
  public void flush() throws InterruptedException {
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    if (!queue.offer(done)) {
      throw new IllegalStateException("audit queue full");
    }
    if (!done.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("audit log did not flush within 30 s");
    }
  }

  private void run() {
    List<Object> batch = new ArrayList<>();
    while (true) {
      try {
        Object first = queue.poll(FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closed) {
            return;
          }
          continue;
        }
        batch.add(first);
        queue.drainTo(batch);
        write(batch);
        batch.clear();
      } catch (InterruptedException e) {
        queue.drainTo(batch);
        write(batch);
        return;
      }
    }
  }

  private void write(List<Object> batch) {
    List<Entry> rows = new ArrayList<>(batch.size());
    for (Object o : batch) {
      if (o instanceof Entry e) {
        rows.add(e);
      }
    }
    if (!rows.isEmpty()) {
      try (DuckDBAppender a = connection.createAppender("main", "audit_log")) {
        for (Entry e : rows) {
          long micros = Math.addExact(Math.multiplyExact(e.at().getEpochSecond(), 1_000_000L),
              e.at().getNano() / 1000);
          a.beginRow().appendEpochMicros(micros).append(e.keyId());
          if (e.firmId() == null) {
            a.appendNull();
          } else {
            a.append(e.firmId().longValue());
          }
          a.append(e.endpoint()).append(e.status()).endRow();
        }
      } catch (SQLException | RuntimeException ex) {
        LOG.error("could not append {} audit rows", rows.size(), ex);
      }
    }
    for (Object o : batch) {
      if (o instanceof java.util.concurrent.CountDownLatch latch) {
        latch.countDown();
      }
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IllegalStateException e) {
      LOG.error("audit log flush on close failed", e);
    }
    closed = true;
    try {
      writer.join(5000);
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException e) {
      LOG.warn("closing the audit connection failed", e);
    }
  }

}
