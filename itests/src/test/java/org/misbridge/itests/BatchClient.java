package org.misbridge.itests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bin/client -b} of the host under test as a separate process, the way a script on the
 * host does: the command goes in on standard input, and what the script sees is the exit code, the
 * standard output and the standard error. Use it from a Pax Exam test (the host is the container the
 * test runs in: {@code karaf.home} and the SSH port from {@code it.ssh.port}) or with a host's home
 * and port.
 */
final class BatchClient {

    /** What one {@code bin/client -b} run gave back. */
    record Result(int exitCode, String out, String err) {
        /** Standard output and standard error together, as a terminal shows them. */
        String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Path home;
    private final int sshPort;

    BatchClient(Path home, int sshPort) {
        this.home = home;
        this.sshPort = sshPort;
    }

    /** The host this Pax Exam test runs in. */
    static BatchClient ofThisHost() {
        return new BatchClient(Path.of(System.getProperty("karaf.home")),
                Integer.parseInt(System.getProperty("it.ssh.port")));
    }

    /** Runs the commands (one per line) as this user; waits up to two minutes. */
    Result run(String user, String password, String... commands) {
        return run(user, password, 120, commands);
    }

    Result run(String user, String password, int timeoutSeconds, String... commands) {
        Path client = home.resolve("bin/client");
        if (!Files.isExecutable(client)) {
            throw new IllegalStateException(client + " is missing or not executable");
        }
        // -r: a few retries while the SSH server is still starting; -b: batch mode, commands from stdin
        ProcessBuilder pb = new ProcessBuilder(List.of(client.toString(), "-a", Integer.toString(sshPort),
                "-h", "127.0.0.1", "-u", user, "-p", password, "-r", "5", "-b"))
                .directory(home.toFile());
        // a known_hosts of its own, so a host key left by another run on the same port is no obstacle
        pb.environment().put("HOME", home.resolve("data/tmp").toAbsolutePath().toString());
        try {
            Process process = pb.start();
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            try (OutputStream in = process.getOutputStream()) {
                in.write((String.join("\n", commands) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("bin/client did not end within " + timeoutSeconds + " s: "
                        + String.join("; ", commands));
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** One line of standard output and when it arrived, in milliseconds after the client started. */
    record Line(long atMillis, String text) {
    }

    /**
     * Runs the commands as {@link #run} does and returns standard output line by line with the time each
     * line arrived, as a script reading the pipe sees it (standard error is drained and dropped).
     */
    List<Line> runTimed(String user, String password, int timeoutSeconds, String... commands) {
        ProcessBuilder pb = new ProcessBuilder(List.of(home.resolve("bin/client").toString(), "-a", Integer.toString(sshPort),
                "-h", "127.0.0.1", "-u", user, "-p", password, "-r", "5", "-b")).directory(home.toFile());
        pb.environment().put("HOME", home.resolve("data/tmp").toAbsolutePath().toString());
        try {
            long start = System.nanoTime();
            Process process = pb.start();
            drain(process.getErrorStream());
            try (OutputStream in = process.getOutputStream()) {
                in.write((String.join("\n", commands) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            List<Line> lines = new java.util.ArrayList<>();
            CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
                try (java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(
                        process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        synchronized (lines) {
                            lines.add(new Line((System.nanoTime() - start) / 1_000_000, line));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("bin/client did not end within " + timeoutSeconds + " s: " + String.join("; ", commands));
            }
            reading.join();
            synchronized (lines) {
                return List.copyOf(lines);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
