/**
 * The scoring-service command line ({@code yocho refresh}, {@code yocho explain}): picocli
 * commands that parse and check arguments, open the database and the models root, call {@link
 * dev.yocho.scoring.refresh}, and print a human summary or, with {@code --json}, one JSON object as
 * the last line. Bad input is one line on standard error and exit code 2 ({@link dev.yocho.cli.Cli}).
 */
package dev.yocho.scoring.cli;
