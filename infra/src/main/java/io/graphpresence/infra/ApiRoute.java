package io.graphpresence.infra;

/** One HTTP route and the handler class that serves it, as the functions' route table lists it. */
public record ApiRoute(String method, String path, String handlerClass) {
}
