/**
 * The HTTP API for credit staff (DESIGN section 7): a Javalin server over the refresh tables that
 * answers a firm's profile and grade history, its score with the top contributions, the
 * explanation of a grade move, a day's transitions page by page, and runs the refresh on request.
 *
 * <p>One route table ({@link dev.yocho.scoring.http.ApiRoutes}) is both what {@link
 * dev.yocho.scoring.http.ApiServer} registers and what {@link dev.yocho.scoring.http.OpenApi}
 * documents. Every error is {@code application/problem+json} (RFC 9457) with a stable {@link
 * dev.yocho.scoring.http.ErrorCode}; the status follows the code's category, never the call site,
 * and internals are logged, never returned. Keys ({@link dev.yocho.scoring.http.ApiKeys}) are
 * stored as salted SHA-256 hashes and compared in constant time; every read about a firm is
 * appended to {@code audit_log} ({@link dev.yocho.scoring.http.AuditLog}).
 *
 * <p>The service owns its DuckDB file: one read-write connection held for its whole life (so a CLI
 * refresh of the same file fails at once), which the refresh writes through, and duplicated
 * connections for readers, who see the last committed day while a refresh runs.
 */
package dev.yocho.scoring.http;
