package io.picloud.trigger.httproute.impl;

import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerConfigException;
import io.picloud.trigger.api.TriggerDescriptor;
import io.picloud.trigger.api.TriggerException;
import io.picloud.trigger.api.TriggerHandle;
import io.picloud.trigger.api.TriggerType;
import io.picloud.trigger.api.ValidationContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code http} trigger type and its servlet {@code /r/*} on the HTTP whiteboard, in one component so that the
 * servlet serves exactly the routes this type opened. Conflicting routes are refused in {@link #validate} against
 * the routes open on this node.
 */
@Component(service = {TriggerType.class, Servlet.class}, configurationPid = "io.picloud.trigger.httproute",
        property = {TriggerType.PROPERTY_TYPE + "=http",
                "osgi.http.whiteboard.servlet.pattern=/r/*",
                "osgi.http.whiteboard.servlet.name=picloud-routes"})
@Designate(ocd = HttpRouteTriggerType.Config.class)
public class HttpRouteTriggerType extends HttpServlet implements TriggerType {
    private static final long serialVersionUID = 1L;

    static final TriggerDescriptor DESCRIPTOR = new TriggerDescriptor("http", "HTTP route",
            "Runs the script for requests to /r/{path} matching a method and a path pattern such as /users/{id} "
                    + "(request.params.id) or /files/{path*}; the script's value is the response.",
            RouteConfig.SCHEMA);

    @ObjectClassDefinition(name = "PiCloud http route trigger", description = "The /r/{path} routes.")
    public @interface Config {
        @AttributeDefinition(description = "Largest accepted request body, in bytes (larger: 413)")
        long maxBodyBytes() default 1 << 20;

        @AttributeDefinition(description = "How long a request waits for its script, in milliseconds (then 504)")
        long timeoutMs() default 30_000;
    }

    private final transient RouteTable table;
    private volatile long maxBodyBytes;

    @Activate
    public HttpRouteTriggerType(Config config) {
        this.table = new RouteTable(config.timeoutMs());
        modified(config);
    }

    @Modified
    void modified(Config config) {
        maxBodyBytes = Math.max(0, config.maxBodyBytes());
        table.setTimeoutMillis(Math.max(1, config.timeoutMs()));
    }

    @Deactivate
    void deactivate() {
        table.stop();
    }

    RouteTable table() {
        return table;
    }

    @Override
    public TriggerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(Map<String, Object> config) throws TriggerConfigException {
        RouteConfig route = RouteConfig.of(config);
        // an identical route may be the binding being validated itself (re-saved): open() refuses true duplicates
        RouteTable.Route other = table.conflict(route, true);
        if (other != null) {
            throw new TriggerConfigException("path", route.describe() + " conflicts with binding "
                    + other.bindingId() + " (" + other.config().describe() + ")");
        }
    }

    /** What the manager calls: conflicts with every stored http binding, cluster-wide, the saved one excepted. */
    @Override
    public void validate(Map<String, Object> config, ValidationContext context) throws TriggerException {
        RouteTable.checkAgainst(RouteConfig.of(config), context.otherBindings());
    }

    @Override
    public TriggerHandle open(TriggerBinding binding, TriggerCallback callback) throws TriggerException {
        RouteTable.Route route = new RouteTable.Route(binding.id(), RouteConfig.of(binding.config()), callback);
        RouteTable.Route other = table.add(route);
        if (other != null) {
            throw new TriggerException(route.config().describe() + " conflicts with binding " + other.bindingId()
                    + " (" + other.config().describe() + "); change the method or the path");
        }
        return () -> table.remove(route);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getContentLengthLong() > maxBodyBytes) {
            send(resp, RouteTable.Response.error(413, "too_large", "the body exceeds " + maxBodyBytes + " bytes"));
            return;
        }
        byte[] body = readBody(req.getInputStream());
        if (body == null) {
            send(resp, RouteTable.Response.error(413, "too_large", "the body exceeds " + maxBodyBytes + " bytes"));
            return;
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        for (Enumeration<String> names = req.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            for (Enumeration<String> values = req.getHeaders(name); values.hasMoreElements(); ) {
                headers.merge(name.toLowerCase(Locale.ROOT), values.nextElement(), (a, b) -> a + ", " + b);
            }
        }
        // the raw path: decoded per segment while matching, so that %2F stays inside its segment
        String uri = req.getRequestURI();
        String prefix = req.getContextPath() + req.getServletPath();
        String path = uri.startsWith(prefix) ? uri.substring(prefix.length()) : req.getPathInfo();
        RouteTable.Request request = new RouteTable.Request(req.getMethod(), path, parseQuery(req.getQueryString()),
                headers, new String(body, StandardCharsets.UTF_8), req.getContentType());
        send(resp, table.handle(request));
    }

    static Map<String, Object> parseQuery(String queryString) {
        Map<String, Object> query = new LinkedHashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return query;
        }
        for (String pair : queryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            query.merge(key, eq < 0 ? "" : decode(pair.substring(eq + 1)), (a, b) -> a + "," + b);
        }
        return query;
    }

    private static String decode(String text) {
        try {
            return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private byte[] readBody(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > maxBodyBytes) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static void send(HttpServletResponse resp, RouteTable.Response response) throws IOException {
        resp.setStatus(response.status());
        response.headers().forEach(resp::setHeader);
        if (response.body() == null) {
            return;
        }
        if (response.contentType() != null) {
            resp.setContentType(response.contentType());
        }
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
