package io.picloud.api.control;

import java.util.List;
import java.util.function.Consumer;

import io.picloud.api.InvocationQuery;
import io.picloud.api.InvocationRecord;

/**
 * The invocation log as the control plane offers it: lists across scripts, one run by id, and a live feed of new
 * runs. A principal sees only the runs of scripts it may read.
 */
@org.osgi.annotation.versioning.ProviderType
public interface InvocationService {
    /** The runs the query selects, newest first; NOT_FOUND when it names a script that does not exist. */
    List<InvocationRecord> list(Principal p, InvocationQuery query);

    /** One run by its id ({@code "<batch>.<run>"}); NOT_FOUND when there is none the principal may read. */
    InvocationRecord get(Principal p, String id);

    /**
     * Tells {@code listener} of every new run of {@code script} (null: of every script the principal may read), as
     * the log stores it, whichever container ran it. NOT_FOUND when {@code script} is no script's name; TOO_MANY
     * when the container's limit of watches is reached.
     * The listener is called on one shared thread and must not block.
     */
    Watch watch(Principal p, String script, Consumer<InvocationRecord> listener);

    /** An open watch; closing twice does nothing. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }
}
