/**
 * HTTP endpoints served by PiCloud's own HTTP server. A bundle registers an {@link io.picloud.http.api.HttpEndpoint}
 * service with the {@value io.picloud.http.api.HttpEndpoint#PREFIX} property; the server routes every request
 * whose path is that prefix or lies below it to the endpoint, longest prefix first. Endpoints come and go at runtime:
 * a request that arrives for a prefix with no endpoint is answered 404, and a request already inside an endpoint
 * that is being unregistered finishes there.
 *
 * <p>Threading: {@code handle} is called on one of the server's worker threads, one call per request, many calls at
 * once; it may block (read the body, run a script) and must answer through {@link io.picloud.http.api.HttpExchange#respond}
 * exactly once before it returns, or start a streamed answer with {@code stream}, which it may go on sending after it
 * returns. An endpoint that returns without answering, or throws, gets a 500 JSON error sent
 * for it; the exception is logged, never shown to the client. {@code handleInline} is called first, on the I/O thread
 * that read the request: it must neither block nor run long, and answers only when it can (see its documentation).
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.picloud.http.api;
