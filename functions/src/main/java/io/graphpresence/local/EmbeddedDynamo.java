package io.graphpresence.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.lang.reflect.Field;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** AWS's DynamoDB Local in this process, on a free port, file-backed or in memory. */
public final class EmbeddedDynamo implements AutoCloseable {

    private static final String NATIVES_PROPERTY = "sqlite4java.library.path";
    private static final List<String> NATIVES = List.of(
            "libsqlite4java-linux-amd64-1.0.392.so", "libsqlite4java-linux-i386-1.0.392.so",
            "libsqlite4java-osx-1.0.392.dylib", "sqlite4java-win32-x64-1.0.392.dll",
            "sqlite4java-win32-x86-1.0.392.dll");

    private final DynamoDBProxyServer server;
    private final int port;

    private EmbeddedDynamo(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** @param dataDir where the tables live, or null to keep everything in memory */
    public static EmbeddedDynamo start(Path dataDir) throws Exception {
        ensureNatives();
        int port = freePort();
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-sharedDb", "-disableTelemetry"));
        if (dataDir == null) {
            args.add("-inMemory");
        } else {
            Files.createDirectories(dataDir);
            args.addAll(List.of("-dbPath", dataDir.toAbsolutePath().toString()));
        }
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
        onLoopbackOnly(server);
        server.start();
        return new EmbeddedDynamo(server, port);
    }

    /**
     * DynamoDB Local accepts any credentials and has no option for its address: its Jetty
     * server listens on every interface. Before it starts, its connectors are told to listen
     * on loopback, so nobody on the network can read or write the data past every check.
     */
    private static void onLoopbackOnly(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);
        for (Connector connector : jetty.getConnectors()) {
            ((ServerConnector) connector).setHost(InetAddress.getLoopbackAddress().getHostAddress());
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /**
     * sqlite4java loads its native library from a directory. Tests point at the one Maven
     * copies; the self-contained runner carries them inside and copies them out once.
     */
    private static void ensureNatives() {
        if (System.getProperty(NATIVES_PROPERTY) != null) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("presence-sqlite");
            for (String name : NATIVES) {
                try (InputStream in = EmbeddedDynamo.class.getResourceAsStream("/sqlite-natives/" + name)) {
                    if (in != null) {
                        Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                dir.resolve(name).toFile().deleteOnExit();
            }
            dir.toFile().deleteOnExit();
            System.setProperty(NATIVES_PROPERTY, dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack sqlite4java's native libraries", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
