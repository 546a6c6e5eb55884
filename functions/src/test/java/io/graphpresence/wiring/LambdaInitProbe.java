package io.graphpresence.wiring;

/**
 * Initializes one function as the Lambda Java runtime does, by its no-argument constructor in a
 * fresh JVM whose environment the caller chose; says so on success, and otherwise ends with the
 * exception the runtime would report as the init error.
 */
public final class LambdaInitProbe {

    public static void main(String[] args) throws Exception {
        Class.forName(args[0]).getConstructor().newInstance();
        System.out.println("initialized " + args[0]);
        System.exit(0);
    }

    private LambdaInitProbe() {
    }
}
