package io.graphpresence.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a fresh JVM on the lean Lambda jar: loads one handler the way the Lambda runtime
 * does (by class name, no-argument constructor), answers one request through the runtime's
 * path (event JSON in, response JSON out), and prints how long that took since the JVM started
 * the heap then in use, how many classes the JVM had loaded by then (a figure the machine's
 * load does not move) and the CPU time all its threads had used (which a busy machine moves
 * far less than the time on the clock: waiting for a core is not counted).
 *
 * <p>Arguments: the handler class, the file holding the event's JSON, and {@code custom} when
 * the handler's jar declares its own serializer (the functions) or {@code runtime} when it does
 * not (the framework-free baseline, which gets the runtime's own).
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        var handler = (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(args[0])
                .getConstructor().newInstance();
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        byte[] response = LambdaEntry.of(handler, "custom".equals(args[2])).invoke(event);
        long elapsed = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        Runtime runtime = Runtime.getRuntime();
        long heapMb = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
        int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        long cpuMs = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
        System.out.println("COLD " + LambdaEntry.status(response) + " " + elapsed + " " + heapMb + " " + classes
                + " " + cpuMs);
        System.exit(0);
    }
}
