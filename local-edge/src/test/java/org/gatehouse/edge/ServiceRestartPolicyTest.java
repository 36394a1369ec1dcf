package org.gatehouse.edge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceRestartPolicyTest {

    @TempDir
    Path dir;

    private final List<ProcessHandle> started = new CopyOnWriteArrayList<>();
    private ServiceRestartPolicy policy;
    private ServiceProcess service;

    @AfterEach
    void stopEverything() {
        if (policy != null) {
            policy.close();
        }
        started.forEach(ProcessHandle::destroyForcibly);
        if (service != null) {
            service.handle().ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void watchWhenProcessKilledThenStartedAgainAndRecorded() throws Exception {
        policy = new ServiceRestartPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), started::add);
        service = sleeper(List.of("sleep", "60"));
        service.start();
        ProcessHandle first = service.handle().orElseThrow();
        policy.watch(service);

        first.destroyForcibly();

        ProcessHandle second = awaitNewProcess(first);
        assertTrue(second.isAlive());
        assertEquals(List.of(second), started, "the restarted process is reported for leftover reaping");
        assertEquals(1, policy.restartCount(service));

        second.destroyForcibly();
        ProcessHandle third = awaitNewProcess(second);
        assertNotEquals(second.pid(), third.pid());
        assertEquals(2, policy.restartCount(service), "a policy keeps restarting, not just once");
    }

    @Test
    void watchWhenRestartedThenLogOfTheDeadProcessKept() throws Exception {
        policy = new ServiceRestartPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), started::add);
        service = sleeper(List.of("sh", "-c", "echo started-$$; exec sleep 60"));
        service.start();
        ProcessHandle first = service.handle().orElseThrow();
        policy.watch(service);
        Thread.sleep(300);

        first.destroyForcibly();
        ProcessHandle second = awaitNewProcess(first);
        Thread.sleep(300);

        String log = java.nio.file.Files.readString(service.logFile());
        assertTrue(log.contains("started-" + first.pid()) && log.contains("started-" + second.pid()), log);
    }

    @Test
    void closeWhenProcessThenExitsThenNotRestarted() throws Exception {
        policy = new ServiceRestartPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), started::add);
        service = sleeper(List.of("sleep", "60"));
        service.start();
        ProcessHandle first = service.handle().orElseThrow();
        policy.watch(service);

        policy.close();
        first.destroyForcibly();
        first.onExit().get(5, TimeUnit.SECONDS);
        Thread.sleep(500);

        assertFalse(service.isAlive());
        assertTrue(started.isEmpty());
        assertEquals(0, policy.restartCount(service));
    }

    @Test
    void watchWhenProcessCrashesAtOnceThenRestartsBackOff() throws Exception {
        policy = new ServiceRestartPolicy(Duration.ofMillis(100), Duration.ofSeconds(10), started::add);
        service = sleeper(List.of("false"));
        service.start();
        policy.watch(service);

        // Delays 100, 200, 400, 800, 1600 ms: five restarts need 3.1 s, so in 2.5 s at most four can have happened.
        Thread.sleep(2_500);
        int restarts = policy.restartCount(service);
        assertTrue(restarts >= 2 && restarts <= 4, "restarts with back-off in 2.5 s: " + restarts);
    }

    private ProcessHandle awaitNewProcess(ProcessHandle previous) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            ProcessHandle current = service.handle().orElseThrow();
            if (current.pid() != previous.pid() && current.isAlive()) {
                return current;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not restarted within 10 s");
    }

    private ServiceProcess sleeper(List<String> command) {
        return new ServiceProcess("fake-service", "127.0.0.1", 1, command, Map.of(), dir.resolve("fake.log"));
    }
}
