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

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code webhook} trigger type and its endpoint {@code /hooks/*} on the HTTP whiteboard, in one component so
 * that the servlet serves exactly the bindings this type opened. The signature is verified before anything runs.
 */
@Component(service = {TriggerType.class, Servlet.class}, configurationPid = "io.picloud.trigger.webhook",
        property = {TriggerType.PROPERTY_TYPE + "=webhook",
                "osgi.http.whiteboard.servlet.pattern=/hooks/*",
                "osgi.http.whiteboard.servlet.name=picloud-hooks"})
@Designate(ocd = WebhookTriggerType.Config.class)
public class WebhookTriggerType extends HttpServlet implements TriggerType {
    private static final long serialVersionUID = 1L;

    static final TriggerDescriptor DESCRIPTOR = new TriggerDescriptor("webhook", "Webhook",
            "Runs the script for signed POST requests to /hooks/{path} (GitHub, Stripe, Slack or a generic "
                    + "HMAC-SHA256 header); unsigned or badly signed requests get 401 and run nothing.",
            WebhookConfig.SCHEMA);

    @ObjectClassDefinition(name = "PiCloud webhook trigger", description = "The /hooks/{path} endpoints.")
    public @interface Config {
        @AttributeDefinition(description = "Largest accepted request body, in bytes (larger: 413)")
        long maxBodyBytes() default 1 << 20;

        @AttributeDefinition(description = "How long a request waits for its script, in milliseconds (then 504)")
        long timeoutMs() default 30_000;
    }

    private final transient HookEndpoint endpoint;
    private volatile long maxBodyBytes;

    @Activate
    public WebhookTriggerType(Config config) {
        this(config, Clock.systemUTC());
    }

    WebhookTriggerType(Config config, Clock clock) {
        this.endpoint = new HookEndpoint(clock, config.timeoutMs());
        modified(config);
    }

    @Modified
    void modified(Config config) {
        maxBodyBytes = Math.max(0, config.maxBodyBytes());
        endpoint.setTimeoutMillis(Math.max(1, config.timeoutMs()));
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
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo();
        path = path == null || path.length() <= 1 ? null : path.substring(1);
        if (req.getContentLengthLong() > maxBodyBytes) {
            send(resp, HookEndpoint.Response.error(413, "too_large", "the body exceeds " + maxBodyBytes + " bytes"));
            return;
        }
        byte[] body = readBody(req.getInputStream());
        if (body == null) {
            send(resp, HookEndpoint.Response.error(413, "too_large", "the body exceeds " + maxBodyBytes + " bytes"));
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Enumeration<String> names = req.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            headers.putIfAbsent(name.toLowerCase(Locale.ROOT), req.getHeader(name));
        }
        Map<String, Object> query = new LinkedHashMap<>();
        // only the query string: getParameterMap() would consume a form body before the signature check
        String queryString = req.getQueryString();
        if (queryString != null) {
            for (String pair : queryString.split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                if (!key.isEmpty()) {
                    query.putIfAbsent(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
                }
            }
        }
        send(resp, endpoint.handle(req.getMethod(), path, headers, query, body));
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

    private static void send(HttpServletResponse resp, HookEndpoint.Response response) throws IOException {
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
