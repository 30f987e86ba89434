/**
 * The data model: the observable tables a monitor has (firms, statements, monthly trial balances,
 * inquiries, events, guarantee applications, defaults, closures) and the truth tables that only
 * evaluation code may read. The observable DDL ({@code observable.sql}) is written from the data
 * contract ({@code dev.yocho.features.contract}); the truth DDL lives in {@code truth.sql} beside
 * this package; the enums here are the closed vocabularies stored in their VARCHAR columns.
 */
package dev.yocho.features.model;
