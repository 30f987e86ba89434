package dev.yocho.scoring.cli;

import dev.yocho.cli.JsonOut;
import dev.yocho.scoring.http.ApiKeys;
import dev.yocho.scoring.http.Role;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code yocho keys add|revoke|list}: the API keys file. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Manages the HTTP API's keys file (salted SHA-256 hashes, never the secrets).",
    subcommands = {KeysCommand.Add.class, KeysCommand.Revoke.class, KeysCommand.ListKeys.class})
public final class KeysCommand implements Runnable {
  @Override
  public void run() {
    throw new dev.yocho.cli.UsageException("name a keys subcommand: add, revoke or list");
  }

  /** {@code keys add}: prints the new secret once, on the last line. */
  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Adds a key and prints its secret once, on the last line of standard output"
          + " (with --json, inside the JSON object). The file keeps only a salted hash.")
  public static final class Add implements Callable<Integer> {
    @Option(names = "--keys", paramLabel = "FILE", required = true, description = "keys file (created when missing)")
    Path keys;

    @Option(names = "--id", paramLabel = "NAME", required = true, description = "key id (letters, digits, _ . -)")
    String id;

    @Option(names = "--role", paramLabel = "viewer|operator", required = true, description = "viewer reads; operator also refreshes")
    String role;

    @Option(names = "--json", description = "print one JSON object as the last line")
    boolean json;

    PrintStream stdout = System.out;

    @Override
    public Integer call() {
      Role r = Role.fromCode(role);
      ApiKeys.Added added = ApiKeys.add(keys, id, r, Instant.now());
      if (json) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", added.key().id());
        out.put("role", r.code());
        out.put("keys", keys.toString());
        out.put("secret", added.secret());
        JsonOut.print(stdout, out);
      } else {
        stdout.println("added key '" + id + "' (" + r.code() + ") to " + keys
            + "; its secret, shown only now (send it as 'Authorization: Bearer <secret>'):");
        stdout.println(added.secret());
        stdout.flush();
      }
      return 0;
    }
  }

  /** {@code keys revoke}. */
  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revokes a key; a running server refuses it within a second.")
  public static final class Revoke implements Callable<Integer> {
    @Option(names = "--keys", paramLabel = "FILE", required = true, description = "keys file")
    Path keys;

    @Option(names = "--id", paramLabel = "NAME", required = true, description = "key id")
    String id;

    @Option(names = "--json", description = "print one JSON object as the last line")
    boolean json;

    PrintStream stdout = System.out;

    @Override
    public Integer call() {
      ApiKeys.Key k = ApiKeys.revoke(keys, id, Instant.now());
      if (json) {
        JsonOut.print(stdout, Map.of("id", k.id(), "revoked", k.revoked().toString()));
      } else {
        stdout.println("revoked key '" + id + "' in " + keys);
      }
      return 0;
    }
  }

  /** {@code keys list}: ids, roles and dates, never hashes. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the keys (no secrets).")
  public static final class ListKeys implements Callable<Integer> {
    @Option(names = "--keys", paramLabel = "FILE", required = true, description = "keys file")
    Path keys;

    @Option(names = "--json", description = "print one JSON object as the last line")
    boolean json;

    PrintStream stdout = System.out;

    @Override
    public Integer call() {
      if (!java.nio.file.Files.exists(keys)) {
        throw new IllegalArgumentException("keys file not found: " + keys);
      }
      List<Map<String, Object>> list = new ArrayList<>();
      for (ApiKeys.Key k : ApiKeys.read(keys).keys()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id());
        m.put("role", k.role().code());
        m.put("created", k.created().toString());
        m.put("revoked", k.revoked() == null ? null : k.revoked().toString());
        list.add(m);
        if (!json) {
          stdout.println(k.id() + "\t" + k.role().code() + "\tcreated " + k.created()
              + (k.revoked() == null ? "" : "\trevoked " + k.revoked()));
        }
      }
      if (json) {
        JsonOut.print(stdout, Map.of("keys", list));
      }
      return 0;
    }
  }
}
