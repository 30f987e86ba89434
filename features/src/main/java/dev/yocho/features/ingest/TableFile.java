package dev.yocho.features.ingest;

import dev.yocho.cli.UsageException;
import dev.yocho.features.contract.Contract;
import dev.yocho.features.contract.TableContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One file of a batch, checked before anything is loaded: it exists, it is named by a contract
 * table, and its header (CSV) or schema (Parquet) has exactly the table's columns, in any order.
 * A CP932 file is first transcoded to a temporary UTF-8 copy for DuckDB's reader; a byte that is
 * not valid in the encoding is the caller's fault, named with its offset.
 */
final class TableFile implements AutoCloseable {
  enum Format { CSV, PARQUET }

  final Path file;
  final TableContract table;
  final Format format;
  /** The file's columns in the file's order. */
  final List<String> columns;
  /** What DuckDB reads: the file itself, or its UTF-8 copy. */
  final Path readable;
  private final boolean temporary;

  private TableFile(Path file, TableContract table, Format format, List<String> columns,
      Path readable, boolean temporary) {
    this.file = file;
    this.table = table;
    this.format = format;
    this.columns = List.copyOf(columns);
    this.readable = readable;
    this.temporary = temporary;
  }

  String fileName() {
    return file.getFileName().toString();
  }

  /** Checks {@code file} and prepares it for reading; unreadable input is a {@link UsageException}. */
  static TableFile open(Path file, Contract contract, Charset encoding, Connection connection)
      throws SQLException {
    if (!Files.isRegularFile(file)) {
      throw new UsageException("file not found: " + file);
    }
    String name = file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    Format format;
    String stem;
    if (lower.endsWith(".csv")) {
      format = Format.CSV;
      stem = name.substring(0, name.length() - 4);
    } else if (lower.endsWith(".parquet")) {
      format = Format.PARQUET;
      stem = name.substring(0, name.length() - 8);
    } else {
      throw new UsageException(file + ": not a .csv or .parquet file (files are named by their"
          + " table, e.g. firms.csv)");
    }
    TableContract table = contract.table(stem).orElseThrow(() -> new UsageException(file
        + ": no table '" + stem + "' in the data contract (tables: "
        + String.join(", ", contract.tableNames()) + ")"));
    if (format == Format.PARQUET) {
      List<String> columns = parquetColumns(file, connection);
      checkColumns(file, table, columns);
      return new TableFile(file, table, format, columns, file, false);
    }
    boolean utf8 = encoding.equals(StandardCharsets.UTF_8);
    Path readable = file;
    if (!utf8) {
      readable = transcode(file, encoding);
    }
    try {
      List<String> columns = header(file, readable);
      checkColumns(file, table, columns);
      return new TableFile(file, table, format, columns, readable, !utf8);
    } catch (RuntimeException e) {
      if (!utf8) {
        deleteQuietly(readable);
      }
      throw e;
    }
  }

  private static List<String> parquetColumns(Path file, Connection connection)
      throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM read_parquet("
            + Sql.literal(file.toAbsolutePath().toString()) + ")")) {
      while (rs.next()) {
        columns.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new UsageException(file + ": not a readable Parquet file: "
          + dev.yocho.cli.Cli.oneLine(e.getMessage()), e);
    }
    return columns;
  }

  /** The header line of a UTF-8 CSV file, split into column names (a BOM and quotes removed). */
  private static List<String> header(Path original, Path utf8) {
    byte[] head = new byte[65536];
    int n;
    try (InputStream in = Files.newInputStream(utf8)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw new UsageException("cannot read " + original + ": " + e.getMessage(), e);
    }
    int end = 0;
    while (end < n && head[end] != '\n') {
      end++;
    }
    if (n == 0) {
      throw new UsageException(original + ": empty file (a CSV file needs a header line)");
    }
    String line;
    try {
      line = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(head, 0, end)).toString();
    } catch (CharacterCodingException e) {
      throw new UsageException(original + ": the header line is not valid UTF-8 (pass --encoding"
          + " CP932 for a Shift_JIS file)", e);
    }
    if (line.startsWith("\uFEFF")) {
      line = line.substring(1);
    }
    line = line.strip();
    List<String> columns = new ArrayList<>();
    for (String c : line.split(",", -1)) {
      String t = c.strip();
      if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
        t = t.substring(1, t.length() - 1);
      }
      columns.add(t);
    }
    return columns;
  }

  private static void checkColumns(Path file, TableContract table, List<String> columns) {
    Set<String> seen = new HashSet<>();
    Set<String> repeated = new LinkedHashSet<>();
    for (String c : columns) {
      if (!seen.add(c)) {
        repeated.add(c);
      }
    }
    List<String> expected = table.columnNames();
    List<String> missing = expected.stream().filter(c -> !seen.contains(c)).toList();
    List<String> unknown = columns.stream().filter(c -> !expected.contains(c)).toList();
    if (!missing.isEmpty() || !unknown.isEmpty() || !repeated.isEmpty()) {
      StringBuilder m = new StringBuilder(file + ": wrong header for table " + table.name());
      if (!missing.isEmpty()) {
        m.append("; missing column(s) ").append(String.join(", ", missing));
      }
      if (!unknown.isEmpty()) {
        m.append("; unknown column(s) ").append(String.join(", ", unknown));
      }
      if (!repeated.isEmpty()) {
        m.append("; repeated column(s) ").append(String.join(", ", repeated));
      }
      m.append(" (expected ").append(String.join(",", expected)).append(")");
      throw new UsageException(m.toString());
    }
  }

  /**
   * A UTF-8 copy of {@code file} decoded from {@code encoding}; a byte sequence that is not valid
   * in it is the caller's fault, named by its offset.
   */
  private static Path transcode(Path file, Charset encoding) {
    Path out;
    try {
      out = Files.createTempFile("yocho-ingest-", ".csv");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file", e);
    }
    CharsetDecoder decoder = encoding.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
    ByteBuffer in = ByteBuffer.allocate(1 << 16);
    CharBuffer chars = CharBuffer.allocate(1 << 16);
    ByteBuffer bytes = ByteBuffer.allocate(1 << 18);
    long consumed = 0;
    try (InputStream src = Files.newInputStream(file);
        OutputStream dst = Files.newOutputStream(out)) {
      boolean eof = false;
      while (!eof) {
        int n = src.read(in.array(), in.position(), in.remaining());
        if (n < 0) {
          eof = true;
        } else {
          in.position(in.position() + n);
        }
        in.flip();
        int before = in.position();
        CoderResult r = decoder.decode(in, chars, eof);
        if (r.isError()) {
          long offset = consumed + in.position();
          throw new UsageException(file + ": bytes at offset " + offset + " are not valid "
              + encoding.name() + " (is the file in another encoding? --encoding UTF-8|CP932)");
        }
        consumed += in.position() - before;
        if (eof) {
          decoder.flush(chars);
        }
        chars.flip();
        encoder.encode(chars, bytes, eof);
        chars.compact();
        bytes.flip();
        dst.write(bytes.array(), 0, bytes.limit());
        bytes.clear();
        in.compact();
      }
    } catch (IOException e) {
      deleteQuietly(out);
      throw new UsageException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteQuietly(out);
      throw e;
    }
    return out;
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // a temporary copy left behind is harmless
    }
  }

  @Override
  public void close() {
    if (temporary) {
      deleteQuietly(readable);
    }
  }
}
