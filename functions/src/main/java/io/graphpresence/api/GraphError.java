package io.graphpresence.api;

/** An error the API answers with as it stands: a status and a Graph error code. */
public class GraphError extends RuntimeException {

    private final int status;
    private final String code;

    public GraphError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static GraphError badRequest(String message) {
        return new GraphError(400, "BadRequest", message);
    }

    public static GraphError invalidArgument(String message) {
        return new GraphError(400, "InvalidArgument", message);
    }

    public static GraphError notFound(String message) {
        return new GraphError(404, "NotFound", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
