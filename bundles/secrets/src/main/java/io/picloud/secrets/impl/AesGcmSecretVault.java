package io.picloud.secrets.impl;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

import javax.crypto.SecretKey;

import io.picloud.api.SecretStore;
import io.picloud.api.SecretVault;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SecretVault} with AES-256-GCM under the master key: {@code PICLOUD_MASTER_KEY} when set, else the key
 * file (generated at first start). With {@code PICLOUD_MASTER_KEY_PREVIOUS} set, values sealed under the previous
 * key still open and are sealed again under the current one at start (rotation).
 */
@Component(service = SecretVault.class, configurationPid = "io.picloud.secrets")
@Designate(ocd = AesGcmSecretVault.Config.class)
public class AesGcmSecretVault implements SecretVault {
    static final String KEY_ENV = "PICLOUD_MASTER_KEY";
    static final String PREVIOUS_KEY_ENV = "PICLOUD_MASTER_KEY_PREVIOUS";
    private static final Logger LOG = LoggerFactory.getLogger(AesGcmSecretVault.class);

    @ObjectClassDefinition(name = "PiCloud secrets", description = "Encryption of script secrets.")
    public @interface Config {
        @AttributeDefinition(description = "File holding the master key in base64, generated (mode 0600) when "
                + "missing; empty: secrets/master.key under the data directory. PICLOUD_MASTER_KEY wins over it. "
                + "Every node of a cluster needs the same key.")
        String masterKeyFile() default "";
    }

    private final SecretStore store;
    private final SecretCipher current;
    private final SecretCipher previous;

    @Activate
    public AesGcmSecretVault(@Reference SecretStore store, Config config, BundleContext context) throws IOException {
        this(store, currentKey(config, context), previousKey(), new SecureRandom());
        reseal();
    }

    /** A vault over {@code store} with the given keys ({@code previousKey} may be null); for tests and tools. */
    public AesGcmSecretVault(SecretStore store, SecretKey key, SecretKey previousKey, SecureRandom random) {
        this.store = store;
        this.current = new SecretCipher(key, random);
        this.previous = previousKey == null ? null : new SecretCipher(previousKey, random);
    }

    private static SecretKey currentKey(Config config, BundleContext context) throws IOException {
        String env = System.getenv(KEY_ENV);
        if (env != null && !env.isBlank()) {
            return MasterKey.parse(env, KEY_ENV);
        }
        Path file = config.masterKeyFile().isBlank()
                ? Path.of(context.getProperty("karaf.data") == null ? "data" : context.getProperty("karaf.data"),
                "secrets", "master.key")
                : Path.of(config.masterKeyFile());
        return MasterKey.fromFile(file, new SecureRandom());
    }

    private static SecretKey previousKey() {
        String env = System.getenv(PREVIOUS_KEY_ENV);
        return env == null || env.isBlank() ? null : MasterKey.parse(env, PREVIOUS_KEY_ENV);
    }

    @Override
    public boolean put(String script, String name, String value) {
        byte[][] sealed = current.seal(script, name, value);
        return store.put(script, name, sealed[0], sealed[1]);
    }

    @Override
    public Optional<String> reveal(String script, String name) {
        return store.get(script, name).map(this::open);
    }

    /** The plain value; IllegalStateException when neither key opens it. */
    private String open(SecretStore.Sealed s) {
        String value = current.open(s.script(), s.name(), s.nonce(), s.ciphertext());
        if (value == null && previous != null) {
            value = previous.open(s.script(), s.name(), s.nonce(), s.ciphertext());
        }
        if (value == null) {
            throw new IllegalStateException("secret " + s.name() + " of script " + s.script() + " was sealed under "
                    + "another master key: every node needs the same " + KEY_ENV + " or key file");
        }
        return value;
    }

    @Override
    public List<SecretStore.SecretInfo> list(String script) {
        return store.list(script);
    }

    @Override
    public boolean delete(String script, String name) {
        return store.delete(script, name);
    }

    /** Seals again under the current key what only the previous key opens; returns how many. */
    int reseal() {
        if (previous == null) {
            return 0;
        }
        int n = 0;
        try {
            for (SecretStore.Sealed s : store.all()) {
                if (current.open(s.script(), s.name(), s.nonce(), s.ciphertext()) == null) {
                    String value = previous.open(s.script(), s.name(), s.nonce(), s.ciphertext());
                    if (value != null && put(s.script(), s.name(), value)) {
                        n++;
                    }
                }
            }
            LOG.info("Master key rotation: {} secret(s) sealed again under the current key", n);
        } catch (RuntimeException e) {
            LOG.warn("Master key rotation did not finish ({}); it is tried again at the next start", e.getMessage());
        }
        return n;
    }
}
