package io.graphpresence.api;

import io.micronaut.context.ApplicationContext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance of each function class, made on first use in a shared application context,
 * as one Lambda container has one context: the local gateway's functions, and those the
 * batch function runs its inner requests through.
 */
public final class FunctionInstances {

    private final ApplicationContext context;
    private final Map<String, GraphFunction> instances = new ConcurrentHashMap<>();

    public FunctionInstances(ApplicationContext context) {
        this.context = context;
    }

    public GraphFunction get(String className) {
        return instances.computeIfAbsent(className, this::instantiate);
    }

    private GraphFunction instantiate(String className) {
        try {
            Class<? extends GraphFunction> type = Class.forName(className).asSubclass(GraphFunction.class);
            return type.getConstructor(ApplicationContext.class).newInstance(context);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Function " + className + " needs a constructor taking the context", e);
        }
    }
}
