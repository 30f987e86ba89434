package dev.yocho.scoring.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Objects;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Where the service listens: the address and port, checked before anything slow is loaded, and
 * Jetty's connector for them, plain HTTP or, with a {@link Tls} keystore, HTTPS.
 */
public final class Listener {
  private Listener() {}

  /**
   * HTTPS with Jetty's TLS: a PKCS12 (or JKS) keystore holding the server's key and certificate,
   * and its password. The keystore is read once at start, before anything slow, so a wrong path
   * or password is a one-line refusal.
   */
  public record Tls(Path keystore, String password) {
    public Tls {
      Objects.requireNonNull(keystore, "keystore");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "Tls[keystore=" + keystore + "]"; // never the password
    }

    void check() {
      if (!Files.isRegularFile(keystore)) {
        throw new IllegalArgumentException("--tls-keystore " + keystore + " not found");
      }
      try {
        java.security.KeyStore store = java.security.KeyStore.getInstance(keystore.toFile(),
            password.toCharArray());
        boolean hasKey = false;
        for (String alias : Collections.list(store.aliases())) {
          hasKey |= store.isKeyEntry(alias);
        }
        if (!hasKey) {
          throw new IllegalArgumentException("--tls-keystore " + keystore + " holds no private"
              + " key (it needs the server's key and certificate)");
        }
      } catch (IOException | java.security.GeneralSecurityException e) {
        throw new IllegalArgumentException("--tls-keystore " + keystore + " cannot be read"
            + " (wrong password, or not a PKCS12/JKS keystore): "
            + dev.yocho.cli.Cli.oneLine(rootMessage(e)), e);
      }
    }
  }

  /**
   * Refuses an address this machine cannot listen on (not one of its addresses, a port in use) by
   * binding it once, and a keystore that cannot be opened: seconds before the database and the
   * facts are loaded.
   */
  static void check(String bind, int port, Tls tls) {
    java.net.InetAddress address;
    try {
      address = java.net.InetAddress.getByName(bind);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("--bind " + bind + " is not an address or a known host"
          + " name", e);
    }
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new java.net.InetSocketAddress(address, port));
    } catch (IOException e) {
      String why = rootMessage(e);
      throw new IllegalArgumentException("cannot listen on " + bind + ":" + port + ": " + why
          + (port != 0 && why.contains("in use") ? " (another server on that port?)"
              : " (--bind must be an address of this machine)"), e);
    }
    if (tls != null) {
      tls.check();
    }
  }

  /** Jetty's connector on {@code bind:port}: HTTP/1.1, over TLS when {@code tls} is given. */
  static ServerConnector connector(Server server, HttpConfiguration http, String bind, int port,
      Tls tls) {
    ServerConnector connector;
    if (tls == null) {
      connector = new ServerConnector(server, new ProblemConnectionFactory(http));
    } else {
      HttpConfiguration https = new HttpConfiguration(http);
      SecureRequestCustomizer secure = new SecureRequestCustomizer();
      secure.setSniHostCheck(false); // clients may name the server by its address
      https.addCustomizer(secure);
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStorePath(tls.keystore().toAbsolutePath().toString());
      ssl.setKeyStorePassword(tls.password());
      connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
          new ProblemConnectionFactory(https));
    }
    connector.setHost(bind);
    connector.setPort(port);
    return connector;
  }

  /** The deepest message of a chain of causes (a class name when none has one). */
  static String rootMessage(Throwable e) {
    String message = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        message = t.getMessage();
      } else if (message == null) {
        message = t.getClass().getSimpleName();
      }
    }
    return message;
  }
}
