package org.misbridge.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a test's own, so that the test may stop and start it (the shared server on
 * 5432 must never be stopped): a cluster made by {@code initdb} in a temporary folder and run by
 * {@code pg_ctl} on a free port of 127.0.0.1, with trust authentication for user {@code postgres}.
 * PostgreSQL refuses to run as root, so when the test runs as root the binaries run as the
 * {@code postgres} OS user through {@code runuser}, in a folder that user owns.
 */
public final class PrivatePostgres implements AutoCloseable {

    private final Path bin;
    private final Path folder;
    private final Path data;
    private final int port;
    private final boolean asPostgresUser;

    private PrivatePostgres(Path bin, Path folder, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.folder = folder;
        this.data = folder.resolve("data");
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /**
     * The folder of Debian's PostgreSQL binaries ({@code /usr/lib/postgresql/<newest>/bin}), or of
     * {@code -Dmisbridge.pg.bin}; empty where there is none.
     */
    public static Optional<Path> binaries() {
        String given = System.getProperty("misbridge.pg.bin");
        if (given != null) {
            Path p = Path.of(given);
            return Files.isExecutable(p.resolve("pg_ctl")) ? Optional.of(p) : Optional.empty();
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(PrivatePostgres::majorVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Makes a cluster from {@link #binaries()} and starts it; where there are no binaries the test is
     * skipped, or fails under {@link PostgresOrSkip#required()}.
     */
    public static PrivatePostgres startOrSkip() throws IOException, InterruptedException {
        Optional<Path> bin = binaries();
        if (bin.isEmpty()) {
            throw PostgresOrSkip.skipOrFail("no PostgreSQL binaries under /usr/lib/postgresql/<version>/bin"
                    + " (or -Dmisbridge.pg.bin): this test starts and stops a cluster of its own", null);
        }
        return start(bin.get());
    }

    /** Makes a cluster and starts it. */
    public static PrivatePostgres start(Path bin) throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path folder = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "misbridge-pg-");
        if (root) {
            UserPrincipal postgres = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(folder, postgres);
        }
        PrivatePostgres pg = new PrivatePostgres(bin, folder, freePort(), root);
        pg.run(60, "initdb", "-D", pg.data.toString(), "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8",
                "--locale=C");
        pg.startServer();
        return pg;
    }

    public int port() {
        return port;
    }

    /** {@code jdbc:postgresql://127.0.0.1:port/postgres}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Starts the server again on the same port and data, and waits until it accepts connections. */
    public void startServer() throws IOException, InterruptedException {
        run(60, "pg_ctl", "-D", data.toString(), "-l", folder.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + folder + " -c fsync=off", "start");
    }

    /** Stops the server as a crash would: {@code pg_ctl stop -m immediate} (no checkpoint, clients cut off). */
    public void stopImmediately() throws IOException, InterruptedException {
        run(60, "pg_ctl", "-D", data.toString(), "-w", "-m", "immediate", "stop");
    }

    private void run(int timeoutSeconds, String program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(program + " did not finish within " + timeoutSeconds + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n"
                    + new String(output, StandardCharsets.UTF_8) + serverLog());
        }
    }

    private String serverLog() {
        try {
            Path log = folder.resolve("server.log");
            return Files.exists(log) ? "\nserver.log:\n" + Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Stops the server and deletes the cluster. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                stopImmediately();
            }
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
