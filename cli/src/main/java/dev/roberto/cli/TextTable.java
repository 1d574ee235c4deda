package dev.roberto.cli;

import java.util.ArrayList;
import java.util.List;

/** Rows in columns padded to the widest cell, for lists a person reads in a terminal. */
public final class TextTable {

  private final List<String[]> rows = new ArrayList<>();

  public TextTable(String... headers) {
    rows.add(headers);
  }

  public void add(String... cells) {
    rows.add(cells);
  }

  /** Returns the header line and one line per row; a null cell shows as {@code -}. */
  public List<String> lines() {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], cell(row, i).length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        String cell = cell(row, i);
        line.append(cell);
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - cell.length() + 2));
        }
      }
      lines.add(line.toString());
    }
    return lines;
  }

  private static String cell(String[] row, int column) {
    return column < row.length && row[column] != null ? row[column] : "-";
  }
}
