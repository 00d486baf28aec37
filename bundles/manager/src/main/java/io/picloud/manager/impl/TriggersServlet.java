package io.picloud.manager.impl;

import java.io.IOException;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import io.picloud.api.ApiKeyService;
import io.picloud.api.BindingStore;
import io.picloud.api.ScriptStore;
import io.picloud.api.TriggerStatusService;
import io.picloud.trigger.api.TriggerType;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /api/v1/triggers} and {@code /api/v1/trigger-types} on the HTTP whiteboard, beside {@link ApiServlet}
 * (the longer patterns win over {@code /api/v1/*}); all logic is in {@link TriggersHandler}. Collects every
 * {@link TriggerType} (multiple, dynamic, greedy) to validate configurations and describe the installed types.
 */
@Component(service = Servlet.class, configurationPid = ManagerConfig.PID)
@HttpWhiteboardServletPattern({"/api/v1/triggers", "/api/v1/triggers/*", "/api/v1/trigger-types",
        "/api/v1/trigger-types/*"})
@HttpWhiteboardServletName("picloud-api-v1-triggers")
public class TriggersServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String PREFIX = "/api/v1";

    private final transient TriggerTypes types = new TriggerTypes();
    private final transient TriggersHandler handler;
    private transient volatile TriggerStatusService statuses;

    @Activate
    public TriggersServlet(@Reference BindingStore bindings, @Reference ScriptStore scripts,
                           @Reference ApiKeyService keys, ManagerConfig config) {
        this.handler = new TriggersHandler(bindings, scripts, keys, types, () -> statuses, config.maxUploadBytes());
    }

    @Modified
    void modified(ManagerConfig config) {
        handler.setMaxBodyBytes(config.maxUploadBytes());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addTriggerType(ServiceReference<TriggerType> reference, TriggerType type) {
        Object id = reference.getProperty(TriggerType.PROPERTY_TYPE);
        if (id instanceof String s && !s.isBlank()) {
            types.add(s, type);
        }
    }

    void removeTriggerType(ServiceReference<TriggerType> reference, TriggerType type) {
        Object id = reference.getProperty(TriggerType.PROPERTY_TYPE);
        if (id instanceof String s) {
            types.remove(s, type);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setStatuses(TriggerStatusService service) {
        this.statuses = service;
    }

    void unsetStatuses(TriggerStatusService service) {
        if (this.statuses == service) {
            this.statuses = null;
        }
    }

    /** For tests outside OSGi: a type as if registered with {@code trigger.type=id}. */
    void addType(String id, TriggerType type) {
        types.add(id, type);
    }

    void removeType(String id, TriggerType type) {
        types.remove(id, type);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        String below = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;
        ApiHandler.Response r = handler.handle(new ApiHandler.Request() {
            @Override
            public String method() {
                return req.getMethod();
            }

            @Override
            public String path() {
                return below;
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
                if (req.getContentLengthLong() > limit) {
                    throw ApiServlet.tooLarge(limit);
                }
                try {
                    return ApiServlet.readAtMost(req.getInputStream(), limit);
                } catch (IOException e) {
                    throw ApiException.badRequest("the request body could not be read");
                }
            }
        });
        resp.setStatus(r.status());
        resp.setHeader("Cache-Control", "no-store");
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            resp.setHeader(h.getKey(), h.getValue());
        }
        if (r.body() != null) {
            byte[] bytes = ApiHandler.JSON.writeValueAsBytes(r.body());
            resp.setContentType("application/json; charset=utf-8");
            resp.setContentLength(bytes.length);
            resp.getOutputStream().write(bytes);
        }
    }
}
