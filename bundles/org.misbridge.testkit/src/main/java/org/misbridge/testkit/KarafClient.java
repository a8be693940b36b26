package org.misbridge.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** {@code bin/client} of a {@link KarafHost}, as a script runs it: the admin user, one command on standard input. */
public final class KarafClient {

    private final Path home;
    private final int sshPort;

    KarafClient(Path home, int sshPort) {
        this.home = home;
        this.sshPort = sshPort;
    }

    /** What a command printed and how the client ended. */
    public record Result(int exit, String output) {
    }

    /** Starts bin/client as the admin user with the command on its standard input (the -b form scripts use). */
    public Process start(String command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/client").toString(), "-a", Integer.toString(sshPort),
                "-h", "127.0.0.1", "-u", "karaf", "-p", "karaf", "-b").directory(home.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process client = builder.start();
        client.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
        client.getOutputStream().close();
        return client;
    }

    /** Runs a command through bin/client as the admin user. */
    public Result run(String command, Duration timeout) throws IOException, InterruptedException {
        Process client = start(command);
        byte[] out = client.getInputStream().readAllBytes();
        if (!client.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            client.destroyForcibly();
            return new Result(-1, new String(out, StandardCharsets.UTF_8));
        }
        return new Result(client.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** A command that must succeed; its output. */
    public String command(String command) throws IOException, InterruptedException {
        Result r = run(command, Duration.ofMinutes(10));
        if (r.exit() != 0) {
            throw new IllegalStateException("'" + command + "' failed (exit " + r.exit() + "): " + r.output());
        }
        return r.output();
    }

    /** The JSON a --json command printed, without any line the launcher script wrote before it. */
    public static String json(String output) {
        int array = output.indexOf('[');
        int object = output.indexOf('{');
        int start = array < 0 ? object : object < 0 ? array : Math.min(array, object);
        return start < 0 ? "" : output.substring(start);
    }
}
