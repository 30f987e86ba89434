/**
 * The data contract: one machine-readable description ({@code contract.json} beside this package)
 * of every observable table — columns, types, units, keys, allowed codes and the rules a row must
 * obey. The DDL ({@code model/observable.sql}), the ingest's checks, the export and {@code
 * docs/data-contract.md} are all derived from it; tests fail when a derived file is stale.
 */
package dev.yocho.features.contract;
