package dev.streamflow.core.verify;

/** Decodes the sample frames and audio levels a deep check compares. */
interface FrameSampler extends AutoCloseable {

    DeepSample sample(Subject subject) throws DeepCheckException;

    /** Gets ready ahead of the first sample, in the background. */
    default void warmUp() {
    }

    /** Releases what the sampler holds; later samples fail. */
    @Override
    default void close() {
    }
}
