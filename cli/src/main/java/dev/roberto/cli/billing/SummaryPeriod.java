package dev.roberto.cli.billing;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The period of {@code roberto billing summary}: {@code [from, to)} in UTC dates. */
record SummaryPeriod(LocalDate from, LocalDate to) {

  private static final String RANGE_SEPARATOR = "..";

  /** Parses {@code YYYY-MM} as that calendar month, or {@code YYYY-MM-DD..YYYY-MM-DD}. */
  static SummaryPeriod parse(String value) {
    String text = value.strip();
    int separator = text.indexOf(RANGE_SEPARATOR);
    try {
      if (separator < 0) {
        YearMonth month = YearMonth.parse(text);
        return new SummaryPeriod(month.atDay(1), month.plusMonths(1).atDay(1));
      }
      LocalDate from = LocalDate.parse(text.substring(0, separator));
      LocalDate to = LocalDate.parse(text.substring(separator + RANGE_SEPARATOR.length()));
      if (!from.isBefore(to)) {
        throw new TypeConversionException(
            "The period " + value + " is empty: its start must be before its end.");
      }
      return new SummaryPeriod(from, to);
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "Invalid period '"
              + value
              + "': pass a month as YYYY-MM (2026-12) or dates as YYYY-MM-DD..YYYY-MM-DD"
              + " (2026-12-01..2026-12-15).");
    }
  }

  /** Lets picocli read {@code --period}; an invalid value is a usage error. */
  static final class Converter implements ITypeConverter<SummaryPeriod> {
    @Override
    public SummaryPeriod convert(String value) {
      return parse(value);
    }
  }
}
