package io.picloud.manager.impl.rest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.picloud.api.DeployResult;
import com.fasterxml.jackson.databind.JsonNode;
import io.picloud.api.RateLimit;
import io.picloud.api.RetryPolicy;
import io.picloud.api.ScriptAccess;
import io.picloud.api.ScriptSettings;
import io.picloud.api.ScriptSummary;
import io.picloud.api.ScriptVersion;
import io.picloud.api.control.ScriptService;
import io.picloud.api.control.ScriptService.ScriptDetail;
import io.picloud.manager.impl.ScriptSettingsRules;
import io.picloud.store.json.ConfigJson;

/** {@code /scripts/**} over the {@link ScriptService}. */
final class ScriptRoutes {
    private final ScriptService scripts;

    ScriptRoutes(ScriptService scripts) {
        this.scripts = scripts;
    }

    void register(RouteTable t) {
        t.add("GET", "/scripts", this::list)
                .add("GET", "/scripts/{name}", this::get)
                .add("PUT", "/scripts/{name}", this::deploy)
                .add("PATCH", "/scripts/{name}", this::update)
                .add("DELETE", "/scripts/{name}", this::delete)
                .add("GET", "/scripts/{name}/versions", this::versions)
                .add("GET", "/scripts/{name}/versions/{version}", this::version)
                .add("POST", "/scripts/{name}/rollback", this::rollback)
                .add("GET", "/scripts/{name}/settings", this::settings)
                .add("PUT", "/scripts/{name}/settings", this::putSettings)
                .add("GET", "/scripts/{name}/config", this::config)
                .add("PUT", "/scripts/{name}/config", this::putConfig);
    }

    private ApiResponse list(Call c) {
        List<Bodies.ScriptItem> out = new ArrayList<>();
        for (ScriptSummary s : scripts.list(c.principal())) {
            out.add(Bodies.ScriptItem.of(s));
        }
        return ApiResponse.ok(new Bodies.Scripts(out));
    }

    private ApiResponse get(Call c) {
        ScriptDetail d = scripts.get(c.principal(), c.param("name"));
        ScriptVersion v = d.active();
        return ApiResponse.ok(new Bodies.ScriptBody(v.name(), v.version(), v.hash(), Bodies.text(v.createdAt()),
                v.source(), d.summary().owner(), d.summary().access().id()));
    }

    private ApiResponse deploy(Call c) {
        String name = c.param("name");
        DeployResult result = scripts.deploy(c.principal(), name, source(c));
        Bodies.Deployed body = Bodies.Deployed.of(result.version());
        return result.created() ? ApiResponse.created("/api/v1/scripts/" + name, body) : ApiResponse.ok(body);
    }

    private ApiResponse update(Call c) {
        Bodies.ScriptChange change = c.body(Bodies.ScriptChange.class);
        ScriptAccess access = null;
        if (change.access() != null) {
            access = ScriptAccess.fromId(change.access());
            if (access == null) {
                throw ApiException.badRequest("access", "\"access\" must be public or key");
            }
        }
        if (access == null && change.owner() == null) {
            throw ApiException.badRequest("body", "send \"access\" and/or \"owner\"");
        }
        return ApiResponse.ok(Bodies.ScriptItem.of(scripts.update(c.principal(), c.param("name"), access,
                change.owner())));
    }

    private ApiResponse delete(Call c) {
        scripts.delete(c.principal(), c.param("name"));
        return ApiResponse.noContent();
    }

    private ApiResponse versions(Call c) {
        String name = c.param("name");
        List<ScriptVersion> versions = scripts.versions(c.principal(), name);
        int active = scripts.get(c.principal(), name).active().version();
        List<Bodies.VersionItem> out = new ArrayList<>();
        for (ScriptVersion v : versions) {
            out.add(new Bodies.VersionItem(v.version(), v.hash(), Bodies.text(v.createdAt()), v.version() == active));
        }
        return ApiResponse.ok(new Bodies.Versions(name, active, out));
    }

    private ApiResponse version(Call c) {
        String name = c.param("name");
        int number;
        try {
            number = Integer.parseInt(c.param("version"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("script " + name + " has no version " + c.param("version"));
        }
        ScriptVersion v = scripts.version(c.principal(), name, number);
        int active = scripts.get(c.principal(), name).active().version();
        return ApiResponse.ok(new Bodies.VersionBody(name, v.version(), v.hash(), Bodies.text(v.createdAt()),
                v.source(), v.version() == active));
    }

    private ApiResponse rollback(Call c) {
        Bodies.Rollback body = c.body(Bodies.Rollback.class);
        if (body.version() == null || body.version() < 1) {
            throw ApiException.badRequest("version", "the JSON body needs a positive integer field \"version\"");
        }
        return ApiResponse.ok(Bodies.Deployed.of(scripts.rollback(c.principal(), c.param("name"), body.version())));
    }

    private ApiResponse settings(Call c) {
        String name = c.param("name");
        return ApiResponse.ok(Bodies.SettingsBody.of(name, scripts.settings(c.principal(), name)));
    }

    /**
     * Replaces the kv namespace and the host allow-list; the config stays, and so do the retry policy and rate
     * limit unless sent (null clears them).
     */
    private ApiResponse putSettings(Call c) {
        String name = c.param("name");
        Bodies.SettingsRequest r = c.body(Bodies.SettingsRequest.class);
        ScriptSettings now = scripts.settings(c.principal(), name);
        ScriptSettings wanted = new ScriptSettings(r.kvNamespace() == null || r.kvNamespace().equals(name)
                ? null : r.kvNamespace(), r.allowHosts(), now.config(),
                r.retry() == null ? now.retry() : retry(r.retry()),
                r.rateLimit() == null ? now.rateLimit() : rateLimit(r.rateLimit()));
        return ApiResponse.ok(Bodies.SettingsBody.of(name, scripts.updateSettings(c.principal(), name, wanted)));
    }

    /** JSON null clears the policy (the default applies); an object's missing fields take the default's. */
    private static RetryPolicy retry(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        Bodies.RetryBody b = nested(node, "retry", Bodies.RetryBody.class);
        return ScriptSettingsRules.retryPolicy(b.maxAttempts(), b.initialBackoffMillis(), b.maxBackoffMillis(),
                b.retryOn());
    }

    private static RateLimit rateLimit(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        Bodies.RateLimitBody b = nested(node, "rateLimit", Bodies.RateLimitBody.class);
        return ScriptSettingsRules.rateLimit(b.perSecond(), b.burst());
    }

    /** An object field read strictly as {@code type}; a refusal names {@code field.inner}. */
    private static <T> T nested(JsonNode node, String field, Class<T> type) {
        if (!node.isObject()) {
            throw ApiException.badRequest(field, "\"" + field + "\" must be an object or null");
        }
        try {
            return Json.read(Json.write(node), type);
        } catch (ApiException e) {
            throw new ApiException(e.status, e.code, e.getMessage().replace("\"" + e.field + "\"",
                    "\"" + field + "." + e.field + "\""), e.field == null ? field : field + "." + e.field, e.headers);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest(field, "\"" + field + "\" could not be read");
        }
    }

    private ApiResponse config(Call c) {
        return ApiResponse.ok(scripts.settings(c.principal(), c.param("name")).config());
    }

    /** Replaces the config with the JSON object sent. */
    private ApiResponse putConfig(Call c) {
        String name = c.param("name");
        JsonNode body = c.body(JsonNode.class);
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("config", "the body must be a JSON object");
        }
        ScriptSettings now = scripts.settings(c.principal(), name);
        return ApiResponse.ok(scripts.updateSettings(c.principal(), name, now.withConfig(ConfigJson.toMap(body)))
                .config());
    }

    /** The upload: {@code text/plain} (any charset) or {@code application/json {"source": ...}}. */
    private static String source(Call c) {
        String contentType = c.request().header("Content-Type");
        String mime = contentType == null ? "text/plain"
                : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (mime.equals("text/plain") || mime.isEmpty()) {
            return new String(c.request().body(c.maxBodyBytes()), charset(contentType));
        }
        if (mime.equals("application/json")) {
            Bodies.Source s = Json.read(c.request().body(c.maxBodyBytes()), Bodies.Source.class);
            if (s.source() == null) {
                throw ApiException.badRequest("source", "the JSON body needs a string field \"source\"");
            }
            return s.source();
        }
        throw new ApiException(415, "unsupported_media_type",
                "send the source as text/plain or as application/json {\"source\": ...}");
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String p = part.strip();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    try {
                        return Charset.forName(p.substring(8).replace("\"", "").strip());
                    } catch (IllegalArgumentException e) {
                        throw new ApiException(415, "unsupported_media_type", "unknown charset " + p.substring(8));
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
