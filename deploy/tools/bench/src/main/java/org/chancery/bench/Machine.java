package org.chancery.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What a benchmark ran on, for the record beside its figures. */
final class Machine {

    private Machine() {
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    static String describe() {
        return cpu() + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + memory() + " RAM; "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + "; Java "
                + System.getProperty("java.version");
    }

    /**
     * The services' JIT compilers, read from their command lines: {@code quick} (C1 only) or
     * {@code tiered} (C1 then C2).
     */
    static String servicesJit() {
        List<String> services = ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(cmd -> cmd.contains("-Dchancery.service=") || cmd.contains("quarkus-run.jar")).toList();
        return services.isEmpty() ? "unknown"
                : services.stream().allMatch(cmd -> cmd.contains("-XX:TieredStopAtLevel=1")) ? "quick" : "tiered";
    }

    /** The commit measured, marked {@code -dirty} when the working tree differs from it. */
    static String commit() {
        String head = git("rev-parse", "--short", "HEAD");
        String changes = git("status", "--porcelain", "--untracked-files=no");
        return head == null ? "unknown" : changes == null || changes.isEmpty() ? head : head + "-dirty";
    }

    private static String git(String... args) {
        try {
            java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("git"));
            command.addAll(java.util.List.of(args));
            Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes()).trim();
            return git.waitFor(5, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String memory() {
        try {
            long kb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
            return Math.round(kb / 1024.0 / 1024.0) + " GiB";
        } catch (IOException | NumberFormatException e) {
            return "unknown";
        }
    }
}
