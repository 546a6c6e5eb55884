package io.graphpresence.api;

/**
 * What a handler answers before it becomes an API Gateway response.
 *
 * @param body a JSON-serializable value, or null for no body
 */
public record GraphResponse(int status, Object body) {

    public static final GraphResponse OK_NO_BODY = new GraphResponse(200, null);

    public static GraphResponse ok(Object body) {
        return new GraphResponse(200, body);
    }
}
