package io.graphpresence.local;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar presence-local.jar [--port N] [--data DIR | --in-memory] [--seed FILE]}:
 * starts the local stack and prints the demo directory, where library output goes, and last one
 * "listening" line when it is ready.
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws Exception {
        LocalStack.Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: java -jar presence-local.jar [--port N] [--data DIR | --in-memory] [--seed FILE]");
            System.exit(2);
            return;
        }
        LibraryLog log = LibraryLog.open(options.dataDir());
        LocalStack stack;
        try {
            stack = LocalStack.start(options);
        } catch (Exception e) {
            log.errors().println("The local stack did not start: " + e.getMessage() + " (details in " + log.file() + ")");
            e.printStackTrace();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stack.close();
            } catch (Exception e) {
                log.errors().println("Stopping the local stack failed: " + e);
            } finally {
                stopped.countDown();
            }
        }, "local-stack-stop"));
        PrintStream console = log.console();
        if (!stack.seedDescription().isEmpty()) {
            console.println("Directory:");
            console.print(stack.seedDescription());
        }
        console.println("Presence board: " + stack.baseUrl() + "/");
        console.println("Tokens: POST " + stack.baseUrl() + "/_local/token  Clock: " + stack.baseUrl() + "/_local/clock");
        console.println("Library output: " + log.file());
        console.println("Request logs: " + stack.logFile() + "  (one request: " + stack.baseUrl()
                + "/_local/logs?requestId=...)");
        console.println("Presence API listening on " + stack.baseUrl());
        console.flush();
        stopped.await();
    }

    static LocalStack.Options parse(String[] args) throws Exception {
        int port = 8080;
        Path data = Path.of(".presence-data");
        boolean inMemory = false;
        String seed = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--data" -> data = Path.of(value(args, ++i, "--data"));
                case "--in-memory" -> inMemory = true;
                case "--seed" -> seed = Files.readString(Path.of(value(args, ++i, "--seed")));
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        return new LocalStack.Options(port, inMemory ? null : data, seed);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
