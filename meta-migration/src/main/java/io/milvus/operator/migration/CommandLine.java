package io.milvus.operator.migration;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Upstream's flags, Go style: one flag, {@code -config <file>} (also {@code -config=<file>}, {@code --config}).
 *
 * @param configFile empty when the flag was not given
 * @param help       -h / -help / --help was given
 * @param error      a bad argument, explained
 */
record CommandLine(Optional<Path> configFile, boolean help, Optional<String> error) {
  static final String USAGE = "usage: meta-migration -config <migration.yaml>";

  static CommandLine parse(String... args) {
    Optional<Path> config = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String flag = arg.startsWith("--") ? arg.substring(2) : arg.startsWith("-") ? arg.substring(1) : null;
      if (flag == null) {
        return failure("unexpected argument: " + arg);
      }
      if (flag.equals("h") || flag.equals("help")) {
        return new CommandLine(Optional.empty(), true, Optional.empty());
      }
      if (flag.startsWith("config=")) {
        config = Optional.of(Path.of(flag.substring("config=".length())));
      } else if (flag.equals("config")) {
        if (i + 1 >= args.length) {
          return failure("flag needs an argument: -config");
        }
        config = Optional.of(Path.of(args[++i]));
      } else {
        return failure("flag provided but not defined: " + arg);
      }
    }
    return new CommandLine(config, false, Optional.empty());
  }

  private static CommandLine failure(String why) {
    return new CommandLine(Optional.empty(), false, Optional.of(why));
  }
}
