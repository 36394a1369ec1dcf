package org.gatehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A DNS server on loopback UDP that answers every query NXDOMAIN and records the names asked. A test points the
 * service's Vert.x resolver at it ({@code quarkus.vertx.resolver.servers=127.0.0.1:<port>}) to see which lookups a
 * request path makes: for instance none per request, whatever {@code quarkus.http.proxy.trusted-proxies} says.
 * The port can be chosen before the application starts ({@link #freePort()}) and the recorder started later: until
 * then queries to it simply fail.
 */
public final class DnsQueryRecorder implements AutoCloseable {

    private static final int HEADER_LENGTH = 12;
    private static final int NXDOMAIN = 3;

    private final DatagramSocket socket;
    private final Thread answering;
    private final List<String> names = new CopyOnWriteArrayList<>();

    private DnsQueryRecorder(DatagramSocket socket) {
        this.socket = socket;
        this.answering = new Thread(this::answer, "dns-query-recorder");
        this.answering.setDaemon(true);
        this.answering.start();
    }

    public static DnsQueryRecorder startAt(int port) {
        try {
            return new DnsQueryRecorder(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loopback UDP port nothing listens on right now. */
    public static int freePort() {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return probe.getLocalPort();
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names asked so far, in order, one entry per query (an A and an AAAA query of one name count twice). */
    public List<String> names() {
        return List.copyOf(names);
    }

    @Override
    public void close() {
        socket.close();
        try {
            answering.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void answer() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            DatagramPacket query = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(query);
            } catch (IOException closed) {
                return;
            }
            int questionEnd = questionEnd(buffer, query.getLength());
            if (questionEnd < 0) {
                continue;
            }
            names.add(name(buffer, questionEnd));
            // The query's header and question, turned into an answer: QR and RA set, RCODE 3, no other sections.
            byte[] reply = new byte[questionEnd];
            System.arraycopy(buffer, 0, reply, 0, questionEnd);
            reply[2] = (byte) (reply[2] | 0x80);
            reply[3] = (byte) (0x80 | NXDOMAIN);
            reply[4] = 0;
            reply[5] = 1;
            for (int i = 6; i < HEADER_LENGTH; i++) {
                reply[i] = 0;
            }
            try {
                socket.send(new DatagramPacket(reply, reply.length, query.getSocketAddress()));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Offset just past the first question (name, type, class), or -1 when the packet is not a query we read. */
    private static int questionEnd(byte[] packet, int length) {
        if (length < HEADER_LENGTH || (packet[4] == 0 && packet[5] == 0)) {
            return -1;
        }
        int offset = HEADER_LENGTH;
        while (offset < length && packet[offset] != 0) {
            int label = packet[offset] & 0xff;
            if (label > 63) {
                return -1;
            }
            offset += 1 + label;
        }
        offset += 1 + 4;
        return offset <= length ? offset : -1;
    }

    private static String name(byte[] packet, int questionEnd) {
        StringBuilder name = new StringBuilder();
        int offset = HEADER_LENGTH;
        while (offset < questionEnd - 5) {
            int label = packet[offset] & 0xff;
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append(new String(packet, offset + 1, label, StandardCharsets.US_ASCII));
            offset += 1 + label;
        }
        return name.toString();
    }
}
