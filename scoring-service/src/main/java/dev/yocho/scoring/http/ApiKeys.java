package dev.yocho.scoring.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API keys file: per key its id, role, a random salt, SHA-256(salt ‖ secret), when it was
 * created and when (if) it was revoked. The secret itself is never stored: {@link #add} returns it
 * once. The file is JSON, rewritten atomically (a temporary file moved over it) and readable by its
 * owner only. {@link #add} and {@link #revoke} read, change and rewrite it under a lock (an OS file
 * lock on {@code <file>.lock}, and a lock within this JVM, which the OS lock does not cover), so two
 * of them at once, from two processes or two threads, both land.
 *
 * <p>Secrets are 32 random bytes (256 bits, base64url), so one unsalted-speed hash is enough: a
 * slow hash (PBKDF2) protects guessable passwords, not random keys, and would cost every request
 * milliseconds. {@link #authenticate} hashes the presented secret with every active key's salt and
 * compares with {@link MessageDigest#isEqual}, visiting every key whatever matches, so its time
 * does not depend on which key (if any) matched or where two hashes first differ.
 *
 * <p>Thread safety: an instance is an immutable snapshot of the file.
 */
public final class ApiKeys {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final int SECRET_BYTES = 32;
  private static final int SALT_BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One key of the file. {@code revoked} is null while the key is active. */
  public record Key(String id, Role role, byte[] salt, byte[] hash, Instant created,
      Instant revoked) {
    public Key {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(salt, "salt");
      Objects.requireNonNull(hash, "hash");
      Objects.requireNonNull(created, "created");
      salt = salt.clone();
      hash = hash.clone();
    }

    public boolean active() {
      return revoked == null;
    }
  }

  /** A new key and its secret, which exists nowhere else. */
  public record Added(Key key, String secret) {}

  private final List<Key> keys;

  private ApiKeys(List<Key> keys) {
    this.keys = List.copyOf(keys);
  }

  public List<Key> keys() {
    return keys;
  }

  /** The active keys. */
  public long activeCount() {
    return keys.stream().filter(Key::active).count();
  }

  /** Checks a key id: 1–64 characters of letters, digits, {@code _ . -}, starting alphanumeric. */
  public static String checkId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("key id must be 1-64 letters, digits, '_', '.' or '-',"
          + " starting with a letter or digit, was '" + id + "'");
    }
    return id;
  }

  /** Reads {@code file}; a missing file is an empty set of keys. */
  public static ApiKeys read(Path file) {
    if (!Files.exists(file)) {
      return new ApiKeys(List.of());
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("keys file " + file + " is not valid JSON: "
          + dev.yocho.cli.Cli.oneLine(e.getMessage()), e);
    }
    JsonNode array = root == null ? null : root.get("keys");
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException("keys file " + file + " has no \"keys\" array");
    }
    List<Key> keys = new ArrayList<>();
    Base64.Decoder b64 = Base64.getDecoder();
    for (JsonNode k : array) {
      try {
        JsonNode revoked = k.get("revoked");
        keys.add(new Key(checkId(k.get("id").asText()), Role.fromCode(k.get("role").asText()),
            b64.decode(k.get("salt").asText()), HexFormat.of().parseHex(k.get("hash").asText()),
            Instant.parse(k.get("created").asText()),
            revoked == null || revoked.isNull() ? null : Instant.parse(revoked.asText())));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("keys file " + file + " holds a malformed key entry "
            + k.path("id") + ": " + e.getMessage(), e);
      }
    }
    return new ApiKeys(keys);
  }

  /**
   * A warning when {@code file} can be read by others than its owner (its hashes would let them
   * try secrets offline), or empty. {@link #add} writes mode 600; a copy or an editor may not.
   */
  public static Optional<String> exposure(Path file) {
    try {
      var permissions = Files.getPosixFilePermissions(file);
      if (permissions.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ)
          || permissions.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)) {
        return Optional.of("keys file " + file + " is readable by others (mode "
            + PosixFilePermissions.toString(permissions) + "): chmod 600 " + file);
      }
    } catch (UnsupportedOperationException | IOException e) {
      // missing (refused elsewhere) or not a POSIX file system
    }
    return Optional.empty();
  }

  /** Adds key {@code id} with {@code role} to {@code file} (created when missing). */
  public static Added add(Path file, String id, Role role, Instant now) {
    checkId(id);
    return locked(file, () -> addUnlocked(file, id, role, now));
  }

  private static Added addUnlocked(Path file, String id, Role role, Instant now) {
    ApiKeys current = read(file);
    if (current.find(id).isPresent()) {
      throw new IllegalArgumentException("keys file " + file + " already has a key '" + id
          + "' (revoke it, or choose another id)");
    }
    byte[] secretBytes = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secretBytes);
    String secret = "yk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    Key key = new Key(id, role, salt, hash(salt, secret), now, null);
    List<Key> keys = new ArrayList<>(current.keys);
    keys.add(key);
    write(file, keys);
    return new Added(key, secret);
  }

  /** Marks key {@code id} revoked in {@code file}. */
  public static Key revoke(Path file, String id, Instant now) {
    checkId(id);
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("keys file not found: " + file);
    }
    return locked(file, () -> revokeUnlocked(file, id, now));
  }

  private static Key revokeUnlocked(Path file, String id, Instant now) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("keys file not found: " + file);
    }
    ApiKeys current = read(file);
    Key key = current.find(id).orElseThrow(
        () -> new IllegalArgumentException("keys file " + file + " has no key '" + id + "'"));
    if (!key.active()) {
      throw new IllegalArgumentException("key '" + id + "' was already revoked on "
          + key.revoked());
    }
    Key revoked = new Key(key.id(), key.role(), key.salt(), key.hash(), key.created(), now);
    List<Key> keys = new ArrayList<>();
    for (Key k : current.keys) {
      keys.add(k.id().equals(id) ? revoked : k);
    }
    write(file, keys);
    return revoked;
  }

  /** Within this JVM: the OS lock below is per process, and throws if one process takes it twice. */
  private static final Object IN_PROCESS = new Object();

  /** Longest {@link #add} and {@link #revoke} wait for another process's lock on the file. */
  static final long LOCK_WAIT_MILLIS = 5000;

  /**
   * Runs {@code change} holding both locks on {@code file}. The lock file is created readable by
   * its owner only; another process's lock is waited for at most {@link #LOCK_WAIT_MILLIS}, then
   * the change is refused naming the file (never a silent wait).
   */
  private static <T> T locked(Path file, java.util.function.Supplier<T> change) {
    Path lock = file.resolveSibling(file.getFileName() + ".lock");
    synchronized (IN_PROCESS) {
      Path dir = lock.toAbsolutePath().getParent();
      try {
        if (dir != null) {
          Files.createDirectories(dir);
        }
        createOwnerOnly(lock);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot create the keys lock file " + lock + ": "
            + reason(e) + " (is the directory " + dir + " writable?)", e);
      }
      try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lock,
          java.nio.file.StandardOpenOption.WRITE)) {
        long until = System.nanoTime() + LOCK_WAIT_MILLIS * 1_000_000L;
        java.nio.channels.FileLock held;
        while ((held = channel.tryLock()) == null) {
          if (System.nanoTime() - until >= 0) {
            throw new IllegalArgumentException("keys file " + file + " locked by another process"
                + " for " + LOCK_WAIT_MILLIS / 1000 + " s (" + lock + "); try again when it is"
                + " released");
          }
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + lock, e);
          }
        }
        try (java.nio.channels.FileLock release = held) {
          return change.get();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot lock keys file " + file + " (" + lock + ")", e);
      }
    }
  }

  /** Creates {@code file} (when missing) with mode 600, or narrows an existing one to 600. */
  private static void createOwnerOnly(Path file) throws IOException {
    try {
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------")));
      } catch (FileAlreadyExistsException e) {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      }
    } catch (UnsupportedOperationException e) {
      if (!Files.exists(file)) {
        Files.createFile(file); // not a POSIX file system: the directory protects the file
      }
    }
  }

  /** An I/O failure in words. */
  private static String reason(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such directory";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return String.valueOf(e.getMessage());
  }

  public Optional<Key> find(String id) {
    return keys.stream().filter(k -> k.id().equals(id)).findFirst();
  }

  /** The active key whose secret is {@code secret}, if any (constant time in the key compared). */
  public Optional<Key> authenticate(String secret) {
    if (secret == null || secret.isEmpty() || secret.length() > 256) {
      return Optional.empty();
    }
    Key match = null;
    for (Key k : keys) {
      boolean equal = MessageDigest.isEqual(hash(k.salt(), secret), k.hash());
      if (equal && k.active() && match == null) {
        match = k;
      }
    }
    return Optional.ofNullable(match);
  }

  /**
   * The key, active or revoked, whose secret is {@code secret}: names who tried a refused secret
   * (a revoked key) in the audit log, never to authenticate.
   */
  public Optional<Key> identify(String secret) {
    if (secret == null || secret.isEmpty() || secret.length() > 256) {
      return Optional.empty();
    }
    Key match = null;
    for (Key k : keys) {
      if (MessageDigest.isEqual(hash(k.salt(), secret), k.hash()) && match == null) {
        match = k;
      }
    }
    return Optional.ofNullable(match);
  }

  static byte[] hash(byte[] salt, String secret) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt);
      return sha.digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static void write(Path file, List<Key> keys) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", "yocho-keys-1");
    ArrayNode array = root.putArray("keys");
    for (Key k : keys) {
      ObjectNode o = array.addObject();
      o.put("id", k.id());
      o.put("role", k.role().code());
      o.put("salt", Base64.getEncoder().encodeToString(k.salt()));
      o.put("hash", HexFormat.of().formatHex(k.hash()));
      o.put("created", k.created().toString());
      if (k.revoked() == null) {
        o.putNull("revoked");
      } else {
        o.put("revoked", k.revoked().toString());
      }
    }
    Path dir = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
      try {
        try {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: the directory's permissions protect the file
        }
        Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        try (var channel = java.nio.channels.FileChannel.open(tmp,
            java.nio.file.StandardOpenOption.WRITE)) {
          channel.force(true);
        }
        try {
          Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (FileAlreadyExistsException e) {
      throw new IllegalArgumentException("cannot write keys file " + file + ": " + e.getMessage(),
          e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write keys file " + file + ": " + reason(e), e);
    }
  }

  /**
   * A keys file watched for changes: {@link #current} rereads it when its modification time or
   * size changed, at most once per {@code checkMillis}, so revoking or adding a key takes effect on
   * a running server without a restart. A file that became unreadable (corrupted by hand, say)
   * keeps the last good keys: the error is logged once per change of the file and {@link
   * #problem} says so until a good file is read again.
   */
  public static final class Watched {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Watched.class);
    private final Path file;
    private volatile String problem;
    private FileTime failedModified;
    private long failedSize = -2;
    private final long checkNanos;
    private volatile ApiKeys keys;
    private volatile FileTime modified;
    private volatile long size;
    private volatile long checkedAt;

    public Watched(Path file, long checkMillis) {
      this.file = Objects.requireNonNull(file, "file");
      this.checkNanos = checkMillis * 1_000_000L;
      this.keys = read(file);
      stamp();
      this.checkedAt = System.nanoTime();
    }

    public Path file() {
      return file;
    }

    public ApiKeys current() {
      long now = System.nanoTime();
      if (now - checkedAt >= checkNanos) {
        synchronized (this) {
          if (now - checkedAt >= checkNanos) {
            checkedAt = now;
            try {
              FileTime m = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
              long s = m == null ? -1 : Files.size(file);
              if (!Objects.equals(m, modified) || s != size) {
                keys = read(file);
                modified = m;
                size = s;
                if (problem != null) {
                  LOG.info("keys file {} is readable again: {} active keys", file,
                      keys.activeCount());
                }
                problem = null;
              }
            } catch (IOException | RuntimeException e) {
              // keep the last good keys; the next check tries again, and says so once per change
              failed(e);
            }
          }
        }
      }
      return keys;
    }

    private void failed(Exception e) {
      FileTime m;
      long s;
      try {
        m = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
        s = m == null ? -1 : Files.size(file);
      } catch (IOException io) {
        m = null;
        s = -3;
      }
      if (Objects.equals(m, failedModified) && s == failedSize && problem != null) {
        return;
      }
      failedModified = m;
      failedSize = s;
      problem = "the keys file could not be read at " + Instant.now().truncatedTo(
          java.time.temporal.ChronoUnit.SECONDS) + "; the last good keys (" + keys.activeCount()
          + " active) are in use until it is fixed (see the server log)";
      LOG.error("keys file {} could not be read ({}): keeping the last good keys, {} active",
          file, dev.yocho.cli.Cli.oneLine(e.getMessage()), keys.activeCount());
    }

    /** Why the keys in use are not the file's, or null when they are. */
    public String problem() {
      return problem;
    }

    private void stamp() {
      try {
        modified = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
        size = modified == null ? -1 : Files.size(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read keys file " + file, e);
      }
    }
  }
}
