package io.picloud.manager.impl.rest;

import java.io.IOException;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The REST API's JSON mapping: request bodies are read into records, strictly (an unknown field, a wrong type or
 * a number where text belongs is a 400 naming the field), and answers are written from records and maps.
 */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // ALLOW_COERCION_OF_SCALARS does not cover text: without this, {"username": 5} is the username "5"
            .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private Json() {
    }

    /** The body as {@code type}; the body must be a JSON object sent as {@code application/json}. */
    static <T> T read(ApiRequest req, int limit, Class<T> type) {
        String contentType = req.header("Content-Type");
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "send the body as application/json");
        }
        return read(req.body(limit), type);
    }

    /** As {@link #read(ApiRequest, int, Class)}, but an empty body is {@code empty}. */
    static <T> T readOrEmpty(ApiRequest req, int limit, Class<T> type, T empty) {
        String contentType = req.header("Content-Type");
        byte[] body = req.body(limit);
        if (body.length == 0) {
            return empty;
        }
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "send the body as application/json");
        }
        return read(body, type);
    }

    static <T> T read(byte[] body, Class<T> type) {
        try {
            JsonNode tree = MAPPER.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw ApiException.badRequest("the body must be a JSON object");
            }
            return MAPPER.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest(e.getPropertyName(), "unknown field \"" + e.getPropertyName()
                    + "\"; known fields: " + e.getKnownPropertyIds());
        } catch (JsonMappingException e) {
            String field = field(e);
            throw ApiException.badRequest(field, "the field \"" + field + "\" has the wrong type");
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("the body could not be read");
        }
    }

    private static String field(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.length() > 0 ? "." : "").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.length() == 0 ? "body" : b.toString();
    }

    static byte[] write(Object body) throws JsonProcessingException {
        return MAPPER.writeValueAsBytes(body);
    }
}
