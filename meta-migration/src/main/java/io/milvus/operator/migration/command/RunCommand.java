package io.milvus.operator.migration.command;

import io.milvus.operator.migration.backup.BackupFile;
import io.milvus.operator.migration.backup.BackupFiles;
import io.milvus.operator.migration.config.MigrationConfig;
import io.milvus.operator.migration.etcd.EtcdMetaStore;
import io.milvus.operator.migration.etcd.MetaRoot;
import io.milvus.operator.migration.etcd.Mutation;
import io.milvus.operator.migration.etcd.StoreSnapshot;
import io.milvus.operator.migration.etcd.WriteHook;
import io.milvus.operator.migration.meta.Keyspace;
import io.milvus.operator.migration.meta.MigrationPlan;
import io.milvus.operator.migration.run.BackupPolicy;
import io.milvus.operator.migration.run.BackupPolicy.RunBackup;
import io.milvus.operator.migration.run.ProgressMarker;
import io.milvus.operator.migration.run.RunDecision;
import io.milvus.operator.migration.run.RunPlanner;
import io.milvus.operator.migration.run.RunSteps;
import io.milvus.operator.migration.run.WriteStep;
import io.milvus.operator.migration.support.IoErrors;
import io.milvus.operator.migration.support.MigrationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cmd.type: run}: converts the 2.1 layout to 2.2. New keys are written before anything is destroyed, with a
 * progress marker in between, so a run stopped at any point can be run again (see {@link RunPlanner}).
 */
public final class RunCommand {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  private final MigrationConfig config;
  private final EtcdMetaStore store;
  private final MetaRoot root;
  private final Clock clock;

  private RunCommand(MigrationConfig config, EtcdMetaStore store, MetaRoot root, Clock clock) {
    this.config = config;
    this.store = store;
    this.root = root;
    this.clock = clock;
  }

  public static void execute(MigrationConfig config, WriteHook hook, Clock clock) {
    if (config.runWithBackup()) {
      Requirements.backupFile(config);
    }
    try (EtcdSession session = EtcdSession.open(config.etcd(), hook, clock)) {
      new RunCommand(config, session.store(), session.root(), clock).run();
    }
  }

  private void run() {
    StoreSnapshot snapshot = store.read(root.prefix());
    Keyspace keyspace = snapshot.keyspace(root);
    LOG.info("read {} keys under {}/ at revision {} ({} leased keys left out)", keyspace.entries().size(), root,
        snapshot.revision(), snapshot.leasedKeys().size());
    Requirements.someMetadata(snapshot.nonLeased(), root);
    RunDecision decision = RunPlanner.decide(keyspace, config.sourceVersion(), config.targetVersion(),
        clock.instant().toString());
    if (decision instanceof RunDecision.Refuse refuse) {
      throw new MigrationException(refuse.reason());
    }
    Optional<String> backupDigest = backUp(decision, snapshot, keyspace);
    if (decision instanceof RunDecision.Fresh fresh && backupDigest.isPresent()) {
      decision = new RunDecision.Fresh(fresh.pending(), fresh.marker().withBackupDigest(backupDigest.get()));
    }
    try {
      migrate(decision);
      verify();
    } catch (RuntimeException e) {
      throw backupDigest.isPresent() ? new FailedAfterBackup(e) : e;
    }
  }

  /** Returns the digest of the backup the run may rely on, if there is one. */
  private Optional<String> backUp(RunDecision decision, StoreSnapshot snapshot, Keyspace keyspace) {
    if (!config.runWithBackup()) {
      LOG.warn("run migration without backup! (cmd.runWithBackup is false; the operator takes its backup first)");
      return Optional.empty();
    }
    Path file = Requirements.backupFile(config);
    Optional<BackupFile> existing = Optional.empty();
    Optional<String> unreadable = Optional.empty();
    if (Files.exists(file)) {
      try {
        existing = Optional.of(BackupFiles.load(file));
      } catch (IOException e) {
        unreadable = Optional.of(IoErrors.describe(e, file));
      }
    }
    RunBackup choice = BackupPolicy.forRun(decision, keyspace, snapshot.nonLeased(), root.path(), existing,
        unreadable);
    if (choice instanceof RunBackup.Write write) {
      return Optional.of(BackupWriter.write(write.entries(), snapshot.revision(), root, file).digest());
    }
    if (choice instanceof RunBackup.Reuse reuse) {
      LOG.info("backup: keeping {}: {}", file, reuse.why());
      return Optional.of(existing.orElseThrow().digest());
    }
    if (choice instanceof RunBackup.NotNeeded notNeeded) {
      LOG.info("backup: {} ({})", notNeeded.why(), file);
      return Optional.empty();
    }
    throw new MigrationException("backup " + file + ": " + ((RunBackup.Refuse) choice).why() + "; nothing was written");
  }

  private void migrate(RunDecision decision) {
    if (decision instanceof RunDecision.AlreadyMigrated done) {
      logNotes(done.plan());
      LOG.info("nothing to migrate: no 2.1 metadata left and no interrupted run");
    } else if (decision instanceof RunDecision.Fresh fresh) {
      logNotes(fresh.pending());
      LOG.info("plan: {}", fresh.pending().summary());
    } else if (decision instanceof RunDecision.Resume resume) {
      ProgressMarker marker = resume.marker();
      LOG.info("resuming an interrupted run ({} -> {}, marked {}): its {} new 2.2 keys are intact; left: {}",
          marker.sourceVersion(), marker.targetVersion(), marker.createdAt(), marker.newKeys(),
          resume.finishing().summary());
    }
    for (WriteStep step : RunSteps.of(decision)) {
      List<Mutation> mutations = new ArrayList<>();
      step.puts().forEach((key, value) -> mutations.add(new Mutation.Put(root.absolute(key), value)));
      step.deletes().forEach(key -> mutations.add(new Mutation.Delete(root.absolute(key))));
      store.apply(step.name(), mutations);
    }
  }

  /** Reads back and plans again: a finished migration must leave nothing to do. */
  private void verify() {
    Keyspace after = store.read(root.prefix()).keyspace(root);
    RunDecision again = RunPlanner.decide(after, config.sourceVersion(), config.targetVersion(), "");
    if (!(again instanceof RunDecision.AlreadyMigrated)) {
      throw new MigrationException("verification failed: after writing, the keyspace still needs work ("
          + describe(again) + "); was something else writing to etcd?");
    }
    LOG.info("verified: {} keys, all in the 2.2 layout", after.entries().size());
  }

  private static String describe(RunDecision decision) {
    if (decision instanceof RunDecision.Fresh fresh) {
      return fresh.pending().summary();
    }
    if (decision instanceof RunDecision.Resume resume) {
      return "the progress marker is still there; " + resume.finishing().summary();
    }
    return decision instanceof RunDecision.Refuse refuse ? refuse.reason() : decision.toString();
  }

  private static void logNotes(MigrationPlan plan) {
    plan.notes().forEach(note -> LOG.info("note: {}", note));
  }
}
