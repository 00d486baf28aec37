package io.picloud.manager.impl;

import java.io.IOException;

import io.picloud.api.ApiKeyService;
import io.picloud.api.InvocationLog;
import io.picloud.api.ManagerHealth;
import io.picloud.api.PlatformInfo;
import io.picloud.api.ScriptStore;
import io.picloud.trigger.api.http.HttpEndpoint;
import io.picloud.trigger.api.http.HttpExchange;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/** The REST API {@code /api/v1/*} on PiCloud's HTTP server; all logic is in {@link ApiHandler}. */
@Component(service = HttpEndpoint.class, configurationPid = ManagerConfig.PID,
        property = HttpEndpoint.PREFIX + "=" + ApiExchanges.PREFIX)
public class ApiEndpoint implements HttpEndpoint {
    private final ApiHandler handler;

    @Activate
    public ApiEndpoint(@Reference ScriptStore store, @Reference InvocationLog invocations,
                      @Reference ApiKeyService keys, @Reference ManagerHealth health,
                      @Reference PlatformInfo platform, @Reference RhaiCompileCheck compiler, ManagerConfig config) {
        this.handler = new ApiHandler(store, invocations, keys, health, platform, compiler::check,
                config.maxUploadBytes());
    }

    @Modified
    void modified(ManagerConfig config) {
        handler.setMaxBodyBytes(config.maxUploadBytes());
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        ApiExchanges.respond(exchange, handler.handle(ApiExchanges.request(exchange)));
    }
}
