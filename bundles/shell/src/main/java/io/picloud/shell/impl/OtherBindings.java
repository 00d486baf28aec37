package io.picloud.shell.impl;

import io.picloud.api.BindingStore;
import io.picloud.api.StoreUnavailableException;
import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerException;
import io.picloud.trigger.api.ValidationContext;

import java.util.List;

/**
 * The validation context of a binding added from the shell: no id yet, and every stored binding of its type (from
 * the shared database, so an http route taken on any node is a conflict here too, as through the REST API).
 */
record OtherBindings(BindingStore store, String typeId) implements ValidationContext {
    @Override
    public String bindingId() {
        return null;
    }

    @Override
    public List<TriggerBinding> otherBindings() throws TriggerException {
        try {
            return store.list().stream().filter(b -> b.type().equals(typeId))
                    .map(b -> new TriggerBinding(b.id(), b.type(), b.script(), b.config(), b.enabled(), b.lastFired()))
                    .toList();
        } catch (StoreUnavailableException e) {
            throw new TriggerException("the stored bindings cannot be read now", e);
        }
    }
}
