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

import io.picloud.http.api.BodyTooLargeException;
import io.picloud.http.api.HttpEndpoint;
import io.picloud.http.api.HttpExchange;
import io.picloud.http.script.RequestMaps;
import io.picloud.http.script.ScriptAnswer;

import java.io.IOException;
import java.util.Map;

/**
 * The {@code http} trigger type and its endpoint {@code /r/*} on PiCloud's HTTP server, in one component so that
 * the endpoint serves exactly the routes this type opened. Conflicting routes are refused in {@link #validate} against
 * the routes open on this node. A request's route is chosen (and its caller's key checked) before its body is
 * read; the body is decoded and parsed once, into the request map every script endpoint builds
 * ({@link RequestMaps}), and the script's value is answered as on {@code /fn} ({@link ScriptAnswer}).
 */
@Component(service = {TriggerType.class, HttpEndpoint.class}, configurationPid = "io.picloud.trigger.httproute",
        property = {TriggerType.PROPERTY_TYPE + "=http", HttpEndpoint.PREFIX + "=" + HttpRouteTriggerType.PREFIX})
@Designate(ocd = HttpRouteTriggerType.Config.class)
public class HttpRouteTriggerType implements TriggerType, HttpEndpoint {
    static final String PREFIX = "/r";
    private static final byte[] NO_BODY = new byte[0];

    static final TriggerDescriptor DESCRIPTOR = new TriggerDescriptor("http", "HTTP route",
            "Runs the script for requests to /r/{path} matching a method and a path pattern such as /users/{id} "
                    + "(request.params.id) or /files/{path*}; the script's value is the response.",
            RouteConfig.SCHEMA, true);

    @ObjectClassDefinition(name = "PiCloud http route trigger", description = "The /r/{path} routes.")
    public @interface Config {
        @AttributeDefinition(description = "Largest accepted request body, in bytes (larger: 413)")
        long maxBodyBytes() default 1 << 20;
    }

    private final RouteTable table;
    private volatile long maxBodyBytes;

    @Activate
    public HttpRouteTriggerType(Config config) {
        this.table = new RouteTable();
        modified(config);
    }

    @Modified
    void modified(Config config) {
        maxBodyBytes = Math.max(0, config.maxBodyBytes());
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
    public void handle(HttpExchange exchange) throws IOException {
        RouteTable.Selection selection = select(exchange);
        if (selection.answer() != null) {
            selection.answer().send(exchange);
            return;
        }
        byte[] body;
        try {
            body = exchange.body(maxBodyBytes);
        } catch (BodyTooLargeException e) {
            ScriptAnswer.tooLarge(maxBodyBytes).send(exchange);
            return;
        }
        table.fire(selection, RequestMaps.of(exchange, body, selection.params())).send(exchange);
    }

    /**
     * A request without a body whose route's script the runtime may run on the I/O thread
     * ({@link io.picloud.trigger.api.TriggerCallback#mayFireInline}, asked before the request map is built) is
     * answered there, as is a request that no route takes (404, 405, 401, 403, 503: answered from memory).
     */
    @Override
    public boolean handleInline(HttpExchange exchange) throws IOException {
        if (exchange.hasBody()) {
            return false;
        }
        RouteTable.Selection selection = select(exchange);
        if (selection.answer() != null) {
            selection.answer().send(exchange);
            return true;
        }
        if (!selection.route().callback().mayFireInline()) {
            return false; // the worker builds the request map, once
        }
        ScriptAnswer answer = table.fireInline(selection, RequestMaps.of(exchange, NO_BODY, selection.params()));
        if (answer == null) {
            return false;
        }
        answer.send(exchange);
        return true;
    }

    private RouteTable.Selection select(HttpExchange exchange) {
        // the raw path: decoded per segment while matching, so that %2F stays inside its segment
        return table.select(exchange.method(), exchange.rawPath().substring(PREFIX.length()),
                RequestMaps.apiKey(exchange));
    }
}
