package io.picloud.manager.impl;

import io.picloud.store.sql.Sql;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.picloud.api.ApiKeyInfo;
import io.picloud.api.ApiKeyService;
import io.picloud.api.ApiPrincipal;
import io.picloud.api.Role;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link ApiKeyService} over PostgreSQL: keys are looked up by prefix and their SHA-256 compared in constant time. */
@Component(service = ApiKeyService.class)
public class JdbcApiKeyService implements ApiKeyService {
    private final ManagerDatabase db;

    @Activate
    public JdbcApiKeyService(@Reference ManagerDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<ApiPrincipal> authenticate(String key) {
        if (key == null || key.length() < 3 || key.length() > 512) {
            return Optional.empty();
        }
        byte[] hash = HexFormat.of().formatHex(Sql.sha256(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (Connection c = db.connection()) {
            ApiPrincipal found = null;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT k.id, k.key_hash, u.id, u.name, u.role FROM api_keys k JOIN users u ON u.id = k.user_id "
                            + "WHERE k.prefix = ? AND NOT k.revoked AND u.active")) {
                ps.setString(1, ApiKeys.prefix(key));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byte[] stored = rs.getString(2).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                        if (MessageDigest.isEqual(stored, hash) && found == null) {
                            found = new ApiPrincipal(rs.getLong(3), rs.getString(4), Role.fromId(rs.getString(5)),
                                    rs.getLong(1));
                        }
                    }
                }
            }
            if (found != null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE api_keys SET last_used_at = now() WHERE id = ? "
                                + "AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')")) {
                    ps.setLong(1, found.keyId());
                    ps.executeUpdate();
                }
            }
            return Optional.ofNullable(found);
        } catch (SQLException e) {
            throw db.failed(e, "checking an API key");
        }
    }

    @Override
    public String createKey(String userName, String keyName) {
        if (keyName == null || keyName.isBlank() || keyName.length() > 100) {
            throw new IllegalArgumentException("a key name of 1 to 100 characters is required");
        }
        String key = ApiKeys.newKey();
        try (Connection c = db.connection()) {
            long userId;
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM users WHERE name = ? AND active")) {
                ps.setString(1, userName);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalArgumentException("no active user named " + userName);
                    }
                    userId = rs.getLong(1);
                }
            }
            ApiKeys.insertKey(c, userId, keyName.strip(), key);
            return key;
        } catch (SQLException e) {
            throw db.failed(e, "creating an API key");
        }
    }

    @Override
    public List<ApiKeyInfo> listKeys() {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT k.id, u.name, u.role, k.name, k.prefix, k.created_at, k.last_used_at, k.revoked "
                             + "FROM api_keys k JOIN users u ON u.id = k.user_id ORDER BY k.id");
             ResultSet rs = ps.executeQuery()) {
            List<ApiKeyInfo> out = new ArrayList<>();
            while (rs.next()) {
                Timestamp used = rs.getTimestamp(7);
                out.add(new ApiKeyInfo(rs.getLong(1), rs.getString(2), Role.fromId(rs.getString(3)), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant(), used == null ? null : used.toInstant(),
                        rs.getBoolean(8)));
            }
            return out;
        } catch (SQLException e) {
            throw db.failed(e, "listing API keys");
        }
    }

    @Override
    public boolean revokeKey(long id) {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("UPDATE api_keys SET revoked = TRUE WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw db.failed(e, "revoking an API key");
        }
    }
}
