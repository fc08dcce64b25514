package io.milvus.operator.migration;

import io.milvus.operator.migration.command.BackupCommand;
import io.milvus.operator.migration.command.FailedAfterBackup;
import io.milvus.operator.migration.command.RollbackCommand;
import io.milvus.operator.migration.command.RunCommand;
import io.milvus.operator.migration.config.Command;
import io.milvus.operator.migration.config.ConfigParser;
import io.milvus.operator.migration.config.MigrationConfig;
import io.milvus.operator.migration.etcd.WriteHook;
import io.milvus.operator.migration.support.MigrationException;
import io.milvus.operator.migration.version.GateDecision;
import io.milvus.operator.migration.version.VersionGate;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Milvus 2.1 -> 2.2 metadata migration tool: {@code meta-migration -config migration.yaml}.
 *
 * <p>In-process callers use {@link #execute(Path)} or {@link #execute(MigrationConfig)}, which return the exit
 * code and never exit the JVM. Only {@link #main} calls System.exit.
 */
public final class MetaMigration {
  private static final String LOGBACK_CONFIG = "meta-migration-logback.xml";

  private final WriteHook hook;
  private final Clock clock;
  private final Logger log = LoggerFactory.getLogger(MetaMigration.class);

  /**
   * @param hook  called before each etcd write transaction; {@link WriteHook#NONE} outside tests
   * @param clock times the waits (for a dead lock holder's lease to expire)
   */
  public MetaMigration(WriteHook hook, Clock clock) {
    this.hook = hook;
    this.clock = clock;
  }

  public MetaMigration(WriteHook hook) {
    this(hook, Clock.systemUTC());
  }

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGBACK_CONFIG); // before the first logger exists
    }
    System.exit(execute(args));
  }

  /** Parses upstream's command line and runs; returns the exit code. */
  public static int execute(String... args) {
    CommandLine line = CommandLine.parse(args);
    if (line.help()) {
      System.out.println(CommandLine.USAGE);
      return ExitCode.SUCCESS.code();
    }
    if (line.error().isPresent()) {
      System.err.println(line.error().get());
      System.err.println(CommandLine.USAGE);
      return 2; // what Go's flag package does on a bad flag
    }
    if (line.configFile().isEmpty()) {
      LoggerFactory.getLogger(MetaMigration.class).error("config not set ({})", CommandLine.USAGE);
      return ExitCode.FAILURE.code();
    }
    return execute(line.configFile().get());
  }

  public static int execute(Path configFile) {
    return new MetaMigration(WriteHook.NONE).perform(configFile);
  }

  public static int execute(MigrationConfig config) {
    return new MetaMigration(WriteHook.NONE).perform(config);
  }

  public int perform(Path configFile) {
    MigrationConfig config;
    try {
      config = ConfigParser.load(configFile);
    } catch (MigrationException e) {
      log.error("{}", e.getMessage());
      return ExitCode.FAILURE.code();
    }
    return perform(config);
  }

  public int perform(MigrationConfig config) {
    String command = config.command().configName();
    log.info("meta-migration {}: Milvus {} -> {}, meta root {}, etcd {}{}", command, config.sourceVersion(),
        config.targetVersion(), config.etcd().metaRoot(), config.etcd().endpoints(),
        config.backupFilePath().map(p -> ", backup file " + p).orElse(""));
    GateDecision gate = VersionGate.check(config.command(), config.sourceVersion(), config.targetVersion());
    if (gate instanceof GateDecision.NoNeed noNeed) {
      log.info("{}", noNeed.reason());
      return ExitCode.SUCCESS.code();
    }
    if (gate instanceof GateDecision.Refuse refuse) {
      log.error("{} refused: {}", command, refuse.reason());
      return ExitCode.FAILURE.code();
    }
    if (gate instanceof GateDecision.Proceed proceed && !proceed.note().isEmpty()) {
      log.info("{}", proceed.note());
    }
    return dispatch(config).code();
  }

  private ExitCode dispatch(MigrationConfig config) {
    String command = config.command().configName();
    try {
      switch (config.command()) {
        case BACKUP -> BackupCommand.execute(config, hook, clock);
        case RUN -> RunCommand.execute(config, hook, clock);
        case ROLLBACK -> RollbackCommand.execute(config, hook, clock);
      }
      log.info("{} succeeded", command);
      return ExitCode.SUCCESS;
    } catch (FailedAfterBackup e) {
      if (e.unexpected()) {
        log.error("{} failed unexpectedly after writing its backup", command, e.getCause());
      } else {
        log.error("{} failed after writing its backup: {}", command, e.getMessage());
      }
      log.error("the backup {} is intact: run again, or restore it with cmd.type rollback",
          config.backupFilePath().map(Path::toString).orElse("?"));
      return ExitCode.FAILURE_AFTER_BACKUP;
    } catch (MigrationException e) {
      log.error("{} failed: {}", command, e.getMessage());
      if (config.command() == Command.RUN) {
        log.error("an interrupted run loses nothing: fix the cause and run again (it resumes where it stopped), "
            + "or restore the backup with cmd.type rollback");
      }
      return ExitCode.FAILURE;
    } catch (RuntimeException e) {
      log.error("{} failed unexpectedly", command, e);
      return ExitCode.FAILURE;
    }
  }
}
