package org.misbridge.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

/**
 * Sends a script to the host's SSH server the way {@code bin/client -b} does (Karaf's client reads
 * standard input, sends it with a line end on an SSH exec channel, and exits with the channel's exit
 * status), but from this JVM, with one SSH client for every script. Each script logs in anew, as
 * bin/client does (Karaf's server ends the connection after an exec). The server, its login and its
 * command ACLs are the host's own; only the client's JVM start is saved.
 * {@link BatchClient} stays the check that the real {@code bin/client} ends a script the same way.
 */
final class SshScript implements AutoCloseable {

    private static final Duration LOGIN = Duration.ofSeconds(30);

    private final SshClient client;
    private final int port;

    SshScript(int port) {
        this.port = port;
        this.client = SshClient.setUpDefaultClient();
        // a test host's key is new on every boot
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
    }

    /** The SSH server of the host this Pax Exam test runs in. */
    static SshScript ofThisHost() {
        return new SshScript(Integer.parseInt(System.getProperty("it.ssh.port")));
    }

    /** Runs the commands (one per line) as this user, as {@code bin/client -b} would; waits up to two minutes. */
    BatchClient.Result run(String user, String password, String... commands) {
        return run(user, password, 120, commands);
    }

    BatchClient.Result run(String user, String password, int timeoutSeconds, String... commands) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // what bin/client -b sends: standard input (the lines, each ended) and one more line end
        String script = String.join("\n", commands) + "\n" + "\n";
        try (ClientSession session = login(user, password); ChannelExec channel = session.createExecChannel(script)) {
            channel.setIn(new ByteArrayInputStream(new byte[0]));
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(LOGIN);
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED),
                    Duration.ofSeconds(timeoutSeconds));
            if (!events.contains(ClientChannelEvent.CLOSED)) {
                throw new AssertionError("the script did not end within " + timeoutSeconds + " s: " + String.join("; ", commands));
            }
            Integer status = channel.getExitStatus();
            if (status == null) {
                throw new AssertionError("the server sent no exit status for: " + String.join("; ", commands) + "\n" + out + err);
            }
            return new BatchClient.Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ClientSession login(String user, String password) throws IOException {
        ClientSession session = client.connect(user, "127.0.0.1", port).verify(LOGIN).getSession();
        try {
            session.addPasswordIdentity(password);
            session.auth().verify(LOGIN);
            return session;
        } catch (IOException | RuntimeException e) {
            session.close(true);
            throw e;
        }
    }

    @Override
    public void close() {
        client.stop();
    }
}
