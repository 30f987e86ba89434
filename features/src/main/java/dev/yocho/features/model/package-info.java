/**
 * The data model: the observable tables a monitor has (firms, statements, monthly trial balances,
 * inquiries, events, guarantee applications, defaults, closures) and the truth tables that only
 * evaluation code may read. The DDL lives once, in {@code observable.sql} and {@code truth.sql}
 * beside this package; the enums here are the closed vocabularies stored in their VARCHAR columns.
 */
package dev.yocho.features.model;
