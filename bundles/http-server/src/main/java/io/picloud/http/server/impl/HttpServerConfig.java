package io.picloud.http.server.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "PiCloud HTTP server", description = "The port and threads of PiCloud's HTTP server.")
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
}
