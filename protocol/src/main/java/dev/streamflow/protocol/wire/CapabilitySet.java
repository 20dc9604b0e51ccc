package dev.streamflow.protocol.wire;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An immutable set of capability bits in go-livepeer's layout: bit {@code k} is
 * {@code words[k / 64] >> (k % 64) & 1}, sent as {@code repeated uint64}.
 */
public final class CapabilitySet {
    /** More bits than any node can mean; bounds what a peer can make us allocate. */
    public static final int MAX_WORDS = 64;

    private final BitSet bits;
    private final int words;

    private CapabilitySet(BitSet bits, int words) {
        this.bits = bits;
        this.words = words;
    }

    public static CapabilitySet of(Capability... capabilities) {
        BitSet bits = new BitSet();
        for (Capability capability : capabilities) {
            bits.set(capability.id());
        }
        return new CapabilitySet(bits, wordsFor(bits));
    }

    /** Decodes a bitstring as received; more than {@link #MAX_WORDS} words is refused. */
    public static CapabilitySet fromWords(List<Long> words) {
        if (words.size() > MAX_WORDS) {
            throw new IllegalArgumentException("capability bitstring has " + words.size() + " words, over the limit of " + MAX_WORDS);
        }
        long[] array = words.stream().mapToLong(Long::longValue).toArray();
        return new CapabilitySet(BitSet.valueOf(array), array.length);
    }

    public CapabilitySet with(Capability capability) {
        BitSet copy = (BitSet) bits.clone();
        copy.set(capability.id());
        return new CapabilitySet(copy, Math.max(words, wordsFor(copy)));
    }

    public boolean contains(Capability capability) {
        return bits.get(capability.id());
    }

    /** True if every bit of {@code other} is set here. */
    public boolean containsAll(CapabilitySet other) {
        BitSet missing = (BitSet) other.bits.clone();
        missing.andNot(bits);
        return missing.isEmpty();
    }

    /** How many 64-bit words the sender used (go-livepeer compares array lengths too). */
    public int wordCount() {
        return words;
    }

    /** The bitstring to send: as many words as the highest bit needs. */
    public List<Long> toWords() {
        long[] array = bits.toLongArray();
        List<Long> list = new ArrayList<>(array.length);
        for (long word : array) {
            list.add(word);
        }
        return list;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CapabilitySet other && bits.equals(other.bits);
    }

    @Override
    public int hashCode() {
        return bits.hashCode();
    }

    @Override
    public String toString() {
        return bits.stream().mapToObj(Integer::toString).collect(Collectors.joining(",", "{", "}"));
    }

    private static int wordsFor(BitSet bits) {
        return bits.toLongArray().length;
    }
}
