package org.dtrmigration.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.dtrmigration.events.EventSink;

/**
 * Reads and writes the GC save file. A second {@code disable} finds no GC cron (the first one removed
 * them); writing that empty schedule over the first save would lose the schedule for good, so an
 * existing non-empty save is kept.
 */
public final class GcScheduleFile {

    private GcScheduleFile() {
    }

    /** Writes {@code schedule} to {@code file} unless that would replace a saved schedule with an empty one; returns what the file now holds. */
    public static GcSchedule save(Path file, GcSchedule schedule, EventSink events) throws IOException {
        Optional<GcSchedule> existing = readIfPresent(file);
        if (schedule.crons().isEmpty() && existing.isPresent() && !existing.get().crons().isEmpty()) {
            events.warn("No GC cron is scheduled now, but " + file + " already holds " + existing.get().crons().size()
                    + " GC cron(s) saved at " + existing.get().savedAt() + " " + existing.get().actions()
                    + "; keeping that file so the schedule can be restored");
            return existing.get();
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, ".gc-schedule", ".tmp");
        try {
            Files.writeString(temp, schedule.toJson());
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r-----"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system (Windows agent): default permissions
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        events.info("Saved " + schedule.crons().size() + " GC cron(s) " + schedule.actions() + " to " + file);
        return schedule;
    }

    public static GcSchedule read(Path file) throws IOException {
        try {
            return GcSchedule.parse(Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such GC schedule file (written by dtrDisableGc / 'gc disable')");
        }
    }

    private static Optional<GcSchedule> readIfPresent(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(read(file));
    }
}
