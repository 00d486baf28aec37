package io.picloud.manager.impl.rest;

import java.util.Map;

import io.picloud.api.control.Principal;

/** One routed request: the request, its path parameters and the authenticated principal (null on open routes). */
record Call(ApiRequest request, Map<String, String> params, Principal principal, int maxBodyBytes) {
    String param(String name) {
        return params.get(name);
    }

    long idParam(String name) {
        try {
            return Long.parseLong(params.get(name));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("no such " + name + ": " + params.get(name));
        }
    }

    <T> T body(Class<T> type) {
        return Json.read(request, maxBodyBytes, type);
    }

    String query(String name) {
        return request.query(name);
    }

    int intQuery(String name, int dflt, int min, int max) {
        String raw = request.query(name);
        if (raw == null || raw.isEmpty()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(raw);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw ApiException.badRequest(name, name + " must be an integer from " + min + " to " + max);
    }
}
