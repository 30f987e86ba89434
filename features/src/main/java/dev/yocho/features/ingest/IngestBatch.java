package dev.yocho.features.ingest;

import dev.yocho.cli.UsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files of one batch: loaded in one transaction, identified by their SHA-256.
 *
 * @param name how the batch is named in messages (its directory, or "files" for loose files)
 * @param files the files, each named by its table
 * @param datedName the date a directory named {@code YYYY-MM-DD} stands for, if it is one
 */
public record IngestBatch(String name, List<Path> files, Optional<LocalDate> datedName) {
  public IngestBatch {
    Objects.requireNonNull(name, "name");
    files = List.copyOf(files);
    Objects.requireNonNull(datedName, "datedName");
  }

  /**
   * The batches that {@code paths} name, in load order: the loose files together as one batch,
   * then each directory of files as one batch, or, for a directory of directories, each of its
   * subdirectories in name order. A missing path is the caller's fault.
   */
  public static List<IngestBatch> plan(List<Path> paths) {
    List<Path> loose = new ArrayList<>();
    List<IngestBatch> batches = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isRegularFile(p)) {
        loose.add(p);
      } else if (Files.isDirectory(p)) {
        List<Path> files = list(p, Files::isRegularFile);
        List<Path> dirs = list(p, Files::isDirectory);
        if (!files.isEmpty()) {
          batches.add(of(p, files));
        } else if (!dirs.isEmpty()) {
          for (Path d : dirs) {
            List<Path> inner = list(d, Files::isRegularFile);
            if (!inner.isEmpty()) {
              batches.add(of(d, inner));
            }
          }
        } else {
          throw new UsageException("directory " + p + " holds no files to ingest");
        }
      } else {
        throw new UsageException("file not found: " + p);
      }
    }
    if (!loose.isEmpty()) {
      batches.add(0, new IngestBatch("files", loose, Optional.empty()));
    }
    return List.copyOf(batches);
  }

  private static IngestBatch of(Path dir, List<Path> files) {
    Path fileName = dir.toAbsolutePath().normalize().getFileName();
    String name = fileName == null ? dir.toString() : fileName.toString();
    Optional<LocalDate> date;
    try {
      date = Optional.of(LocalDate.parse(name));
    } catch (DateTimeParseException e) {
      date = Optional.empty();
    }
    return new IngestBatch(dir.toString(), files, date);
  }

  /** Entries of {@code dir} that pass {@code filter}, in name order, hidden files left out. */
  private static List<Path> list(Path dir, java.util.function.Predicate<Path> filter) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(filter)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
