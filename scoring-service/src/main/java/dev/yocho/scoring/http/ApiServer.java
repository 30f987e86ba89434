package dev.yocho.scoring.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yocho.cli.Databases;
import dev.yocho.cli.JsonOut;
import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.features.compute.DataWindow;
import dev.yocho.features.compute.FeatureVector;
import dev.yocho.features.compute.SingleFirmFeatures;
import dev.yocho.features.model.Schema;
import dev.yocho.scoring.bundle.ModelBundle;
import dev.yocho.scoring.bundle.ModelStore;
import dev.yocho.scoring.bundle.TierModel;
import dev.yocho.scoring.cli.ExplainCommand;
import dev.yocho.scoring.explain.Language;
import dev.yocho.scoring.explain.TreeShap;
import dev.yocho.scoring.onnx.ScorerOptions;
import dev.yocho.scoring.refresh.GradeRow;
import dev.yocho.scoring.refresh.GradeStore;
import dev.yocho.scoring.refresh.MoveLookup;
import dev.yocho.scoring.refresh.RefreshJob;
import dev.yocho.scoring.refresh.RefreshResult;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP service: builds the Javalin app from {@link ApiRoutes#ALL}, owns the database's
 * read-write connection for its whole life, and answers the routes. See the package documentation.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private static final String FIRM_PROFILE = sql("firm_profile.sql");
  private static final String LATEST_GRADE = sql("latest_grade.sql");
  private static final String GRADE_HISTORY = sql("grade_history.sql");
  private static final String FIRM_IDS = sql("firm_ids.sql");
  private static final String REFRESH_DATES = sql("refresh_dates.sql");
  private static final String GRADE_COUNTS = sql("grade_counts.sql");
  private static final String TRANSITIONS_PAGE = sql("transitions_page.sql");
  /** Contributions listed by the score endpoint. */
  static final int TOP_CONTRIBUTIONS = 6;

  /**
   * How the service runs.
   *
   * @param maxBodyBytes largest request body accepted (413 beyond)
   * @param threads Jetty's request threads (and at most as many reader connections)
   * @param factsInMemoryRows hold every firm's facts in memory (explanations computed on demand
   *     then run no per-firm query) when the fact tables have at most this many rows (about 40
   *     bytes of heap each); 0 never
   * @param tls serve HTTPS with this keystore instead of plain HTTP (null: plain HTTP, for
   *     loopback or behind a TLS-terminating reverse proxy)
   */
  public record Options(Path db, Path models, Path keys, String bind, int port, int maxBodyBytes,
      int threads, long factsInMemoryRows, Listener.Tls tls) {
    public Options(Path db, Path models, Path keys, String bind, int port, int maxBodyBytes,
        int threads, long factsInMemoryRows) {
      this(db, models, keys, bind, port, maxBodyBytes, threads, factsInMemoryRows, null);
    }

    public Options {
      Objects.requireNonNull(db, "db");
      Objects.requireNonNull(models, "models");
      Objects.requireNonNull(keys, "keys");
      Objects.requireNonNull(bind, "bind");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("--port must be in [0, 65535], was " + port);
      }
      if (maxBodyBytes < 64) {
        throw new IllegalArgumentException("max body must be at least 64 bytes, was "
            + maxBodyBytes);
      }
      if (threads < 4 || threads > 512) {
        throw new IllegalArgumentException("threads must be in [4, 512], was " + threads);
      }
      if (factsInMemoryRows < 0) {
        throw new IllegalArgumentException("facts in memory must be >= 0 rows, was "
            + factsInMemoryRows);
      }
    }

    /** Facts held in memory by default up to this many rows (some 400 MiB of heap). */
    public static final long FACTS_IN_MEMORY_ROWS = 10_000_000L;

    public static Options defaults(Path db, Path models, Path keys) {
      return new Options(db, models, keys, "127.0.0.1", 7070, 4096, 64, FACTS_IN_MEMORY_ROWS);
    }

    public Options withPort(int p) {
      return new Options(db, models, keys, bind, p, maxBodyBytes, threads, factsInMemoryRows,
          tls);
    }

    public Options withBind(String b) {
      return new Options(db, models, keys, b, port, maxBodyBytes, threads, factsInMemoryRows,
          tls);
    }

    public Options withFactsInMemoryRows(long rows) {
      return new Options(db, models, keys, bind, port, maxBodyBytes, threads, rows, tls);
    }

    public Options withTls(Listener.Tls t) {
      return new Options(db, models, keys, bind, port, maxBodyBytes, threads, factsInMemoryRows,
          t);
    }
  }

  private final Options options;
  private final DuckDBConnection owner;
  private final Readers readers;
  private final ModelStore models;
  private final ApiKeys.Watched keys;
  private final AuditLog audit;
  private final PrometheusMeterRegistry metrics;
  private final DataWindow window;
  private final OnDemandMoves moves;
  private final SingleFirmFeatures single = new SingleFirmFeatures();
  /** Whether every firm's facts are in memory ({@link Options#factsInMemoryRows}). */
  private final boolean factsInMemory;
  /**
   * Tests: receives each progress line of a refresh run by the service, on the refresh's thread
   * (a line may block it, e.g. while its transaction is open).
   */
  volatile java.util.function.Consumer<String> refreshProgress = line -> { };
  private final Map<String, TreeShap> shap = new ConcurrentHashMap<>();
  private final ReentrantLock refreshLock = new ReentrantLock();
  private final Map<String, AtomicLong> gradeCounts = new LinkedHashMap<>();
  private final Timer refreshTimer;
  private final List<String> registered = Collections.synchronizedList(new ArrayList<>());
  private final String openApiJson;
  private volatile NavigableSet<LocalDate> refreshDates;
  /** Every firm id, sorted: the firms table does not change while the service runs. */
  private final long[] firmIds;
  /**
   * Stored explanations already read, by firm, from and to: immutable until the next refresh,
   * which clears the cache (read-through; explanations computed on demand are not kept).
   */
  private final Map<String, MoveLookup.Result> storedMoves = new ConcurrentHashMap<>();
  static final int STORED_MOVES_CACHED = 200_000;
  /** Bumped by every refresh: a read begun before it must not fill the cache after it. */
  private final AtomicLong refreshGeneration = new AtomicLong();
  private final Javalin app;
  /** Request bodies, read within a deadline and a few at a time (slow clients cannot starve us). */
  private final RequestBody bodies;

  private ApiServer(Options options) throws SQLException {
    this.options = options;
    this.bodies = new RequestBody(options.maxBodyBytes(), Math.max(2, options.threads() / 8),
        RequestBody.DEADLINE);
    this.keys = new ApiKeys.Watched(options.keys(), 1000);
    ApiKeys.exposure(options.keys()).ifPresent(LOG::warn);
    if (keys.current().activeCount() == 0) {
      throw new IllegalArgumentException("no active API key in " + options.keys() + ": create one"
          + " with ./yocho keys add --keys " + options.keys() + " --id NAME --role viewer");
    }
    this.models = new ModelStore(options.models(), ScorerOptions.defaults());
    DuckDBConnection rw = null;
    AuditLog log = null;
    try {
      ModelBundle current = models.current(); // verify the bundle before serving
      rw = Databases.open(options.db(), false).unwrap(DuckDBConnection.class);
      this.window = DataWindow.read(rw);
      this.firmIds = firmIds(rw);
      GradeStore.ensureSchema(rw);
      log = new AuditLog(rw.duplicate());
      this.owner = rw;
      this.audit = log;
      this.readers = new Readers(rw, options.threads());
      this.moves = new OnDemandMoves(models, single);
      long t0 = System.nanoTime();
      this.factsInMemory = options.factsInMemoryRows() > 0
          && single.preload(rw, options.factsInMemoryRows());
      LOG.info(factsInMemory ? String.format(Locale.ROOT, "every firm's facts held in memory"
          + " (%.1f s)", (System.nanoTime() - t0) / 1e9) : "facts read per request (more than "
          + options.factsInMemoryRows() + " rows)");
      this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      this.refreshTimer = Timer.builder("yocho.refresh.duration")
          .description("refreshes run by POST /api/v1/refresh").publishPercentileHistogram()
          .register(metrics);
      for (int g = 1; g <= current.masterScale().gradeCount(); g++) {
        String label = current.masterScale().label(g);
        AtomicLong count = new AtomicLong();
        gradeCounts.put(label, count);
        Gauge.builder("yocho.grades.firms", count, AtomicLong::get)
            .description("firms per grade on the latest refreshed date").tag("grade", label)
            .register(metrics);
      }
      loadRefreshState();
      this.openApiJson = JsonOut.toJson(OpenApi.document(ApiRoutes.ALL));
      this.app = build();
    } catch (RuntimeException | SQLException e) {
      if (log != null) {
        log.close();
      }
      if (rw != null) {
        rw.close();
      }
      models.close();
      throw e;
    }
  }

  /** Opens the database and models, and starts serving on {@code options.bind():port}. */
  public static ApiServer start(Options options) throws SQLException {
    // seconds before the database and the facts are loaded
    Listener.check(options.bind(), options.port(), options.tls());
    ApiServer server = new ApiServer(options);
    try {
      server.app.start();
    } catch (RuntimeException e) {
      server.close();
      throw new IllegalArgumentException("cannot listen on " + options.bind() + ":"
          + options.port() + ": " + dev.yocho.cli.Cli.oneLine(rootMessage(e)), e);
    }
    return server;
  }

  /** The deepest message of a chain of causes. */
  private static String rootMessage(Throwable e) {
    return Listener.rootMessage(e);
  }

  public int port() {
    return app.port();
  }

  public Options options() {
    return options;
  }

  /** The routes Javalin registered, as {@code METHOD path}. */
  public List<String> registeredRoutes() {
    synchronized (registered) {
      return List.copyOf(registered);
    }
  }

  /** Waits until every audit row so far is committed (tests, shutdown). */
  public void flushAudit() throws InterruptedException {
    audit.flush();
  }

  private static String sql(String name) {
    return Schema.resource(ApiServer.class, name);
  }

  // ---------------------------------------------------------------- the app

  private Javalin build() {
    Map<String, Handler> handlers = new HashMap<>();
    handlers.put("firm", this::firm);
    handlers.put("grades", this::grades);
    handlers.put("score", this::score);
    handlers.put("explain", this::explain);
    handlers.put("transitions", this::transitions);
    handlers.put("portfolio", this::portfolio);
    handlers.put("refresh", this::refresh);
    handlers.put("models", this::modelsList);
    handlers.put("metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
        .result(metrics.scrape()));
    handlers.put("health", this::health);
    handlers.put("openapi", ctx -> ctx.contentType("application/json").result(openApiJson));

    Javalin javalin = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.startupWatcherEnabled = false;
      config.useVirtualThreads = false;
      config.http.prefer405over404 = true;
      config.http.maxRequestSize = options.maxBodyBytes();
      config.http.disableCompression();
      config.router.ignoreTrailingSlashes = false;
      QueuedThreadPool pool = new QueuedThreadPool(options.threads(), 4);
      pool.setName("yocho-http");
      config.jetty.threadPool = pool;
      config.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler()));
      config.jetty.modifyServletContextHandler(
          handler -> handler.setErrorHandler(new ProblemErrorHandler()));
      config.jetty.modifyHttpConfiguration(http -> {
        http.setMinRequestDataRate(RequestBody.MIN_BYTES_PER_SECOND);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
      });
      config.jetty.addConnector((server, http) -> Listener.connector(server, http,
          options.bind(), options.port(), options.tls()));
      config.events.handlerAdded(info -> {
        HandlerType type = info.getHttpMethod();
        // HEAD is GET without its body; BEFORE is the loophole check, not a route
        if (type != HandlerType.HEAD && type != HandlerType.BEFORE) {
          registered.add(info.getHttpMethod().name() + " " + info.getPath());
        }
      });
      config.requestLogger.http((ctx, millis) -> {
        String route = ctx.attribute("yocho.route");
        // a Timer.Builder is mutable: a fresh one per request (the registry returns the meter
        // already registered under the same name and tags)
        Timer.builder("http.server.requests")
            .description("HTTP requests by route, method and status")
            .tags("method", ctx.method().name(), "route", route == null ? "unmatched" : route,
                "status", Integer.toString(ctx.statusCode()))
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(30))
            .register(metrics).record(Duration.ofNanos((long) (millis * 1e6)));
      });
    });
    for (ApiRoutes.Route route : ApiRoutes.ALL) {
      Handler handler = Objects.requireNonNull(handlers.remove(route.id()),
          () -> "no handler for route " + route.id());
      javalin.addHttpHandler(HandlerType.valueOf(route.method()), route.javalinPath(),
          ctx -> handle(route, handler, ctx));
      if (route.method().equals("GET")) {
        // HEAD is answered as GET (the same key, parameter and audit checks), without the body
        javalin.addHttpHandler(HandlerType.HEAD, route.javalinPath(),
            ctx -> handle(route, handler, ctx));
      }
    }
    javalin.before(ApiServer::refuseLoopholes);
    if (!handlers.isEmpty()) {
      throw new IllegalStateException("handlers without a route: " + handlers.keySet());
    }
    javalin.exception(ApiException.class, (e, ctx) -> problem(ctx, Problem.of(e, ctx.path())));
    javalin.exception(HttpResponseException.class, (e, ctx) -> problem(ctx,
        new Problem(ErrorCode.forStatus(e.getStatus()), detailFor(e.getStatus(), ctx), ctx.path(),
            null)));
    javalin.exception(Exception.class, (e, ctx) -> {
      String incident = UUID.randomUUID().toString();
      LOG.error("incident {}: {} {} failed", incident, ctx.method(), Params.clip(ctx.path()), e);
      problem(ctx, new Problem(ErrorCode.INTERNAL, "internal error (incident " + incident + ")",
          ctx.path(), null));
    });
    for (int status : new int[] {400, 401, 403, 404, 405, 408, 409, 413, 414, 415, 431, 500,
        503}) {
      javalin.error(status, ctx -> {
        String type = ctx.res().getContentType();
        if (type == null || !type.startsWith(Problem.MEDIA_TYPE)) {
          if (ctx.statusCode() >= 500) {
            // a 500 that no exception handler of ours saw (Javalin's own): logged with an incident
            String incident = UUID.randomUUID().toString();
            LOG.error("incident {}: {} {} answered {} without an exception", incident,
                ctx.method(), Params.clip(ctx.path()), ctx.statusCode());
            problem(ctx, new Problem(ErrorCode.forStatus(ctx.statusCode()), "internal error"
                + " (incident " + incident + ")", ctx.path(), null));
          } else {
            problem(ctx, new Problem(ErrorCode.forStatus(ctx.statusCode()),
                detailFor(ctx.statusCode(), ctx), ctx.path(), null));
          }
        }
      });
    }
    return javalin;
  }

  private static String detailFor(int status, Context ctx) {
    return switch (status) {
      case 404 -> "no endpoint " + ctx.method().name() + " " + Params.clip(ctx.path());
      case 405 -> "method " + ctx.method().name() + " is not allowed on "
          + Params.clip(ctx.path());
      case 413 -> "the request body is larger than " + 4096 + " bytes";
      default -> ErrorCode.forStatus(status).title();
    };
  }

  /**
   * Refuses what would change a request's meaning behind the route table's back: a method
   * override header (a GET that would run as a POST). Every answer is marked not to be cached.
   */
  private static void refuseLoopholes(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    for (String header : new String[] {"X-HTTP-Method-Override", "X-HTTP-Method",
        "X-Method-Override"}) {
      if (ctx.header(header) != null) {
        throw new ApiException(ErrorCode.BAD_REQUEST, "the " + header + " header is not"
            + " accepted: send the request with its own method");
      }
    }
  }

  private static void problem(Context ctx, Problem p) {
    ctx.header("Cache-Control", "no-store");
    ctx.status(p.status());
    if (p.code() == ErrorCode.UNAUTHENTICATED) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"yocho\"");
    }
    ctx.contentType(Problem.MEDIA_TYPE).result(p.toJson());
  }

  /** Authentication, roles, strict parameters and the audit row around every route. */
  private void handle(ApiRoutes.Route route, Handler handler, Context ctx) throws Exception {
    ctx.attribute("yocho.route", route.path());
    ApiKeys.Key key = null;
    int status = 500;
    try {
      if (route.role() != null) {
        try {
          key = authenticate(ctx);
        } catch (ApiException e) {
          signInFailed(route, ctx, e);
          throw e;
        }
        if (!key.role().allows(route.role())) {
          throw new ApiException(ErrorCode.FORBIDDEN, "key '" + key.id() + "' has role "
              + key.role().code() + "; " + route.key() + " needs " + route.role().code());
        }
      }
      Params.checkQuery(ctx, route.queryNames());
      handler.handle(ctx);
      status = ctx.statusCode();
    } catch (ApiException e) {
      status = e.code().status();
      throw e;
    } finally {
      if (route.audited() && key != null) {
        audit.append(new AuditLog.Entry(Instant.now(), key.id(), Params.firmIdOrNull(ctx),
            route.key(), status));
      }
    }
  }

  /**
   * A refused sign-in: audited under the key's id when the secret is a revoked key's, else
   * "unknown" (never the secret), and logged with the client's address.
   */
  private void signInFailed(ApiRoutes.Route route, Context ctx, ApiException e) {
    if (e.code() != ErrorCode.UNAUTHENTICATED && e.code() != ErrorCode.BAD_REQUEST) {
      return;
    }
    String header = ctx.header("Authorization");
    String keyId = "unknown";
    if (header != null && header.length() > 7 && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      keyId = keys.current().identify(header.substring(7).strip()).map(ApiKeys.Key::id)
          .orElse("unknown");
    }
    LOG.warn("sign-in refused: {} {} from {} (key {}): {}", ctx.method(), route.path(),
        ctx.ip(), keyId, e.getMessage());
    audit.append(new AuditLog.Entry(Instant.now(), keyId, Params.firmIdOrNull(ctx), route.key(),
        e.code().status()));
  }

  private ApiKeys.Key authenticate(Context ctx) {
    if (java.util.Collections.list(ctx.req().getHeaders("Authorization")).size() > 1) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "several Authorization headers: send one");
    }
    String header = ctx.header("Authorization");
    if (header == null) {
      throw new ApiException(ErrorCode.UNAUTHENTICATED,
          "missing 'Authorization: Bearer <key>' header");
    }
    if (header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ApiException(ErrorCode.UNAUTHENTICATED,
          "the Authorization header must be 'Bearer <key>'");
    }
    return keys.current().authenticate(header.substring(7).strip()).orElseThrow(
        () -> new ApiException(ErrorCode.UNAUTHENTICATED, "unknown or revoked API key"));
  }

  // ---------------------------------------------------------------- handlers

  /** Liveness; {@code degraded} with a detail for an operator when the keys file is unreadable. */
  private void health(Context ctx) {
    keys.current(); // notices a changed keys file even when no request carries a key
    String problem = keys.problem();
    ctx.json(problem == null ? Map.of("status", "ok")
        : Map.of("status", "degraded", "detail", problem));
  }

  private void firm(Context ctx) throws SQLException {
    long id = Params.firmId(ctx);
    requireFirm(id);
    try (Readers.Lease lease = readers.lease()) {
      Map<String, Object> out = profile(lease.connection(), id);
      try (PreparedStatement ps = lease.connection().prepareStatement(LATEST_GRADE)) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          out.put("latest", rs.next() ? gradeMap(rs) : null);
        }
      }
      ctx.json(out);
    }
  }

  private Map<String, Object> profile(java.sql.Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(FIRM_PROFILE)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new ApiException(ErrorCode.FIRM_NOT_FOUND, "unknown firm " + id);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        int n = rs.getMetaData().getColumnCount();
        for (int i = 1; i <= n; i++) {
          String label = rs.getMetaData().getColumnLabel(i);
          if (rs.getMetaData().getColumnType(i) == java.sql.Types.DATE) {
            LocalDate d = rs.getObject(i, LocalDate.class);
            out.put(label, d == null ? null : d.toString());
          } else {
            out.put(label, rs.getObject(i));
          }
        }
        return out;
      }
    }
  }

  private static Map<String, Object> gradeMap(ResultSet rs) throws SQLException {
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("as_of", rs.getObject(1, LocalDate.class).toString());
    g.put("grade", rs.getString(5));
    g.put("pd", rs.getDouble(4));
    g.put("tier", rs.getString(3));
    g.put("model_version", rs.getString(2));
    return g;
  }

  private void requireFirm(long id) {
    if (java.util.Arrays.binarySearch(firmIds, id) < 0) {
      throw new ApiException(ErrorCode.FIRM_NOT_FOUND, "unknown firm " + id);
    }
  }

  private static long[] firmIds(java.sql.Connection c) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(FIRM_IDS); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids.stream().mapToLong(Long::longValue).toArray();
  }

  private LocalDate latestRefresh() {
    NavigableSet<LocalDate> dates = refreshDates;
    if (dates.isEmpty()) {
      throw new ApiException(ErrorCode.DATE_NOT_FOUND, "no date has been refreshed yet");
    }
    return dates.last();
  }

  private void grades(Context ctx) throws SQLException {
    long id = Params.firmId(ctx);
    LocalDate to = Params.date(ctx, "to", null);
    LocalDate from = Params.date(ctx, "from", null);
    if (to == null) {
      to = refreshDates.isEmpty() ? window.to() : refreshDates.last();
      if (from != null && from.isAfter(to)) {
        to = from;
      }
    }
    if (from == null) {
      from = to.minusYears(1);
    }
    Params.checkRange("from", from, "to", to, false);
    try (Readers.Lease lease = readers.lease()) {
      requireFirm(id);
      List<Map<String, Object>> rows = new ArrayList<>();
      try (PreparedStatement ps = lease.connection().prepareStatement(GRADE_HISTORY)) {
        ps.setLong(1, id);
        ps.setString(2, from.toString());
        ps.setString(3, to.toString());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(gradeMap(rs));
          }
        }
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("firm_id", id);
      out.put("from", from.toString());
      out.put("to", to.toString());
      out.put("grades", rows);
      ctx.json(out);
    }
  }

  private void score(Context ctx) throws SQLException {
    long id = Params.firmId(ctx);
    LocalDate asOf = Params.date(ctx, "as_of", null);
    Language language = Params.language(ctx);
    try (Readers.Lease lease = readers.lease()) {
      java.sql.Connection c = lease.connection();
      requireFirm(id);
      if (asOf == null) {
        asOf = latestRefresh();
      }
      Optional<GradeRow> graded = GradeStore.gradeOn(c, id, asOf);
      if (graded.isEmpty()) {
        throw new ApiException(ErrorCode.DATE_NOT_FOUND, "firm " + id + " has no grade on "
            + asOf + (refreshDates.contains(asOf) ? " (it was not live then)"
                : " (not a refreshed date)"));
      }
      GradeRow g = graded.get();
      FeatureVector x = single.compute(c, id, asOf);
      TierModel model = models.load(g.modelVersion()).model(g.tier());
      TreeShap explainer = shap.computeIfAbsent(g.modelVersion() + "/" + g.tier().code(),
          k -> new TreeShap(model.ensemble()));
      double[] values = x.values();
      float[] rounded = new float[values.length];
      for (int j = 0; j < values.length; j++) {
        rounded[j] = (float) values[j];
      }
      double[] phi = new double[values.length];
      double phi0 = explainer.shap(rounded, phi, explainer.newWorkspace());
      double margin = phi0;
      for (double p : phi) {
        margin += p;
      }
      List<Integer> order = new ArrayList<>();
      for (int j = 0; j < phi.length; j++) {
        if (phi[j] != 0) {
          order.add(j);
        }
      }
      order.sort(Comparator.comparingDouble((Integer j) -> -Math.abs(phi[j]))
          .thenComparing(j -> j));
      FeatureCatalogue catalogue = FeatureCatalogue.current();
      List<Map<String, Object>> top = new ArrayList<>();
      for (int j : order.subList(0, Math.min(TOP_CONTRIBUTIONS, order.size()))) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("feature", catalogue.names().get(j));
        m.put("label", language == Language.JA ? catalogue.get(j).labelJa()
            : catalogue.get(j).labelEn());
        m.put("value", Double.isNaN(values[j]) ? null : values[j]);
        m.put("contribution", phi[j]);
        top.add(m);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("firm_id", id);
      out.put("as_of", asOf.toString());
      out.put("grade", g.grade());
      out.put("pd", g.pd());
      out.put("tier", g.tier().code());
      out.put("model_version", g.modelVersion());
      out.put("margin", margin);
      out.put("expected_value", phi0);
      out.put("lang", language.code());
      out.put("top_contributions", top);
      ctx.json(out);
    }
  }

  private void explain(Context ctx) throws SQLException {
    long id = Params.firmId(ctx);
    LocalDate from = Params.requiredDate(ctx, "from");
    LocalDate to = Params.requiredDate(ctx, "to");
    Language language = Params.language(ctx);
    Params.checkRange("from", from, "to", to, true);
    requireFirm(id);
    for (LocalDate d : List.of(from, to)) {
      if (!window.contains(d)) {
        throw new ApiException(ErrorCode.DATE_NOT_FOUND, d + " is outside the data range "
            + window.from() + " to " + window.to());
      }
    }
    try (Readers.Lease lease = readers.lease()) {
      java.sql.Connection c = lease.connection();
      String key = id + "/" + from + "/" + to;
      MoveLookup.Result result = storedMoves.get(key);
      if (result == null) {
        long generation = refreshGeneration.get();
        result = moves.explain(c, id, from, to, refreshDates);
        if (result.stored() && storedMoves.size() < STORED_MOVES_CACHED) {
          storedMoves.put(key, result);
          if (refreshGeneration.get() != generation) {
            storedMoves.remove(key);
          }
        }
      }
      ctx.json(ExplainCommand.toMap(result, language));
    }
  }

  private void portfolio(Context ctx) throws SQLException {
    LocalDate asOf = Params.date(ctx, "as_of", null);
    asOf = asOf == null ? latestRefresh() : asOf;
    if (!refreshDates.contains(asOf)) {
      throw new ApiException(ErrorCode.DATE_NOT_FOUND, asOf + " is not a refreshed date");
    }
    try (Readers.Lease lease = readers.lease()) {
      ctx.json(Portfolio.read(lease.connection(), asOf, models.current().masterScale()));
    }
  }

  private void transitions(Context ctx) throws SQLException {
    LocalDate asOf = Params.date(ctx, "as_of", null);
    String directionValue = Optional.ofNullable(ctx.queryParam("direction")).orElse("both");
    int direction = switch (directionValue) {
      case "up" -> -1;
      case "down" -> 1;
      case "both" -> 0;
      default -> throw ApiException.badParameter("direction", "'direction' must be up, down or"
          + " both, was '" + Params.clip(directionValue) + "'");
    };
    int minNotches = Params.integer(ctx, "min_notches", 1, 9, 1);
    int limit = Params.integer(ctx, "limit", 1, 1000, 100);
    if (asOf == null) {
      asOf = latestRefresh();
    }
    Cursor after = Cursor.parse(ctx.queryParam("cursor"), asOf, direction, minNotches);
    if (!refreshDates.contains(asOf)) {
      throw new ApiException(ErrorCode.DATE_NOT_FOUND, asOf + " is not a refreshed date");
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    Cursor next = null;
    try (Readers.Lease lease = readers.lease();
        PreparedStatement ps = lease.connection().prepareStatement(TRANSITIONS_PAGE)) {
      int i = 1;
      ps.setString(i++, asOf.toString());
      ps.setInt(i++, direction);
      ps.setInt(i++, direction);
      ps.setInt(i++, minNotches);
      ps.setBoolean(i++, after != null);
      int n = after == null ? 0 : after.notches();
      double d = after == null ? 0 : after.pdChange();
      long f = after == null ? 0 : after.firmId();
      ps.setInt(i++, n);
      ps.setInt(i++, n);
      ps.setDouble(i++, d);
      ps.setInt(i++, n);
      ps.setDouble(i++, d);
      ps.setLong(i++, f);
      ps.setInt(i++, limit + 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rows.size() == limit) {
            Map<String, Object> last = rows.get(rows.size() - 1);
            next = new Cursor(asOf, direction, minNotches,
                Math.abs((Integer) last.get("notches")),
                Math.abs((Double) last.get("pd_to") - (Double) last.get("pd_from")),
                (Long) last.get("firm_id"));
            break;
          }
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("firm_id", rs.getLong(1));
          m.put("previous_as_of", rs.getObject(2, LocalDate.class).toString());
          m.put("grade_from", rs.getString(3));
          m.put("grade_to", rs.getString(4));
          m.put("notches", rs.getInt(5));
          m.put("pd_from", rs.getDouble(6));
          m.put("pd_to", rs.getDouble(7));
          m.put("model_from", rs.getString(8));
          m.put("model_to", rs.getString(9));
          m.put("tier_from", rs.getString(10));
          m.put("tier_to", rs.getString(11));
          rows.add(m);
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("as_of", asOf.toString());
    out.put("direction", directionValue);
    out.put("min_notches", minNotches);
    out.put("limit", limit);
    out.put("transitions", rows);
    out.put("next_cursor", next == null ? null : next.encode());
    ctx.json(out);
  }

  /**
   * The keyset position after a page's last move, bound to the query it pages through, opaque to
   * clients (base64url of {@code v1|as_of|direction|min_notches|notches|pd change bits|firm}).
   */
  record Cursor(LocalDate asOf, int direction, int minNotches, int notches, double pdChange,
      long firmId) {
    String encode() {
      String s = "v1|" + asOf + "|" + direction + "|" + minNotches + "|" + notches + "|"
          + Long.toHexString(Double.doubleToLongBits(pdChange)) + "|" + firmId;
      return Base64.getUrlEncoder().withoutPadding().encodeToString(
          s.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor parse(String value, LocalDate asOf, int direction, int minNotches) {
      if (value == null) {
        return null;
      }
      String bad = "'cursor' is not a cursor of this query (use next_cursor of the previous"
          + " page with the same as_of, direction and min_notches)";
      if (value.length() > 200) {
        throw ApiException.badParameter("cursor", bad);
      }
      try {
        String[] p = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8)
            .split("\\|", -1);
        if (p.length != 7 || !p[0].equals("v1")) {
          throw ApiException.badParameter("cursor", bad);
        }
        Cursor c = new Cursor(LocalDate.parse(p[1]), Integer.parseInt(p[2]),
            Integer.parseInt(p[3]), Integer.parseInt(p[4]),
            Double.longBitsToDouble(Long.parseUnsignedLong(p[5], 16)), Long.parseLong(p[6]));
        if (!c.asOf().equals(asOf) || c.direction() != direction || c.minNotches() != minNotches
            || c.notches() < 1 || !(c.pdChange() >= 0 && c.pdChange() <= 1) || c.firmId() < 0) {
          throw ApiException.badParameter("cursor", bad);
        }
        return c;
      } catch (IllegalArgumentException | java.time.DateTimeException e) {
        if (e instanceof ApiException a) {
          throw a;
        }
        throw ApiException.badParameter("cursor", bad);
      }
    }
  }

  private void refresh(Context ctx) throws SQLException, IOException {
    long declared = ctx.req().getContentLengthLong();
    if (declared > options.maxBodyBytes()) {
      throw new ApiException(ErrorCode.BODY_TOO_LARGE, "the request body is larger than "
          + options.maxBodyBytes() + " bytes");
    }
    String type = ctx.header("Content-Type");
    String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!media.equals("application/json")) {
      throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the body must be"
          + " application/json, was " + (type == null ? "no Content-Type" : "'"
              + Params.clip(type) + "'"));
    }
    LocalDate asOf = refreshDate(bodies.read(ctx));
    if (!window.contains(asOf)) {
      throw ApiException.badParameter("as_of", "as_of " + asOf + " is outside the data range "
          + window.from() + " to " + window.to());
    }
    if (!refreshLock.tryLock()) {
      throw new ApiException(ErrorCode.REFRESH_RUNNING, "a refresh is already running; try again"
          + " when it has committed");
    }
    try {
      RefreshJob job = new RefreshJob(models, line -> {
        LOG.info(line);
        refreshProgress.accept(line);
      }, 2);
      RefreshResult r;
      long started = System.nanoTime();
      try {
        r = job.run(owner, asOf);
      } finally {
        refreshTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      }
      loadRefreshState();
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("as_of", r.asOf().toString());
      out.put("firms", r.firms());
      out.put("upgrades", r.upgrades());
      out.put("downgrades", r.downgrades());
      out.put("moves_2_or_more_notches", r.movesOfTwoOrMore());
      out.put("model_version", r.modelVersion());
      out.put("grades", r.firmsByGrade());
      out.put("seconds", r.seconds());
      ctx.json(out);
    } finally {
      refreshLock.unlock();
    }
  }

  /** JSON bodies: one value, nothing after it, no key given twice. */
  private static final com.fasterxml.jackson.databind.ObjectReader STRICT_JSON =
      new com.fasterxml.jackson.databind.ObjectMapper(com.fasterxml.jackson.core.JsonFactory
          .builder().enable(com.fasterxml.jackson.core.StreamReadFeature
              .STRICT_DUPLICATE_DETECTION).build())
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .readerFor(JsonNode.class);

  private static LocalDate refreshDate(byte[] body) {
    JsonNode node;
    try {
      node = STRICT_JSON.readValue(body);
    } catch (IOException e) {
      throw new ApiException(ErrorCode.BAD_BODY, "the body is not one valid JSON object (nothing"
          + " after it, no key twice)");
    }
    if (node == null || !node.isObject()) {
      throw new ApiException(ErrorCode.BAD_BODY, "the body must be a JSON object"
          + " {\"as_of\": \"YYYY-MM-DD\"}");
    }
    var names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!name.equals("as_of")) {
        throw new ApiException(ErrorCode.BAD_BODY, "unknown field '" + Params.clip(name)
            + "' (the body takes as_of only)", Params.clip(name));
      }
    }
    JsonNode asOf = node.get("as_of");
    if (asOf == null || !asOf.isTextual()) {
      throw new ApiException(ErrorCode.BAD_BODY, "the body needs \"as_of\": \"YYYY-MM-DD\"",
          "as_of");
    }
    return Params.parseDate("as_of", asOf.asText());
  }

  private void modelsList(Context ctx) throws IOException {
    String current = models.currentVersion();
    List<Map<String, Object>> list = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(models.root())) {
      for (Path d : dirs.sorted().toList()) {
        if (Files.isRegularFile(d.resolve("manifest.json"))) {
          String version = d.getFileName().toString();
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("version", version);
          m.put("current", version.equals(current));
          list.add(m);
        }
      }
    }
    ModelBundle bundle = models.current();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("current", current);
    out.put("master_scale", bundle.masterScale().version());
    out.put("tiers", bundle.models().stream().map(m -> m.tier().code()).toList());
    out.put("catalogue_version", FeatureCatalogue.current().version());
    out.put("models", list);
    ctx.json(out);
  }

  // ---------------------------------------------------------------- state

  private void loadRefreshState() throws SQLException {
    refreshGeneration.incrementAndGet();
    storedMoves.clear();
    moves.refreshed();
    TreeSet<LocalDate> dates = new TreeSet<>();
    try (PreparedStatement ps = owner.prepareStatement(REFRESH_DATES);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        dates.add(rs.getObject(1, LocalDate.class));
      }
    }
    refreshDates = Collections.unmodifiableNavigableSet(dates);
    for (AtomicLong count : gradeCounts.values()) {
      count.set(0);
    }
    if (!dates.isEmpty()) {
      try (PreparedStatement ps = owner.prepareStatement(GRADE_COUNTS)) {
        ps.setString(1, dates.last().toString());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            AtomicLong count = gradeCounts.get(rs.getString(1));
            if (count != null) {
              count.set(rs.getLong(2));
            }
          }
        }
      }
    }
  }

  /** Stops serving, flushes the audit log and releases the database (its lock) and the models. */
  @Override
  public void close() {
    try {
      app.stop();
    } finally {
      audit.close();
      readers.close();
      try {
        owner.close();
      } catch (SQLException e) {
        LOG.warn("closing the database failed", e);
      }
      models.close();
    }
  }
}
