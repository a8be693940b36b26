package org.misbridge.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy on 127.0.0.1 in front of a test server that breaks chosen HTTP requests the way
 * networks and overloaded servers do, below HTTP: it accepts and never answers, resets the
 * connection (an RST, not a close), or does either part-way through the answer. A request is
 * matched by a text in its request line ({@code GET /path?query HTTP/1.1}); everything else
 * passes through byte for byte, keep-alive included.
 */
public final class FaultProxy implements AutoCloseable {

    /** What happens to a matched request. */
    public enum Fault {
        /** The request is taken and never answered; the connection stays open until the client gives up. */
        HANG,
        /** The connection is reset (RST) as soon as the request arrives. */
        RESET,
        /** The answer's first {@link #PART} bytes (status line, headers, a little body) arrive, then nothing more. */
        HANG_MID_ANSWER,
        /** The answer's first {@link #PART} bytes arrive, then the connection is reset. */
        RESET_MID_ANSWER
    }

    /** How much of an answer gets through before a mid-answer fault. */
    public static final int PART = 200;

    private record Rule(String requestLineContains, Fault fault, AtomicInteger left) {
    }

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger injected = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean closed;

    private FaultProxy(ServerSocket listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
    }

    /** Starts on a free port of 127.0.0.1, forwarding to {@code target}'s host and port. */
    public static FaultProxy start(URI target) throws IOException {
        int port = target.getPort() >= 0 ? target.getPort() : "https".equalsIgnoreCase(target.getScheme()) ? 443 : 80;
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        FaultProxy proxy = new FaultProxy(listener, new InetSocketAddress(target.getHost(), port));
        Thread acceptor = new Thread(proxy::acceptLoop, "fault-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    /** The same URI, through this proxy. */
    public URI via(URI uri) {
        return URI.create(uri.getScheme() + "://127.0.0.1:" + listener.getLocalPort()
                + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The next {@code times} requests whose request line contains the text get the fault. */
    public void fail(String requestLineContains, Fault fault, int times) {
        rules.add(new Rule(Objects.requireNonNull(requestLineContains), Objects.requireNonNull(fault), new AtomicInteger(times)));
    }

    /** Forgets the rules not used up; requests pass through again. */
    public void heal() {
        rules.clear();
    }

    /** Faults injected so far. */
    public int faultsInjected() {
        return injected.get();
    }

    /** Requests seen so far, faulted or not. */
    public int requests() {
        return requests.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                open.add(client);
                Thread t = new Thread(() -> serve(client), "fault-proxy-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    /**
     * One client connection: requests go on to the target unless a rule matches. Each request is found by its head
     * and its Content-Length, not by where a read happens to start: on a kept-alive connection a slow proxy thread can
     * read the end of one request's body and the next request's head in one go.
     */
    private void serve(Socket client) {
        Socket upstream = new Socket();
        open.add(upstream);
        Connection connection = new Connection(client, upstream);
        try {
            upstream.connect(target, 5_000);
            Thread answers = new Thread(connection::pumpAnswers, "fault-proxy-answers");
            answers.setDaemon(true);
            answers.start();
            InputStream in = client.getInputStream();
            OutputStream out = upstream.getOutputStream();
            RequestFraming framing = new RequestFraming();
            byte[] buffer = new byte[16 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                framing.readStarts(buffer, n);
                int at = 0;
                while (at < n) {
                    int body = framing.bodyBytes(n - at);
                    if (body > 0) {
                        out.write(buffer, at, body);
                        at += body;
                        continue;
                    }
                    at = framing.collectHead(buffer, at, n);
                    byte[] head = framing.takeHead();
                    if (head == null) {
                        continue;
                    }
                    String line = RequestFraming.requestLine(head, head.length);
                    if (line != null) {
                        requests.incrementAndGet();
                        Fault fault = take(line);
                        if (fault == Fault.HANG || fault == Fault.RESET) {
                            injected.incrementAndGet();
                            out.flush(); // what came before this request still goes on
                            if (fault == Fault.HANG) {
                                connection.hang();
                            } else {
                                connection.reset();
                            }
                            return; // nothing of this request is forwarded or answered
                        }
                        if (fault != null) {
                            injected.incrementAndGet();
                            connection.breakAnswerAfter(PART, fault == Fault.RESET_MID_ANSWER);
                        }
                    }
                    out.write(head);
                }
                out.flush();
            }
            out.write(framing.heldBack());
            upstream.shutdownOutput();
        } catch (IOException e) {
            connection.close();
        }
    }

    private synchronized @Nullable Fault take(String line) {
        for (Rule rule : rules) {
            if (line.contains(rule.requestLineContains()) && rule.left().getAndDecrement() > 0) {
                return rule.fault();
            }
        }
        return null;
    }

    /** The two sockets of one proxied connection and what is to go wrong with its answer. */
    private final class Connection {
        private final Socket client;
        private final Socket upstream;
        private volatile int breakAfter = -1;
        private volatile boolean resetAtBreak;
        private volatile boolean hung;

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void breakAnswerAfter(int bytes, boolean reset) {
            resetAtBreak = reset;
            breakAfter = bytes;
        }

        void hang() {
            hung = true; // the client socket stays open and silent until the client or close() ends it
        }

        void reset() {
            try {
                client.setSoLinger(true, 0); // close() now sends RST instead of FIN
            } catch (SocketException e) {
                // already gone
            }
            close();
        }

        void pumpAnswers() {
            try {
                InputStream in = upstream.getInputStream();
                OutputStream out = client.getOutputStream();
                byte[] buffer = new byte[16 * 1024];
                int forwarded = 0;
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    int limit = breakAfter;
                    if (limit >= 0 && forwarded + n >= limit) {
                        out.write(buffer, 0, Math.max(0, limit - forwarded));
                        out.flush();
                        if (resetAtBreak) {
                            reset();
                        } else {
                            hung = true;
                        }
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                    forwarded = limit >= 0 ? forwarded + n : 0;
                }
                if (!hung) {
                    client.shutdownOutput();
                }
            } catch (IOException e) {
                if (!hung) {
                    close();
                }
            }
        }

        void close() {
            for (Socket s : new ArrayList<>(List.of(client, upstream))) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing anyway
                }
                open.remove(s);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
