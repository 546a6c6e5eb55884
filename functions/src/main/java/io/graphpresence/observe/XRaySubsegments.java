package io.graphpresence.observe;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * X-Ray subsegments sent to the X-Ray daemon Lambda runs beside a traced function: each call
 * is one subsegment document, sent on its own (type "subsegment", its parent the function's
 * segment named in the invocation's trace header) over UDP, as X-Ray's documentation of
 * segment documents describes. Written here rather than with the X-Ray SDK, whose recorder
 * brings 7.5 MB of jars (AWS SDK v1, Jackson databind) and took seconds to start (README,
 * Operating it). Only sampled invocations send anything; a send that fails is dropped, never
 * the call's failure.
 */
public final class XRaySubsegments implements Subsegments {

    /** Where Lambda's Java runtime puts each invocation's trace header. */
    static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";
    static final String DAEMON_ADDRESS = "AWS_XRAY_DAEMON_ADDRESS";
    private static final byte[] DAEMON_HEADER = "{\"format\":\"json\",\"version\":1}\n".getBytes(StandardCharsets.UTF_8);

    private final InetSocketAddress daemon;
    private final Supplier<String> traceHeader;
    /** Opened on the first send: after a SnapStart restore, never carried over from a snapshot. */
    private DatagramSocket socket;

    XRaySubsegments(InetSocketAddress daemon, Supplier<String> traceHeader) {
        this.daemon = daemon;
        this.traceHeader = traceHeader;
    }

    /**
     * Recording when Lambda names an X-Ray daemon ({@value #DAEMON_ADDRESS}, which it sets for a
     * traced function), {@link #OFF} when {@code daemonAddress} is null or blank.
     */
    public static Subsegments fromDaemonAddress(String daemonAddress) {
        if (daemonAddress == null || daemonAddress.isBlank()) {
            return OFF;
        }
        return new XRaySubsegments(udpAddress(daemonAddress),
                () -> System.getProperty(TRACE_HEADER_PROPERTY, System.getenv("_X_AMZN_TRACE_ID")));
    }

    /** "host:port", or "tcp:host:port udp:host:port" as Lambda may give it. */
    static InetSocketAddress udpAddress(String address) {
        String udp = address.trim();
        for (String part : udp.split("\\s+")) {
            if (part.startsWith("udp:")) {
                udp = part.substring("udp:".length());
            }
        }
        int colon = udp.lastIndexOf(':');
        return new InetSocketAddress(udp.substring(0, colon), Integer.parseInt(udp.substring(colon + 1)));
    }

    @Override
    public boolean on() {
        return true;
    }

    @Override
    public Call start(String name) {
        TraceHeader header = TraceHeader.parse(traceHeader.get());
        return header == null || !header.sampled() ? Call.NONE : new Open(name, header, now());
    }

    /** The parts of an X-Ray trace header ("Root=...;Parent=...;Sampled=1") a subsegment needs. */
    record TraceHeader(String root, String parent, boolean sampled) {

        static TraceHeader parse(String header) {
            if (header == null) {
                return null;
            }
            String root = null;
            String parent = null;
            boolean sampled = false;
            for (String field : header.split(";")) {
                String[] pair = field.trim().split("=", 2);
                if (pair.length == 2) {
                    switch (pair[0]) {
                        case "Root" -> root = pair[1];
                        case "Parent" -> parent = pair[1];
                        case "Sampled" -> sampled = "1".equals(pair[1]);
                        default -> { }
                    }
                }
            }
            return root == null || parent == null ? null : new TraceHeader(root, parent, sampled);
        }
    }

    private final class Open implements Call {
        private final String name;
        private final TraceHeader header;
        private final double startTime;

        Open(String name, TraceHeader header, double startTime) {
            this.name = name;
            this.header = header;
            this.startTime = startTime;
        }

        @Override
        public void awsCall(String operation, String tableName, int status) {
            StringBuilder aws = new StringBuilder("{\"operation\":").append(quoted(operation));
            if (tableName != null) {
                aws.append(",\"table_name\":").append(quoted(tableName));
            }
            send(document("aws", status, "\"aws\":" + aws + "},\"http\":{\"response\":{\"status\":" + status + "}}"));
        }

        @Override
        public void httpCall(String method, String url, int status) {
            send(document("remote", status, "\"http\":{\"request\":{\"method\":" + quoted(method) + ",\"url\":"
                    + quoted(url) + "},\"response\":{\"status\":" + status + "}}"));
        }

        private String document(String namespace, int status, String details) {
            return "{\"type\":\"subsegment\",\"name\":" + quoted(name) + ",\"id\":" + quoted(newId())
                    + ",\"trace_id\":" + quoted(header.root()) + ",\"parent_id\":" + quoted(header.parent())
                    + ",\"start_time\":" + startTime + ",\"end_time\":" + now() + ",\"namespace\":\"" + namespace
                    + "\"," + details + outcome(status) + "}";
        }
    }

    /** X-Ray's flags: a fault for 5xx or no answer, an error for 4xx, a throttle for 429 too. */
    private static String outcome(int status) {
        if (status == 0 || status >= 500) {
            return ",\"fault\":true";
        }
        if (status >= 400) {
            return status == 429 ? ",\"error\":true,\"throttle\":true" : ",\"error\":true";
        }
        return "";
    }

    private void send(String document) {
        byte[] body = document.getBytes(StandardCharsets.UTF_8);
        byte[] packet = new byte[DAEMON_HEADER.length + body.length];
        System.arraycopy(DAEMON_HEADER, 0, packet, 0, DAEMON_HEADER.length);
        System.arraycopy(body, 0, packet, DAEMON_HEADER.length, body.length);
        try {
            socket().send(new DatagramPacket(packet, packet.length, daemon));
        } catch (IOException | RuntimeException dropped) {
            // tracing is best effort: a lost subsegment must never fail the call it describes
        }
    }

    private synchronized DatagramSocket socket() throws SocketException {
        if (socket == null) {
            socket = new DatagramSocket();
        }
        return socket;
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    private static String newId() {
        return String.format("%016x", ThreadLocalRandom.current().nextLong());
    }

    private static String quoted(String text) {
        return MetricLine.string(new StringBuilder(text.length() + 2), text).toString();
    }
}
