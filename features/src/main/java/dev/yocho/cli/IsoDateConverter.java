package dev.yocho.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** ISO dates (YYYY-MM-DD) on the command line, with messages that name the bad value. */
public final class IsoDateConverter implements ITypeConverter<LocalDate> {
  /** Parses the value of {@code option}; a malformed date is the caller's fault. */
  public static LocalDate parse(String option, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new UsageException("malformed " + option + " '" + value + "': expected YYYY-MM-DD");
    }
  }

  @Override
  public LocalDate convert(String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new TypeConversionException("'" + value + "' is not a date (expected YYYY-MM-DD)");
    }
  }
}
