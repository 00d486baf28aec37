package io.picloud.trigger.webhook.impl;

import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerConfigException;
import io.picloud.trigger.api.TriggerDescriptor;
import io.picloud.trigger.api.TriggerException;
import io.picloud.trigger.api.TriggerHandle;
import io.picloud.trigger.api.TriggerType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
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
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code webhook} trigger type and its endpoint {@code /hooks/*} on PiCloud's HTTP server, in one component
 * so that it serves exactly the bindings this type opened. The hook is found before the body is read, the
 * signature verified over the raw body before anything runs, and the body decoded and parsed once into the request
 * map every script endpoint builds ({@link RequestMaps}, with {@code preset}); the script's value is answered as on
 * {@code /fn} ({@link ScriptAnswer}). A webhook always has a body, so it is never answered on the I/O thread.
 */
@Component(service = {TriggerType.class, HttpEndpoint.class}, configurationPid = "io.picloud.trigger.webhook",
        property = {TriggerType.PROPERTY_TYPE + "=webhook", HttpEndpoint.PREFIX + "=/hooks"})
@Designate(ocd = WebhookTriggerType.Config.class)
public class WebhookTriggerType implements TriggerType, HttpEndpoint {
    static final TriggerDescriptor DESCRIPTOR = new TriggerDescriptor("webhook", "Webhook",
            "Runs the script for signed POST requests to /hooks/{path} (GitHub, Stripe, Slack or a generic "
                    + "HMAC-SHA256 header); unsigned or badly signed requests get 401 and run nothing.",
            WebhookConfig.SCHEMA, true);

    @ObjectClassDefinition(name = "PiCloud webhook trigger", description = "The /hooks/{path} endpoints.")
    public @interface Config {
        @AttributeDefinition(description = "Largest accepted request body, in bytes (larger: 413)")
        long maxBodyBytes() default 1 << 20;
    }

    private final HookEndpoint endpoint;
    private volatile long maxBodyBytes;

    @Activate
    public WebhookTriggerType(Config config) {
        this(config, Clock.systemUTC());
    }

    WebhookTriggerType(Config config, Clock clock) {
        this.endpoint = new HookEndpoint(clock);
        modified(config);
    }

    @Modified
    void modified(Config config) {
        maxBodyBytes = Math.max(0, config.maxBodyBytes());
    }

    HookEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public TriggerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(Map<String, Object> config) throws TriggerConfigException {
        WebhookConfig.of(config);
    }

    @Override
    public TriggerHandle open(TriggerBinding binding, TriggerCallback callback) throws TriggerException {
        HookEndpoint.Hook hook = new HookEndpoint.Hook(binding.id(), WebhookConfig.of(binding.config()), callback);
        String taken = endpoint.add(hook);
        if (taken != null) {
            throw new TriggerException("/hooks/" + hook.config().path() + " is already served by binding '" + taken
                    + "'; choose another path");
        }
        return () -> endpoint.remove(hook);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.pathWithinPrefix();
        HookEndpoint.Selection selection = endpoint.select(exchange.method(),
                path.length() <= 1 ? null : path.substring(1));
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
        Map<String, Object> headers = RequestMaps.headers(exchange);
        ScriptAnswer refused = endpoint.verify(selection, headers, body);
        if (refused != null) {
            refused.send(exchange);
            return;
        }
        String contentType = exchange.contentType();
        Map<String, Object> request = RequestMaps.build(exchange.method(), exchange.path(), exchange.query(), headers,
                RequestMaps.text(body, contentType), contentType, new HashMap<>());
        endpoint.fire(selection, request, contentType).send(exchange);
    }
}
