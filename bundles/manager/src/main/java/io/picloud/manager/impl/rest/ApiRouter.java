package io.picloud.manager.impl.rest;

import java.util.Locale;

import io.picloud.api.control.Principal;

/**
 * Routes a request of {@code /api/v1} through the {@link RouteTable}: authenticates it unless the route is open,
 * calls the handler and maps every failure with {@link ApiErrors}. Unknown paths (404) and wrong methods (405 with
 * {@code Allow}) are answered only to an authenticated caller (401 otherwise), so the route table is not probed
 * anonymously.
 */
final class ApiRouter {
    private final RouteTable routes;
    private final Authenticator auth;
    private volatile int maxBodyBytes;

    ApiRouter(RouteTable routes, Authenticator auth, int maxBodyBytes) {
        this.routes = routes;
        this.auth = auth;
        this.maxBodyBytes = maxBodyBytes;
    }

    void setMaxBodyBytes(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    RouteTable routes() {
        return routes;
    }

    int maxBodyBytes() {
        return maxBodyBytes;
    }

    ApiResponse handle(ApiRequest req) {
        String method = req.method() == null ? "" : req.method().toUpperCase(Locale.ROOT);
        String path = req.rawPath() == null ? "" : req.rawPath();
        try {
            RouteTable.Match match;
            try {
                match = routes.find(method, path);
            } catch (ApiException e) {
                auth.authenticate(req, "GET"); // a 405's Allow is for authenticated callers only
                throw e;
            }
            if (match == null) {
                auth.authenticate(req, "GET");
                throw ApiException.notFound("no such resource: /api/v1" + path);
            }
            Principal p = match.route().open() ? null : auth.authenticate(req, method);
            return match.route().handler().handle(new Call(req, match.params(), p, maxBodyBytes));
        } catch (RuntimeException e) {
            return ApiErrors.map(e, method, path);
        }
    }
}
