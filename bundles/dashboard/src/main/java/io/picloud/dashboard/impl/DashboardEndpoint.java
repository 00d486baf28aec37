package io.picloud.dashboard.impl;

import io.picloud.http.api.HttpEndpoint;
import io.picloud.http.api.HttpExchange;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The dashboard at {@code /}: the root endpoint, which gets every path no other endpoint serves. The built files are
 * read from this bundle once, at activation, and answered from memory on the server's I/O thread (nothing here
 * blocks): gzip when the client takes it, 304 for a tag it holds, index.html for the app's deep links.
 */
@Component(service = HttpEndpoint.class, property = HttpEndpoint.PREFIX + "=/")
public class DashboardEndpoint implements HttpEndpoint {
    /** Where the build puts dashboard/build inside this bundle (see the pom). */
    static final String FILES_DIRECTORY = "/dashboard-files";

    private static final Logger logger = LoggerFactory.getLogger(DashboardEndpoint.class);
    private static final byte[] NOT_FOUND = error("not_found", "no file at this path");
    private static final byte[] METHOD_NOT_ALLOWED = error("method_not_allowed", "the dashboard answers GET and HEAD");

    private final DashboardFiles files;

    @Activate
    public DashboardEndpoint(BundleContext context) {
        this(DashboardFiles.of(BundleFiles.read(context.getBundle(), FILES_DIRECTORY)));
        logger.info("Dashboard served at /: {} files, {} KiB ({} KiB gzipped)", files.count(),
                files.bytes() / 1024, files.gzippedBytes() / 1024);
    }

    DashboardEndpoint(DashboardFiles files) {
        this.files = files;
    }

    @Override
    public boolean handleInline(HttpExchange exchange) throws IOException {
        handle(exchange);
        return true;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            Map<String, String> headers = new HashMap<>(SecurityHeaders.ALL);
            headers.put("Allow", "GET, HEAD");
            exchange.respond(405, headers, "application/json", METHOD_NOT_ALLOWED);
            return;
        }
        StaticFile file = files.resolve(exchange.path());
        if (file == null) {
            exchange.respond(404, SecurityHeaders.ALL, "application/json", NOT_FOUND);
            return;
        }
        boolean gzip = AcceptEncoding.allowsGzip(exchange.header("Accept-Encoding"));
        if (file.matches(exchange.header("If-None-Match"))) {
            exchange.respond(304, file.notModifiedHeaders(gzip), null, null);
        } else {
            exchange.respond(200, file.headers(gzip), null, file.body(gzip));
        }
    }

    private static byte[] error(String code, String message) {
        return ("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
