package dev.yocho.scoring.http;

import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpChannelOverHttp;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.HttpConnectionFactory;

/**
 * Jetty's HTTP/1.1 connections, except that a request line with a malformed protocol version
 * ({@code HTTP/1.x}, none at all) is answered 400 rather than the parser's 505: it is the client's
 * malformed request, and a 5xx means the server failed. The body is problem+json as for every
 * other refusal ({@link ProblemErrorHandler}).
 */
final class ProblemConnectionFactory extends HttpConnectionFactory {
  ProblemConnectionFactory(HttpConfiguration configuration) {
    super(configuration);
  }

  @Override
  public Connection newConnection(Connector connector, EndPoint endPoint) {
    HttpConnection connection = new HttpConnection(getHttpConfiguration(), connector, endPoint,
        isRecordHttpComplianceViolations()) {
      @Override
      protected HttpChannelOverHttp newHttpChannel() {
        return new HttpChannelOverHttp(this, getConnector(), getHttpConfiguration(),
            getEndPoint(), this) {
          @Override
          public void badMessage(BadMessageException failure) {
            super.badMessage(failure.getCode() >= 500
                ? new BadMessageException(400, failure.getReason(), failure) : failure);
          }
        };
      }
    };
    connection.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
    connection.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
    return configure(connection, connector, endPoint);
  }
}
