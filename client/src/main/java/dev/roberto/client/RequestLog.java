package dev.roberto.client;

import java.net.URI;

/**
 * One finished HTTP request, for {@code --verbose} output: no headers and no body, so no token.
 *
 * @param status the HTTP status, or 0 when no response came
 * @param requestId the {@code X-Request-Id} the server returned, else the one the client sent
 */
public record RequestLog(String method, URI uri, int status, String requestId) {}
