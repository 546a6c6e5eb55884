package io.graphpresence.local;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The presence board's static files, at {@code /} and {@code /board} (with or without the
 * slash): a page, a style sheet and a script that call the API like any other client.
 */
final class LocalBoard {

    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/board.css", "board.css",
            "/board.js", "board.js");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8");

    private LocalBoard() {
    }

    /** Whether a GET of this path is one of the board's files. */
    static boolean serves(String method, String path) {
        return ("GET".equals(method) || "HEAD".equals(method)) && FILES.containsKey(withinBoard(path));
    }

    static void send(HttpExchange exchange, String path) throws IOException {
        String file = FILES.get(withinBoard(path));
        byte[] bytes;
        try (InputStream in = LocalBoard.class.getResourceAsStream("/local/board/" + file)) {
            bytes = in.readAllBytes();
        }
        exchange.getResponseHeaders().set("content-type", TYPES.get(file.substring(file.lastIndexOf('.') + 1)));
        exchange.getResponseHeaders().set("cache-control", "no-cache");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(200, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** {@code /board}, {@code /board/} and {@code /} are the page; files sit beside it in either place. */
    private static String withinBoard(String path) {
        if (path.equals("/board")) {
            return "/";
        }
        return path.startsWith("/board/") ? path.substring("/board".length()) : path;
    }
}
