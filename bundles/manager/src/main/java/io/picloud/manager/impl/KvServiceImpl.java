package io.picloud.manager.impl;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.picloud.api.KvRefusedException;
import io.picloud.api.KvStore;
import io.picloud.api.ScriptOwner;
import io.picloud.api.ScriptStore;
import io.picloud.api.control.AuditLog;
import io.picloud.api.control.KvService;
import io.picloud.api.control.OperationException;
import io.picloud.api.control.Principal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link KvService}: the kv namespaces of scripts over the {@link KvStore}, with the rights of the namespace's
 * scripts ({@link Authz}) and writes audited ({@code kv.put}, {@code kv.delete}, target {@code namespace/key}).
 * Values are checked and written as the kv host API writes them (a FLOAT with a fraction, so it stays a FLOAT), and
 * within its limits: those of its configuration {@code io.picloud.host.kv} where this container has it, else its
 * defaults (a manager-only container).
 */
@Component(service = KvService.class, configurationPid = KvServiceImpl.HOST_KV_PID)
public class KvServiceImpl implements KvService {
    /** The kv host API's configuration: REST writes keep to its limits too (its defaults where it is absent). */
    static final String HOST_KV_PID = "io.picloud.host.kv";
    static final long MAX_TTL_SECONDS = 10L * 366 * 24 * 3600;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The limits of the kv host API's configuration that REST writes keep to (same names and defaults). */
    public @interface Limits {
        int maxKeyBytes() default KvStore.MAX_KEY_BYTES;

        long maxValueBytes() default 1L << 20;

        long maxKeysPerNamespace() default 100_000;
    }

    private record Applied(int maxKeyBytes, long maxValueBytes, long maxKeys) {
        static final Applied DEFAULTS = new Applied(KvStore.MAX_KEY_BYTES, 1L << 20, 100_000);

        static Applied of(Limits l) {
            return new Applied(Math.max(1, Math.min(l.maxKeyBytes(), KvStore.MAX_KEY_BYTES)),
                    Math.max(1, l.maxValueBytes()), Math.max(0, l.maxKeysPerNamespace()));
        }
    }

    private final KvStore kv;
    private final ScriptStore scripts;
    private final AuditLog audit;
    private volatile Applied limits;

    @Activate
    public KvServiceImpl(@Reference KvStore kv, @Reference ScriptStore scripts, @Reference AuditLog audit,
                         Limits limits) {
        this.kv = kv;
        this.scripts = scripts;
        this.audit = audit;
        this.limits = Applied.of(limits);
    }

    /** With the kv host API's default limits. */
    public KvServiceImpl(KvStore kv, ScriptStore scripts, AuditLog audit) {
        this.kv = kv;
        this.scripts = scripts;
        this.audit = audit;
        this.limits = Applied.DEFAULTS;
    }

    /** A change of the kv host API's limits applies in place (the REST endpoint that uses this stays). */
    @Modified
    void modified(Limits newLimits) {
        this.limits = Applied.of(newLimits);
    }

    @Override
    public List<KvStore.Entry> list(Principal p, String namespace, String prefix, int limit) {
        Authz.read(p);
        scriptsOf(namespace);
        String pre = prefix == null ? "" : prefix;
        if (pre.getBytes(StandardCharsets.UTF_8).length > KvStore.MAX_KEY_BYTES) { // the schema's bound
            throw OperationException.invalid("prefix", "the prefix is longer than " + KvStore.MAX_KEY_BYTES
                    + " bytes");
        }
        if (limit < 1 || limit > MAX_LIST) {
            throw OperationException.invalid("limit", "limit must be an integer from 1 to " + MAX_LIST);
        }
        return kv.list(namespace, pre, limit);
    }

    @Override
    public KvStore.Entry get(Principal p, String namespace, String key) {
        Authz.read(p);
        scriptsOf(namespace);
        return kv.get(namespace, checkedKey(key)).orElseThrow(() -> noKey(namespace, key));
    }

    @Override
    public KvStore.Entry put(Principal p, String namespace, String key, String json, Long ttlSeconds) {
        String target = namespace + "/" + key;
        mayWrite(p, namespace, "kv.put", target);
        Applied l = limits;
        String k = checkedKey(key, l.maxKeyBytes());
        String value = canonical(json);
        if (value.getBytes(StandardCharsets.UTF_8).length > l.maxValueBytes()) {
            throw OperationException.invalid("value", "the value's JSON is larger than " + l.maxValueBytes()
                    + " bytes (maxValueBytes)");
        }
        if (ttlSeconds != null && (ttlSeconds < 1 || ttlSeconds > MAX_TTL_SECONDS)) {
            throw OperationException.invalid("ttl", "ttl is a number of seconds from 1 to " + MAX_TTL_SECONDS);
        }
        try {
            kv.set(namespace, k, value, ttlSeconds == null ? 0 : ttlSeconds * 1000, l.maxKeys());
        } catch (KvRefusedException e) {
            audit.record(p, "kv.put", target, "denied", e.getMessage());
            throw OperationException.conflict("too_many_keys", e.getMessage());
        }
        audit.record(p, "kv.put", target, "ok", ttlSeconds == null ? null : "ttl=" + ttlSeconds);
        return kv.get(namespace, k).orElseThrow(() -> noKey(namespace, key));
    }

    @Override
    public void delete(Principal p, String namespace, String key) {
        String target = namespace + "/" + key;
        mayWrite(p, namespace, "kv.delete", target);
        if (!kv.delete(namespace, checkedKey(key))) {
            throw noKey(namespace, key);
        }
        audit.record(p, "kv.delete", target, "ok", null);
    }

    /** Whoever may change at least one script using the namespace may write it. */
    private void mayWrite(Principal p, String namespace, String action, String target) {
        Authz.read(p);
        List<String> users = scriptsOf(namespace);
        OperationException refusal = null;
        for (String name : users) {
            ScriptOwner owner = scripts.owner(name).orElse(null);
            if (owner == null) {
                continue;
            }
            try {
                Authz.changeScript(p, owner);
                return;
            } catch (OperationException e) {
                refusal = e;
            }
        }
        String message = "the kv namespace " + namespace + " belongs to the script" + (users.size() > 1 ? "s " : " ")
                + String.join(", ", users) + "; only who may change " + (users.size() > 1 ? "one of them" : "it")
                + " may write it" + (refusal == null ? "" : " (" + refusal.getMessage() + ")");
        audit.record(p, action, target, "denied", message);
        throw OperationException.forbidden(message);
    }

    private List<String> scriptsOf(String namespace) {
        List<String> users = namespace == null || namespace.isEmpty() ? List.of()
                : scripts.scriptsUsingNamespace(namespace);
        if (users.isEmpty()) {
            throw OperationException.notFound("no script uses the kv namespace " + namespace);
        }
        return users;
    }

    private String checkedKey(String key) {
        return checkedKey(key, limits.maxKeyBytes());
    }

    /** The key as the kv host API takes it: 1 to {@code maxBytes} UTF-8 bytes, no control characters. */
    static String checkedKey(String key, int maxBytes) {
        if (key == null || key.isEmpty()) {
            throw OperationException.invalid("key", "a key is not empty");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw OperationException.invalid("key", "the key is longer than " + maxBytes + " bytes (maxKeyBytes)");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw OperationException.invalid("key", "a key holds no control characters");
            }
        }
        return key;
    }

    /** The JSON value as the host API writes it: compact, a FLOAT always with a fraction; null is refused. */
    static String canonical(String json) {
        JsonNode node;
        try {
            node = json == null || json.isBlank() ? null : JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw OperationException.invalid("value", "the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw OperationException.invalid("value", "the body is the value, as JSON (not null)");
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            write(node, g);
        } catch (IOException e) {
            throw OperationException.invalid("value", "the value cannot be written: " + e.getMessage());
        }
        return out.toString();
    }

    private static void write(JsonNode n, JsonGenerator g) throws IOException {
        if (n.isObject()) {
            g.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                g.writeFieldName(e.getKey());
                write(e.getValue(), g);
            }
            g.writeEndObject();
        } else if (n.isArray()) {
            g.writeStartArray();
            for (JsonNode c : n) {
                write(c, g);
            }
            g.writeEndArray();
        } else if (n.isIntegralNumber()) {
            g.writeNumber(n.bigIntegerValue());
        } else if (n.isNumber()) {
            double d = n.doubleValue();
            if (Double.isInfinite(d) || Double.isNaN(d)) {
                throw OperationException.invalid("value", "the number " + n.asText() + " is beyond a FLOAT's range");
            }
            String plain = BigDecimal.valueOf(d).toPlainString();
            g.writeNumber(plain.indexOf('.') < 0 ? plain + ".0" : plain);
        } else if (n.isBoolean()) {
            g.writeBoolean(n.booleanValue());
        } else if (n.isNull()) {
            g.writeNull();
        } else {
            g.writeString(n.asText());
        }
    }

    private static OperationException noKey(String namespace, String key) {
        return OperationException.notFound("no key '" + key + "' in the kv namespace " + namespace);
    }
}
