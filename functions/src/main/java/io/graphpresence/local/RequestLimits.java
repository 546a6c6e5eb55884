package io.graphpresence.local;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * What the local front accepts before anything is buffered or authorized: headers of at
 * most {@value #MAX_HEADER_BYTES} bytes in all (431 beyond), bodies of at most
 * {@value #MAX_BODY_BYTES} bytes (413 beyond, judged on Content-Length before reading, and
 * on the bytes read when there is none). Both answers carry Graph's error body.
 */
final class RequestLimits {

    /** API Gateway's HTTP APIs allow 10 KB of request line and headers; ours is looser, never unbounded. */
    static final int MAX_HEADER_BYTES = 64 * 1024;
    /** Far above every documented body limit, far below what a 512 MB heap could not hold 64 times. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    /** A status, Graph error code and message. */
    record Refusal(int status, String code, String message) {
    }

    static final Refusal HEADERS_TOO_LARGE = new Refusal(431, "RequestHeaderFieldsTooLarge",
            "The request's headers exceed " + MAX_HEADER_BYTES + " bytes.");
    static final Refusal BODY_TOO_LARGE = new Refusal(413, "RequestEntityTooLarge",
            "The request body exceeds " + MAX_BODY_BYTES + " bytes.");

    private RequestLimits() {
    }

    /** Why the request is refused before its body is read, or null when it is not. */
    static Refusal refusal(HttpExchange exchange) {
        long headerBytes = 0;
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            for (String value : header.getValue()) {
                headerBytes += header.getKey().length() + value.length() + 4;
            }
        }
        if (headerBytes > MAX_HEADER_BYTES) {
            return HEADERS_TOO_LARGE;
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        try {
            if (length != null && Long.parseLong(length.trim()) > MAX_BODY_BYTES) {
                return BODY_TOO_LARGE;
            }
        } catch (NumberFormatException e) {
            return BODY_TOO_LARGE;
        }
        return null;
    }

    /** The body, or null when it turned out longer than allowed (chunked bodies have no length up front). */
    static byte[] body(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        return bytes.length > MAX_BODY_BYTES ? null : bytes;
    }

    /** Answers the refusal and ends the exchange without reading the rest of the request. */
    static void refuse(HttpExchange exchange, Refusal why) throws IOException {
        exchange.getResponseHeaders().set("Connection", "close");
        LocalEndpoints.sendJson(exchange, why.status(), "{\"error\":{\"code\":\"" + why.code() + "\",\"message\":\""
                + why.message() + "\"}}");
    }
}
