package dev.yocho.scoring.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.Request;

/**
 * Reads request bodies so that slow or broken clients cannot starve the request threads: at most
 * {@code concurrent} bodies are read at once (503 {@code unavailable} beyond, at once), each within
 * a total deadline (408 {@code request_timeout}; a byte now and then does not extend it, as it
 * would Jetty's idle timeout), besides Jetty's minimum data rate ({@link #MIN_BYTES_PER_SECOND},
 * also 408). A body that ends early or whose chunked framing is malformed is the client's fault:
 * 400 {@code bad_body}, never a 500.
 */
final class RequestBody {
  /** Longest a client may take to send a body. */
  static final Duration DEADLINE = Duration.ofSeconds(10);
  /** Slowest body Jetty accepts, measured from its first byte. */
  static final long MIN_BYTES_PER_SECOND = 128;

  private final int maxBytes;
  private final Duration deadline;
  private final Semaphore permits;

  RequestBody(int maxBytes, int concurrent, Duration deadline) {
    if (concurrent < 1) {
      throw new IllegalArgumentException("concurrent body reads must be >= 1, was " + concurrent);
    }
    this.maxBytes = maxBytes;
    this.deadline = deadline;
    this.permits = new Semaphore(concurrent);
  }

  /** The body of {@code ctx}'s request, at most {@code maxBytes} (413 beyond). */
  byte[] read(Context ctx) {
    if (!permits.tryAcquire()) {
      ctx.header("Retry-After", "1");
      throw new ApiException(ErrorCode.UNAVAILABLE, "too many requests are sending a body at"
          + " once; try again shortly");
    }
    Request base = Request.getBaseRequest(ctx.req());
    HttpChannel channel = base == null ? null : base.getHttpChannel();
    long idle = channel == null ? -1 : channel.getIdleTimeout();
    long until = System.nanoTime() + deadline.toNanos();
    try {
      InputStream in = ctx.req().getInputStream();
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      byte[] buffer = new byte[1024];
      while (true) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          throw tooSlow();
        }
        if (channel != null) {
          // a blocked read wakes when the time left is up, not 30 s after the last byte
          channel.setIdleTimeout(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
        int n = in.read(buffer);
        if (n < 0) {
          return body.toByteArray();
        }
        body.write(buffer, 0, n);
        if (body.size() > maxBytes) {
          throw new ApiException(ErrorCode.BODY_TOO_LARGE, "the request body is larger than "
              + maxBytes + " bytes");
        }
      }
    } catch (BadMessageException e) {
      // Jetty's own verdicts on the body: the minimum data rate (408), bad chunked framing (400)
      throw e.getCode() == 408 ? tooSlow() : e.getCode() == 413
          ? new ApiException(ErrorCode.BODY_TOO_LARGE, "the request body is larger than "
              + maxBytes + " bytes")
          : new ApiException(ErrorCode.BAD_BODY, "the request body is malformed (its framing"
              + " could not be read)");
    } catch (IOException e) {
      if (timedOut(e)) {
        throw tooSlow();
      }
      if (e instanceof EofException || e.getCause() instanceof BadMessageException) {
        throw new ApiException(ErrorCode.BAD_BODY, "the request body ended before its declared"
            + " length, or its framing is malformed");
      }
      throw new ApiException(ErrorCode.BAD_BODY, "the request body could not be read");
    } finally {
      if (channel != null && idle > 0) {
        channel.setIdleTimeout(idle);
      }
      permits.release();
    }
  }

  private ApiException tooSlow() {
    return new ApiException(ErrorCode.REQUEST_TIMEOUT, "the request body did not arrive within "
        + deadline.toSeconds() + " s (or slower than " + MIN_BYTES_PER_SECOND + " bytes/s)");
  }

  private static boolean timedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }
}
