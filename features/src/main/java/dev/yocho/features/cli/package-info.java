/**
 * The command line of the features jar: {@code yocho features} (batch to Parquet, or one firm's
 * labelled vector) and {@code yocho bench features}. Bad input (a malformed date, an unknown firm,
 * a firm not live at the date, a date outside the data range, a missing database) is one line on
 * standard error and exit code 2, through {@link dev.yocho.cli.Cli}.
 */
package dev.yocho.features.cli;
