package io.picloud.rhai;

/** Per-run information handed to {@link HostFunction}s. */
public interface HostContext {
    /** Name of the running script. */
    String scriptName();

    /** The value attached to this run by the host ({@link RunOptions#hostData()}), or null. */
    Object hostData();
}
