package org.misbridge.mis.ctf.internal;

/**
 * What one CTF file may hold before it is refused: its size in bytes, the length of any one text
 * node, how deep elements nest, and how many kept elements one pupil may have. A real CTF is far
 * inside all four; a hostile one meets a clear error instead of exhausting the heap.
 *
 * @param maxBytes            the file's size in bytes ({@code ctf.maxBytes})
 * @param maxTextChars        the characters of one text node (a run of text between two tags)
 * @param maxDepth            how deep elements may nest (a CTF needs about ten levels)
 * @param maxElementsPerPupil the elements the reader keeps for one pupil (contacts, phones, …)
 */
public record CtfLimits(long maxBytes, int maxTextChars, int maxDepth, int maxElementsPerPupil) {

    public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;
    public static final int DEFAULT_MAX_TEXT_CHARS = 64 * 1024;
    public static final int DEFAULT_MAX_DEPTH = 32;
    public static final int DEFAULT_MAX_ELEMENTS_PER_PUPIL = 10_000;

    public CtfLimits {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("ctf.maxBytes must be at least 1, was " + maxBytes);
        }
        if (maxTextChars < 1) {
            throw new IllegalArgumentException("the text node limit must be at least 1, was " + maxTextChars);
        }
        if (maxDepth < 4) {
            throw new IllegalArgumentException("the depth limit must be at least 4, was " + maxDepth);
        }
        if (maxElementsPerPupil < 1) {
            throw new IllegalArgumentException("the element limit must be at least 1, was " + maxElementsPerPupil);
        }
    }

    /** 256 MiB, 64 Ki characters per text node, 32 levels, 10,000 kept elements per pupil. */
    public static CtfLimits defaults() {
        return new CtfLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_TEXT_CHARS, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ELEMENTS_PER_PUPIL);
    }

    /** The same limits with another byte limit. */
    public CtfLimits withMaxBytes(long bytes) {
        return new CtfLimits(bytes, maxTextChars, maxDepth, maxElementsPerPupil);
    }

    /** The same limits with another text node limit. */
    public CtfLimits withMaxTextChars(int chars) {
        return new CtfLimits(maxBytes, chars, maxDepth, maxElementsPerPupil);
    }
}
