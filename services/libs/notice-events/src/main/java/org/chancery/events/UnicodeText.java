package org.chancery.events;

/**
 * Text is Unicode text: a Java string may hold a lone surrogate, which no UTF-8 text can, and
 * which UTF-8 encoding turns into the same '?' as any other. A notice holding one would be sealed,
 * hashed and signed as another text than it reads, so none is taken, at the API or on a topic.
 */
public final class UnicodeText {

    private UnicodeText() {
    }

    /** Whether the surrogate at {@code i} opens a pair (a high surrogate, then a low one). */
    public static boolean pairAt(CharSequence text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }

    /** Where the first lone surrogate is, or -1 for Unicode text. */
    public static int loneSurrogate(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                if (!pairAt(text, i)) {
                    return i;
                }
                i++;
            }
        }
        return -1;
    }
}
