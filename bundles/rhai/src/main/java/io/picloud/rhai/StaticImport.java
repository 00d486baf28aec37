package io.picloud.rhai;

/** An {@code import "path"} whose path is a plain string literal, at the position of its path. */
public record StaticImport(String path, int line, int column) {
}
