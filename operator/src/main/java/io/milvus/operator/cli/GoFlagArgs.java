package io.milvus.operator.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Go operator's command line as this one's: Go's flag package takes {@code -name} as well as {@code --name}, and
 * upstream's chart passes {@code -namespace <ns> -name <name>} to {@code /manager} with no subcommand. So a long flag
 * with one dash gets a second one, and a command line that names no subcommand runs {@code run}.
 */
final class GoFlagArgs {

  static final String RUN = "run";
  private static final Set<String> TOP_LEVEL = Set.of(RUN, "-h", "--help", "-V", "--version", "help");
  private static final Pattern SINGLE_DASH_LONG_FLAG = Pattern.compile("^-[A-Za-z][A-Za-z0-9-]+(=.*)?$");

  private GoFlagArgs() {}

  static String[] normalize(String... args) {
    List<String> result = new ArrayList<>();
    boolean flagsEnded = false;
    for (String arg : args) {
      if ("--".equals(arg)) {
        flagsEnded = true;
      }
      result.add(!flagsEnded && SINGLE_DASH_LONG_FLAG.matcher(arg).matches() ? "-" + arg : arg);
    }
    if (result.isEmpty() || !TOP_LEVEL.contains(result.get(0))) {
      result.add(0, RUN);
    }
    return result.toArray(String[]::new);
  }
}
