package io.picloud.secrets.impl;

import io.picloud.api.HostException;
import io.picloud.api.HostPackage;
import io.picloud.api.SecretNames;
import io.picloud.api.SecretVault;
import io.picloud.api.StoreUnavailableException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code secret("KEY")}: the running script's secret, or {@code ()} when unset. The value is marked for
 * redaction, so the run's output, errors and invocation record show {@code ***} instead.
 */
@Component(service = HostPackage.class)
public class SecretHostFunctions implements HostPackage {
    private final SecretVault vault;

    @Activate
    public SecretHostFunctions(@Reference SecretVault vault) {
        this.vault = vault;
    }

    @Override
    public String name() {
        return "secrets";
    }

    @Override
    public void register(Registry registry) {
        registry.function("secret", 1, (call, args) -> secret(call, args.get(0)));
    }

    String secret(Call call, Object name) throws HostException {
        if (!(name instanceof String s) || !SecretNames.isValid(s)) {
            throw new HostException("InvalidName", SecretNames.RULE);
        }
        String value;
        try {
            value = vault.reveal(call.script(), s).orElse(null);
        } catch (StoreUnavailableException e) {
            throw new HostException("Unavailable", "secrets cannot be read now: the database is unavailable");
        } catch (IllegalStateException e) {
            throw new HostException("Unreadable", e.getMessage());
        }
        call.redact(value);
        return value;
    }
}
