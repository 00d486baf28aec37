package io.picloud.manager.impl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import io.picloud.api.ApiKeyService;
import io.picloud.api.InvocationLog;
import io.picloud.api.ManagerHealth;
import io.picloud.api.PlatformInfo;
import io.picloud.api.ScriptExecutor;
import io.picloud.api.ScriptStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/** The REST API {@code /api/v1/*} on the HTTP whiteboard; all logic is in {@link ApiHandler}. */
@Component(service = Servlet.class, configurationPid = ManagerConfig.PID)
@HttpWhiteboardServletPattern("/api/v1/*")
@HttpWhiteboardServletName("picloud-api-v1")
public class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient ApiHandler handler;
    private transient volatile ScriptExecutor executor;

    @Activate
    public ApiServlet(@Reference ScriptStore store, @Reference InvocationLog invocations,
                      @Reference ApiKeyService keys, @Reference ManagerHealth health,
                      @Reference PlatformInfo platform, ManagerConfig config) {
        this.handler = new ApiHandler(store, invocations, keys, health, platform, () -> executor,
                config.maxUploadBytes());
    }

    @Modified
    void modified(ManagerConfig config) {
        handler.setMaxBodyBytes(config.maxUploadBytes());
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setExecutor(ScriptExecutor executor) {
        this.executor = executor;
    }

    void unsetExecutor(ScriptExecutor executor) {
        if (this.executor == executor) {
            this.executor = null;
        }
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ApiHandler.Response r = handler.handle(new ApiHandler.Request() {
            @Override
            public String method() {
                return req.getMethod();
            }

            @Override
            public String path() {
                return req.getPathInfo();
            }

            @Override
            public String header(String name) {
                return req.getHeader(name);
            }

            @Override
            public String query(String name) {
                return req.getParameter(name);
            }

            @Override
            public byte[] body(int limit) {
                long declared = req.getContentLengthLong();
                if (declared > limit) {
                    throw tooLarge(limit);
                }
                try {
                    return readAtMost(req.getInputStream(), limit);
                } catch (IOException e) {
                    throw ApiException.badRequest("the request body could not be read");
                }
            }
        });
        write(resp, r);
    }

    static ApiException tooLarge(int limit) {
        return new ApiException(413, "payload_too_large", "the body is larger than " + limit + " bytes");
    }

    /** Reads the stream up to {@code limit} bytes; a 413 {@link ApiException} when there is more. */
    static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 8192));
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (out.size() + n > limit) {
                throw tooLarge(limit);
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static void write(HttpServletResponse resp, ApiHandler.Response r) throws IOException {
        resp.setStatus(r.status());
        resp.setHeader("Cache-Control", "no-store");
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            resp.setHeader(h.getKey(), h.getValue());
        }
        if (r.body() == null) {
            return;
        }
        byte[] bytes = ApiHandler.JSON.writeValueAsBytes(r.body());
        resp.setContentType("application/json; charset=utf-8");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
