package io.picloud.trigger.api;

import java.util.concurrent.CompletionStage;

/**
 * Implemented by the trigger runtime, one instance per open binding: where a plugin sends the binding's events and
 * reports its health. All methods are thread-safe and may be called from any thread, including the plugin's
 * network threads; none of them throws.
 */
@org.osgi.annotation.versioning.ProviderType
public interface TriggerCallback {
    /**
     * Hands {@code event} over to run the binding's script. Returns at once. For a type that
     * {@linkplain TriggerDescriptor#respondsToRequests() responds to requests} the script runs on a runtime thread
     * and the stage completes with its result. For every other type the event is queued as a durable run (retried
     * by the script's retry policy, a dead letter after the last attempt) and the stage completes once the run is
     * committed to the queue, with the value {@code {"run": <id>}}; the script runs later, on any node. The stage
     * completes with an error result, never exceptionally: {@link TriggerResult#SCRIPT_NOT_FOUND} when the script
     * is missing, {@link TriggerResult#UNAVAILABLE} when the event could not be handed over now (database away,
     * workers busy, binding closed) &mdash; nothing was queued then, and the plugin may offer it again.
     */
    CompletionStage<TriggerResult> fire(TriggerEvent event);

    /**
     * As {@link #fire}, on the calling thread: for a type that responds to requests the script runs here (host
     * functions too) and this returns its result; for every other type this returns once the run is queued (the
     * event plugin's {@code emit} so returns only once its runs are durable).
     */
    TriggerResult fireNow(TriggerEvent event);

    /**
     * Runs the binding's script for {@code event} on the calling thread only if that cannot block nor take long:
     * for plugins answering on an I/O thread (see {@code HttpEndpoint.handleInline}). Null when it cannot (script
     * not cached or compiled here, too long, calls a host function, a claim pending, the binding closing): nothing
     * ran; use {@link #fire}.
     */
    default TriggerResult fireInline(TriggerEvent event) {
        return null;
    }

    /**
     * Whether {@link #fireInline} could run the binding's script now, answered from caches without building an
     * event: a plugin asks before it reads a body or builds a request map, so that a run that will go to a worker
     * pays for neither twice. True is a hint ({@code fireInline} may still decline); false means it would decline.
     *
     * @since 0.8
     */
    default boolean mayFireInline() {
        return false;
    }

    /**
     * Whether a caller who sent the API key {@code key} (null when none) may run the binding's script, for plugins
     * that answer requests (http routes): a script with {@code access = key} needs a key of its owner, of an admin
     * or owner, or one naming it. Answers from caches, without a database round trip; never blocks.
     */
    default CallerAccess access(String key) {
        return CallerAccess.ALLOW;
    }

    /**
     * Claims {@code key} for this node: returns true on exactly one node of the cluster per key, false on every
     * other node and on every later call with the same key. Used for exactly-once firing of time-based triggers
     * (key = binding id + due time). Blocks briefly (one database round trip, or until another node that holds
     * the key pending has fired it or given it up); returns false when the claim cannot be recorded, so that an
     * event is rather skipped than run twice.
     *
     * <p>Call {@link #fire} (or {@link #fireNow}) right after a successful claim: the claim stays pending until
     * then. If the fire is refused because the binding is closing, or the binding closes first, the claim is
     * given back and a node waiting on the same key fires instead, so a node that stops between claim and fire
     * loses no event. Claiming again without firing keeps the earlier claim.
     */
    boolean claim(String key);

    /**
     * As {@link #claim}, telling why a claim was not won: {@link ClaimOutcome#TAKEN} when another node has the key
     * (or had it), {@link ClaimOutcome#UNAVAILABLE} when the claim could not be recorded (the database is away):
     * nobody has fired the event then, and the plugin may claim the same key again later. Fails fast while the
     * platform knows the database to be away. The default answers from {@link #claim} and never says UNAVAILABLE.
     *
     * @since 0.7
     */
    default ClaimOutcome tryClaim(String key) {
        return claim(key) ? ClaimOutcome.WON : ClaimOutcome.TAKEN;
    }

    /**
     * The binding cannot work now (broker unreachable, port taken ...): its status becomes {@code ERROR} with
     * {@code reason}, shown to users, so say what is wrong and, where possible, how to fix it. The handle stays
     * open; call {@link #recovered()} when it works again. {@code cause} may be null and is logged, never shown.
     */
    void failed(String reason, Throwable cause);

    /** The binding works again after {@link #failed} (or {@link #starting}): its status becomes {@code ACTIVE}. */
    void recovered();

    /**
     * The binding is open but does not receive events yet (the broker has not acknowledged its subscription): its
     * status is {@code STARTING} with {@code reason} until {@link #recovered()} or {@link #failed}. Call it from
     * {@link TriggerType#open} to be {@code STARTING} from the start; plugins that never call it are
     * {@code ACTIVE} once open.
     *
     * @since 0.7
     */
    default void starting(String reason) {
    }
}
