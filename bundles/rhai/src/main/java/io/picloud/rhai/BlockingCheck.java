package io.picloud.rhai;

/**
 * Asked by a built-in function before it blocks its thread ({@code sleep}), so that a host running scripts on
 * threads that must not wait can end such a run instead. One per run ({@link RunOptions#blocking()}); also asked
 * inside functions of imported modules and in function pointers called by natives. Called on the run's thread.
 */
@FunctionalInterface
public interface BlockingCheck {
    /**
     * Called right before {@code function} (its script name, e.g. {@code "sleep"}) waits. Return to let it wait;
     * throw a {@link RhaiRuntimeException} to end the run with that error instead of waiting (kind
     * {@code ErrorTerminated}: no {@code catch} block of the script sees it).
     */
    void beforeBlocking(String function);
}
