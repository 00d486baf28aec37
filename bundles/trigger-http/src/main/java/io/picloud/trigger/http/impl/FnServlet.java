package io.picloud.trigger.http.impl;

import io.picloud.api.Dispatcher;
import io.picloud.api.Event;
import io.picloud.api.StoreUnavailableException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The script endpoints: any method on {@code /fn/{name}} and {@code /fn/{name}/{rest...}} becomes an {@code http}
 * event for script {@code name}, and the script's value becomes the response (see {@link HttpAnswer}).
 */
@Component(service = Servlet.class, configurationPid = "io.picloud.trigger.http", property = {
        "osgi.http.whiteboard.servlet.pattern=/fn/*",
        "osgi.http.whiteboard.servlet.name=picloud-fn"})
@Designate(ocd = FnServlet.Config.class)
public class FnServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger logger = LoggerFactory.getLogger(FnServlet.class);

    @ObjectClassDefinition(name = "PiCloud HTTP trigger", description = "The /fn/{name} script endpoints.")
    public @interface Config {
        @AttributeDefinition(description = "Largest accepted request body, in bytes (larger: 413)")
        long maxBodyBytes() default 1 << 20;

        @AttributeDefinition(description = "Retry-After seconds sent with 503 answers")
        int retryAfterSeconds() default 1;
    }

    private final transient Dispatcher dispatcher;
    private volatile long maxBodyBytes;
    private volatile int retryAfterSeconds;

    @Activate
    public FnServlet(@Reference Dispatcher dispatcher, Config config) {
        this.dispatcher = dispatcher;
        modified(config);
    }

    @Modified
    void modified(Config config) {
        maxBodyBytes = Math.max(0, config.maxBodyBytes());
        retryAfterSeconds = Math.max(0, config.retryAfterSeconds());
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String pathInfo = req.getPathInfo();
        RequestMaps.Target target = RequestMaps.Target.of(pathInfo);
        if (target == null) {
            send(req, resp, HttpAnswer.failure(404, "not_found", "no script named in the path; use /fn/{name}"));
            return;
        }
        long declared = req.getContentLengthLong();
        if (declared > maxBodyBytes) {
            send(req, resp, HttpAnswer.tooLarge(maxBodyBytes));
            return;
        }
        String body = readBody(req, declared);
        if (body == null) {
            send(req, resp, HttpAnswer.tooLarge(maxBodyBytes));
            return;
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        for (Enumeration<String> names = req.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            for (Enumeration<String> values = req.getHeaders(name); values.hasMoreElements(); ) {
                RequestMaps.addHeader(headers, name, values.nextElement());
            }
        }
        String path = req.getServletPath() + pathInfo;
        Map<String, Object> request = RequestMaps.build(req.getMethod(), path, req.getQueryString(), headers, body,
                req.getContentType(), target);
        HttpAnswer answer;
        try {
            Optional<Dispatcher.Dispatch> dispatch = dispatcher.dispatch(
                    new Event("http", path, target.name(), request, Instant.now()));
            answer = dispatch.isEmpty() ? HttpAnswer.notFound(target.name())
                    : HttpAnswer.of(dispatch.get().outcome(), retryAfterSeconds);
        } catch (StoreUnavailableException e) {
            answer = HttpAnswer.unavailable(retryAfterSeconds);
        } catch (RuntimeException e) {
            logger.error("Dispatch of '{}' failed", target.name(), e);
            answer = HttpAnswer.failure(500, "internal", "internal error");
        }
        send(req, resp, answer);
    }

    /** The body as text, or null when it is larger than allowed. */
    private String readBody(HttpServletRequest req, long declared) throws IOException {
        if (declared == 0) {
            return "";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 512);
        byte[] buffer = new byte[8192];
        long total = 0;
        try (InputStream in = req.getInputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > maxBodyBytes) {
                    return null;
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toString(charsetOf(req));
    }

    private static Charset charsetOf(HttpServletRequest req) {
        String name = req.getCharacterEncoding();
        if (name != null) {
            try {
                return Charset.forName(name);
            } catch (IllegalArgumentException e) {
                // unknown charset: fall back to UTF-8
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static void send(HttpServletRequest req, HttpServletResponse resp, HttpAnswer answer) throws IOException {
        resp.setStatus(answer.status());
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            resp.setHeader(header.getKey(), header.getValue());
        }
        if (answer.contentType() != null) {
            resp.setContentType(answer.contentType());
        }
        int status = answer.status();
        if (status == 204 || status == 304 || answer.body().length == 0) {
            return;
        }
        resp.setContentLength(answer.body().length);
        if (!"HEAD".equals(req.getMethod())) {
            resp.getOutputStream().write(answer.body());
        }
    }
}
