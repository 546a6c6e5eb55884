package io.graphpresence.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.graphpresence.api.GraphFunction;
import io.graphpresence.api.SnapStartPriming;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs in a fresh JVM on the lean Lambda jar, as a SnapStart function would up to its snapshot:
 * the handler is made, then (argument {@code primed}) the priming hook runs as CRaC would run it
 * before the checkpoint. This JDK cannot take the snapshot itself, so what a restore would keep,
 * loaded classes and compiled code, is simply still there. Then it times the first real request
 * and {@link #WARM} more, and prints the first's time and the median of the last half, in nanoseconds,
 * and how many classes the first request loaded (what priming left for it, whatever the machine's load).
 */
public final class PrimingProbe {

    static final int WARM = 400;

    private PrimingProbe() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        var handler = (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(args[0])
                .getConstructor().newInstance();
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        if ("primed".equals(args[2])) {
            new SnapStartPriming((GraphFunction) handler).beforeCheckpoint(null);
        }
        LambdaEntry entry = LambdaEntry.of(handler, true);
        var classes = java.lang.management.ManagementFactory.getClassLoadingMXBean();
        int classesBefore = classes.getLoadedClassCount();
        long start = System.nanoTime();
        byte[] first = entry.invoke(event);
        long firstNanos = System.nanoTime() - start;
        int classesByFirst = classes.getLoadedClassCount() - classesBefore;
        long[] warm = new long[WARM];
        for (int i = 0; i < WARM; i++) {
            long t = System.nanoTime();
            entry.invoke(event);
            warm[i] = System.nanoTime() - t;
        }
        long[] settled = Arrays.copyOfRange(warm, WARM / 2, WARM);
        Arrays.sort(settled);
        System.out.println("PRIMING " + LambdaEntry.status(first) + " " + firstNanos + " " + settled[settled.length / 2]
                + " " + classesByFirst);
        System.exit(0);
    }
}
