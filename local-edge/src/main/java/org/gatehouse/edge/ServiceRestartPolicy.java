package org.gatehouse.edge;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code restartPolicy: Always}, as the kubelet applies it to the Deployments: a service process that dies while the
 * platform runs (crash, OOM kill, {@code kill -9}) is started again with the same command and environment. Restarts
 * back off exponentially (CrashLoopBackOff) so a service that cannot start does not spin; the back-off resets once a
 * run has lasted {@link #STABLE_RUN}. The edge answers 503 for the service meanwhile.
 */
final class ServiceRestartPolicy implements AutoCloseable {

    /** A run this long counts as healthy: the next crash restarts after the initial delay again. */
    static final Duration STABLE_RUN = Duration.ofMinutes(2);

    private final Duration initialDelay;
    private final Duration maxDelay;
    private final Consumer<ProcessHandle> started;
    private final Map<ServiceProcess, Restarts> restarts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gatehouse-restart");
        thread.setDaemon(true);
        return thread;
    });
    private boolean closed;

    /**
     * @param started told about every process a restart starts (the launcher records it for leftover reaping)
     */
    ServiceRestartPolicy(Duration initialDelay, Duration maxDelay, Consumer<ProcessHandle> started) {
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.started = started;
    }

    /** Restarts {@code service} whenever its current process ends, until {@link #close()}. */
    void watch(ServiceProcess service) {
        restarts.putIfAbsent(service, new Restarts());
        service.onExit(() -> exited(service));
    }

    /** How often {@code service} was restarted so far. */
    int restartCount(ServiceProcess service) {
        Restarts counter = restarts.get(service);
        return counter == null ? 0 : counter.count;
    }

    private synchronized void exited(ServiceProcess service) {
        if (closed) {
            return;
        }
        Restarts counter = restarts.get(service);
        Duration delay = counter.nextDelay(initialDelay, maxDelay);
        LocalPlatform.log(service.name() + " exited unexpectedly (code " + service.exitCode() + "); restarting in "
                + delay.toMillis() + " ms. Last lines of " + service.logFile() + ":\n" + service.logTail(20));
        scheduler.schedule(() -> restart(service), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void restart(ServiceProcess service) {
        if (closed || service.isAlive()) {
            return;
        }
        try {
            service.start();
            restarts.get(service).started(System.nanoTime());
            service.handle().ifPresent(started);
            LocalPlatform.log(service.name() + " restarted (restart " + restartCount(service) + ")");
            service.onExit(() -> exited(service));
        } catch (IOException e) {
            LocalPlatform.log(service.name() + " could not be restarted: " + e.getMessage());
            exited(service);
        }
    }

    /**
     * Stops restarting; once this returns no restart is in progress and none will start, so the caller's stop
     * reaches every process.
     */
    @Override
    public synchronized void close() {
        closed = true;
        scheduler.shutdownNow();
    }

    /** Per-service back-off state; guarded by the policy's monitor. */
    private static final class Restarts {
        private volatile int count;
        private int consecutive;
        private long lastStartNanos = System.nanoTime();

        Duration nextDelay(Duration initial, Duration max) {
            if (System.nanoTime() - lastStartNanos >= STABLE_RUN.toNanos()) {
                consecutive = 0;
            }
            long millis = initial.toMillis() << Math.min(consecutive, 16);
            consecutive++;
            return Duration.ofMillis(Math.min(millis, max.toMillis()));
        }

        void started(long nanos) {
            count++;
            lastStartNanos = nanos;
        }
    }
}
