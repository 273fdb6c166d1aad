package org.chancery.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * One process of the stack, restarted when it dies like a container with a restart policy. Its
 * output goes to its own log file, rolled over at 10 MB with three older files kept; it is ready when a probe says so (a {@code READY} line, or a
 * health endpoint). It runs in a session of its own ({@code setsid}, where the system has it), so
 * that a Ctrl-C in the launcher's terminal reaches the launcher alone, which then stops the pieces
 * in order: the services while the broker can still take their last commits, the broker last.
 */
public final class ChildProcess {

    /** {@code setsid}, if the system has it: it starts a command in a new session, in the same process. */
    private static final Optional<String> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .filter(f -> Files.isExecutable(Path.of(f))).findFirst();

    /** How long a leftover process is given to stop when asked, before it is killed. */
    private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(20);

    /**
     * How a child tells that it can be used: by a line it prints (a {@code READY} line), or by a
     * check polled from outside (a health endpoint).
     */
    public record Probe(Predicate<String> line, BooleanSupplier poll) {
        public static Probe line(Predicate<String> isReady) {
            return new Probe(isReady, null);
        }

        public static Probe polling(BooleanSupplier check) {
            return new Probe(line -> false, check);
        }

        boolean passed(CompletableFuture<String> readyLine) {
            return poll == null ? readyLine.isDone() : poll.getAsBoolean();
        }
    }

    private final String name;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path log;
    private final Path pidFile;
    private final Probe probe;
    private final PrintStream console;
    private final boolean exitWithParent;
    /** Where the process runs; null for the launcher's own folder. */
    private final Path directory;

    private volatile Process process;
    private volatile CompletableFuture<String> readyLine = new CompletableFuture<>();
    private volatile boolean stopping;
    /** The thread copying the process's output to its log. */
    private volatile Thread output;
    private volatile int restarts;
    private volatile long startedAt;

    ChildProcess(String name, List<String> command, Map<String, String> env, Path logDir, Path pidDir, Probe probe,
            PrintStream console, boolean exitWithParent) {
        this(name, command, env, null, logDir, pidDir, probe, console, exitWithParent);
    }

    ChildProcess(String name, List<String> command, Map<String, String> env, Path directory, Path logDir, Path pidDir,
            Probe probe, PrintStream console, boolean exitWithParent) {
        this.directory = directory;
        this.name = name;
        this.command = List.copyOf(command);
        this.env = Map.copyOf(env);
        this.log = logDir.resolve(name + ".log");
        this.pidFile = pidDir.resolve(name + ".pid");
        this.probe = probe;
        this.console = console;
        this.exitWithParent = exitWithParent;
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    public int restarts() {
        return restarts;
    }

    /** Starts the process; call {@link #awaitReady} to wait until it can be used. */
    public synchronized void start() throws IOException {
        stopping = false;
        Files.createDirectories(log.getParent());
        Files.createDirectories(pidFile.getParent());
        killLeftover();
        List<String> line = new ArrayList<>();
        SETSID.ifPresent(line::add);
        line.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().putAll(env);
        readyLine = new CompletableFuture<>();
        startedAt = System.nanoTime();
        Process started = builder.start();
        process = started;
        Files.writeString(pidFile, Long.toString(started.pid()));
        if (!exitWithParent) {
            started.getOutputStream().close();
        }
        Thread pump = new Thread(() -> pump(started), name + "-output");
        pump.setDaemon(true);
        pump.start();
        output = pump;
        started.onExit().thenAccept(this::exited);
    }

    /** Waits until the probe passes; returns the time from start to ready. */
    public Duration awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Process current = process;
        while (System.nanoTime() < deadline) {
            if (!current.isAlive() && !readyLine.isDone()) {
                throw new IllegalStateException(name + " exited with code " + current.exitValue()
                        + " before it was ready; see " + log);
            }
            if (probe.passed(readyLine)) {
                return Duration.ofNanos(System.nanoTime() - startedAt);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    /** The {@code READY} line the child printed, once it has. */
    public String readyMessage() {
        return readyLine.getNow(null);
    }

    /** From now on, no restart: the stack is stopping, and a piece that exits meanwhile stays down. */
    public void stopRestarting() {
        stopping = true;
    }

    /** SIGTERM, then SIGKILL if it has not gone within {@code grace}. No restart follows. */
    public synchronized void stop(Duration grace) {
        stopping = true;
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        // SIGTERM through its handle: Process.destroy() would also close its output, and the lines
        // that say how it stopped would be lost.
        p.toHandle().destroy();
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            // Its last lines (how it stopped) reach its log before the launcher exits.
            Thread pump = output;
            if (pump != null) {
                pump.join(2_000);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // A stale pid file is checked against the command line before it is used.
        }
    }

    /** SIGSTOP: the process freezes, as a hung one would; the supervisor does not notice. */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid() + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL, as a crash would, and no restart: the piece stays down until {@link #start()}. */
    public synchronized void crash() {
        stopping = true;
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
            p.onExit().join();
        }
    }

    /** SIGKILL, as a crash would; the supervisor restarts it. */
    public void kill() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
        }
    }

    private void pump(Process p) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                RollingLog out = RollingLog.of(log)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.line(line);
                if (line.startsWith(Main.STATUS)) {
                    console.printf("%s  %s %s%n", LocalTime.now().truncatedTo(ChronoUnit.SECONDS), name,
                            line.substring(Main.STATUS.length()));
                }
                if (!readyLine.isDone() && probe.line().test(line)) {
                    readyLine.complete(line);
                }
            }
        } catch (IOException e) {
            // The process is gone; exited() reports it.
        }
    }

    private void exited(Process p) {
        if (stopping || p != process) {
            return;
        }
        long backoffSeconds = Math.min(30, 1L << Math.min(restarts, 5));
        console.printf("%s  %s exited with code %d; restarting in %d s (log: %s)%n",
                LocalTime.now().truncatedTo(ChronoUnit.SECONDS), name, p.exitValue(), backoffSeconds, log);
        CompletableFuture.delayedExecutor(backoffSeconds, TimeUnit.SECONDS).execute(() -> {
            if (stopping) {
                return;
            }
            try {
                restarts++;
                start();
                Duration took = awaitReady(Duration.ofSeconds(120));
                console.printf("%s  %s restarted (pid %d, ready in %.1f s)%n",
                        LocalTime.now().truncatedTo(ChronoUnit.SECONDS), name, pid(), took.toMillis() / 1000.0);
            } catch (Exception e) {
                console.printf("%s  %s did not come back: %s%n", LocalTime.now().truncatedTo(ChronoUnit.SECONDS),
                        name, e.getMessage());
            }
        });
    }

    /** A process left by a launcher that was killed before it could stop its children. */
    private void killLeftover() throws IOException {
        stopLeftover(pidFile, console);
    }

    /**
     * Stops the process a pid file names, if it still runs and is a piece of Chancery (a launcher
     * killed before it could stop its children left it): asked to stop, as Ctrl-C would, so that a
     * broker closes its logs, then killed if it has not stopped within {@link #LEFTOVER_GRACE}.
     */
    static void stopLeftover(Path pidFile, PrintStream console) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid)
                    .filter(h -> h.info().commandLine().map(c -> c.contains("chancery")).orElse(false))
                    .ifPresent(h -> {
                        console.printf("stopping a leftover %s (pid %d)%n",
                                pidFile.getFileName().toString().replaceFirst("\\.pid$", ""), pid);
                        h.destroy();
                        try {
                            h.onExit().get(LEFTOVER_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                        } catch (Exception e) {
                            h.destroyForcibly();
                            h.onExit().join();
                        }
                    });
        } catch (NumberFormatException ignored) {
            // Not a pid file we wrote.
        }
        Files.deleteIfExists(pidFile);
    }
}
