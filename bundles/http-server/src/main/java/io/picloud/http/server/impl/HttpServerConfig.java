package io.picloud.http.server.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "PiCloud HTTP server",
        description = "The port, threads and request limits of PiCloud's HTTP server.")
public @interface HttpServerConfig {
    String PID = "io.picloud.http";

    @AttributeDefinition(description = "TCP port (env PICLOUD_HTTP_PORT in the shipped cfg); 0 picks a free one")
    int port() default 8080;

    @AttributeDefinition(description = "Listening address (env PICLOUD_HTTP_HOST in the shipped cfg)")
    String host() default "0.0.0.0";

    @AttributeDefinition(description = "Largest number of worker threads: requests served at once")
    int maxThreads() default 200;

    @AttributeDefinition(description = "Worker threads kept when idle")
    int minThreads() default 8;

    @AttributeDefinition(description = "I/O (selector) threads; short scripts answer on them (0: one per core)")
    int selectors() default 0;

    @AttributeDefinition(description = "Milliseconds before an idle connection is closed; a streamed answer that sends nothing for this long ends too (the live tail sends a keep-alive every 25 s)")
    long idleTimeoutMillis() default 30_000;

    @AttributeDefinition(description = "Seconds requests in flight get to finish when the server stops")
    int stopTimeoutSeconds() default 10;

    @AttributeDefinition(description = "Largest request line and headers, in bytes; more is answered 431 (a request "
            + "line alone too long: 414)")
    int requestHeaderSize() default 16 * 1024;

    @AttributeDefinition(description = "Largest response headers, in bytes; an answer with more fails with a 500")
    int responseHeaderSize() default 16 * 1024;

    @AttributeDefinition(description = "Milliseconds a request body gets to arrive whole once an endpoint reads it; "
            + "a client that sends it slower is answered 408 and disconnected")
    long bodyReadTimeoutMillis() default 30_000;

    @AttributeDefinition(description = "Requests whose body is still arriving that may hold a worker thread at once; "
            + "one more is answered 503 with Retry-After. 0: half of maxThreads")
    int maxConcurrentBodyReads() default 0;

    @AttributeDefinition(description = "Bytes of an unread request body read and dropped after the answer (a 413, or "
            + "an answer that did not need the body), so that a client that sends its whole body before reading gets "
            + "the answer; a longer body makes the server close the connection instead")
    long maxDiscardBytes() default 4L * 1024 * 1024;
}
