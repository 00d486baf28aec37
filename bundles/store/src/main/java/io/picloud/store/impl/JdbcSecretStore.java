package io.picloud.store.impl;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.picloud.api.SecretStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link SecretStore} over the {@code script_secrets} table (schema 5). */
@Component(service = SecretStore.class)
public class JdbcSecretStore implements SecretStore {
    private static final String COLUMNS = "script, name, nonce, ciphertext, updated_at";
    private final StoreDatabase db;

    @Activate
    public JdbcSecretStore(@Reference StoreDatabase db) {
        this.db = db;
    }

    @Override
    public boolean put(String script, String name, byte[] nonce, byte[] ciphertext) {
        return DbWork.inTransaction(db, "storing a secret of " + script, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO script_secrets (" + COLUMNS + ") "
                    + "SELECT name, ?, ?, ?, now() FROM scripts WHERE name = ? "
                    + "ON CONFLICT (script, name) DO UPDATE SET nonce = excluded.nonce, "
                    + "ciphertext = excluded.ciphertext, updated_at = now()")) {
                ps.setString(1, name);
                ps.setBytes(2, nonce);
                ps.setBytes(3, ciphertext);
                ps.setString(4, script);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<Sealed> get(String script, String name) {
        return DbWork.query(db, "reading a secret of " + script, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM script_secrets WHERE script = ? AND name = ?")) {
                ps.setString(1, script);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(sealed(rs)) : Optional.<Sealed>empty();
                }
            }
        });
    }

    @Override
    public List<SecretInfo> list(String script) {
        return DbWork.query(db, "listing the secrets of " + script, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, updated_at FROM script_secrets WHERE script = ? ORDER BY name")) {
                ps.setString(1, script);
                try (ResultSet rs = ps.executeQuery()) {
                    List<SecretInfo> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new SecretInfo(rs.getString(1), rs.getTimestamp(2).toInstant()));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public boolean delete(String script, String name) {
        return DbWork.query(db, "deleting a secret of " + script, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM script_secrets WHERE script = ? AND name = ?")) {
                ps.setString(1, script);
                ps.setString(2, name);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<Sealed> all() {
        return DbWork.query(db, "reading every secret", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM script_secrets ORDER BY script, name");
                 ResultSet rs = ps.executeQuery()) {
                List<Sealed> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(sealed(rs));
                }
                return out;
            }
        });
    }

    private static Sealed sealed(ResultSet rs) throws SQLException {
        return new Sealed(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getBytes(4),
                rs.getTimestamp(5).toInstant());
    }
}
