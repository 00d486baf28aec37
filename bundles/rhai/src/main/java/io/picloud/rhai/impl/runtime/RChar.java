package io.picloud.rhai.impl.runtime;

/**
 * A Rhai {@code char} outside the Basic Multilingual Plane. Rhai's char is a Unicode scalar value; a BMP one is a
 * {@link Character} (the common, fast case), one above U+FFFF is this. {@link Values#charOf} picks the form.
 */
public record RChar(int codePoint) {
    @Override
    public String toString() {
        return new String(Character.toChars(codePoint));
    }
}
