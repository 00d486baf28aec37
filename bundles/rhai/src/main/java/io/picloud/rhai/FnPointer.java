package io.picloud.rhai;

import java.util.List;

/** A Rhai function pointer seen from Java: the function's name and its curried arguments. */
public record FnPointer(String name, List<Object> curried) {
}
