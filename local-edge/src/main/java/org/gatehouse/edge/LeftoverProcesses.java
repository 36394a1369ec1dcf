package org.gatehouse.edge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Service processes a launcher killed with SIGKILL (no shutdown hook) left behind, holding the ports. Their pids
 * are recorded in {@code .local-run/service-pids} while a run is up, with their start time so that a recycled pid
 * is never mistaken for one of ours, and stopped when the next run starts.
 */
final class LeftoverProcesses {

    private final Path file;

    LeftoverProcesses(Path stateDir) {
        this.file = stateDir.resolve("service-pids");
    }

    /** Stops what an earlier, killed run left running; returns how many processes that was. */
    int reap() {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        List<ProcessHandle> leftovers = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            // First line: the launcher that wrote the file. Still alive = a run in progress, not leftovers.
            if (lines.isEmpty() || running(lines.get(0)).isPresent()) {
                return 0;
            }
            for (String line : lines.subList(1, lines.size())) {
                running(line).ifPresent(leftovers::add);
            }
        } catch (IOException | RuntimeException unreadable) {
            // Nothing trustworthy to act on.
        }
        leftovers.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : leftovers) {
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                process.destroyForcibly();
            }
        }
        clear();
        return leftovers.size();
    }

    /** The process a {@code "<pid> <start epoch ms>"} line names, if that very process is still running. */
    private static Optional<ProcessHandle> running(String line) {
        String[] fields = line.trim().split(" ");
        if (fields.length < 2) {
            return Optional.empty();
        }
        long started = Long.parseLong(fields[1]);
        return ProcessHandle.of(Long.parseLong(fields[0]))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().startInstant().map(Instant::toEpochMilli).filter(ms -> ms == started)
                        .isPresent());
    }

    /** Starts a new record owned by this launcher. */
    void begin() throws IOException {
        Files.writeString(file, line(ProcessHandle.current()), StandardCharsets.UTF_8);
    }

    void record(ProcessHandle process) throws IOException {
        Files.writeString(file, line(process), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static String line(ProcessHandle process) {
        return process.pid() + " " + process.info().startInstant().map(Instant::toEpochMilli).orElse(-1L) + "\n";
    }

    void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Reaping checks start times, so a stale file is harmless.
        }
    }
}
