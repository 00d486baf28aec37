package io.picloud.api;

/** Who owns a script and who may call its endpoints. */
public record ScriptOwner(String name, long ownerId, String ownerName, ScriptAccess access) {
}
