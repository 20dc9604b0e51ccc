package dev.streamflow.core.verify;

/** Decodes the sample frames and audio levels a deep check compares. */
interface FrameSampler {

    DeepSample sample(Subject subject) throws DeepCheckException;
}
