package io.picloud.manager.impl.rest;

import java.util.ArrayList;
import java.util.List;

import io.picloud.api.User;
import io.picloud.api.control.UserService;

/** {@code /users/**}, {@code /me} and {@code /admin/admins/{id}} over the {@link UserService}. */
final class UserRoutes {
    private final UserService users;

    UserRoutes(UserService users) {
        this.users = users;
    }

    void register(RouteTable t) {
        t.add("GET", "/users", this::list)
                .add("POST", "/users", this::create)
                .add("GET", "/users/{id}", c -> ok(users.get(c.principal(), c.idParam("id"))))
                .add("PATCH", "/users/{id}", this::update)
                .add("DELETE", "/users/{id}", this::delete)
                .add("PATCH", "/admin/admins/{id}", this::updatePrivileged)
                .add("GET", "/me", c -> ok(users.me(c.principal())))
                .add("PATCH", "/me", this::updateMe);
    }

    private ApiResponse list(Call c) {
        List<Bodies.UserBody> out = new ArrayList<>();
        for (User u : users.list(c.principal())) {
            out.add(Bodies.UserBody.of(u));
        }
        return ApiResponse.ok(new Bodies.Users(out));
    }

    private ApiResponse create(Call c) {
        Bodies.NewUser b = c.body(Bodies.NewUser.class);
        if (b.role() == null) {
            throw ApiException.badRequest("role", "\"role\" is required: owner, admin, developer or viewer");
        }
        User u = users.create(c.principal(), b.username(), b.password(), Bodies.role(b.role(), "role"));
        return ApiResponse.created("/api/v1/users/" + u.id(), Bodies.UserBody.of(u));
    }

    private ApiResponse update(Call c) {
        Bodies.UserChange b = c.body(Bodies.UserChange.class);
        return ok(users.update(c.principal(), c.idParam("id"), Bodies.role(b.role(), "role"), b.active(),
                b.password()));
    }

    private ApiResponse delete(Call c) {
        User after = users.delete(c.principal(), c.idParam("id"));
        return after == null ? ApiResponse.noContent() : ok(after);
    }

    private ApiResponse updatePrivileged(Call c) {
        Bodies.AdminChange b = c.body(Bodies.AdminChange.class);
        if (b.role() == null && b.active() == null) {
            throw ApiException.badRequest("body", "send \"role\" and/or \"active\"");
        }
        return ok(users.updatePrivileged(c.principal(), c.idParam("id"), Bodies.role(b.role(), "role"),
                b.active()));
    }

    private ApiResponse updateMe(Call c) {
        Bodies.MeChange b = c.body(Bodies.MeChange.class);
        return ok(users.updateMe(c.principal(), b.username(), b.password(), b.currentPassword()));
    }

    private static ApiResponse ok(User u) {
        return ApiResponse.ok(Bodies.UserBody.of(u));
    }
}
