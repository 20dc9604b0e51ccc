package dev.streamflow.sample;

import dev.streamflow.core.ingest.IngestHook;

import java.nio.file.Path;

/** The transcoding pipeline behind the sample server: where streams go in, and where their HLS comes out. */
public interface Pipeline extends AutoCloseable {

    IngestHook ingest();

    /** Holds {@code <app>/<stream>/master.m3u8} for every stream. */
    Path hlsDirectory();

    /** Flushes and ends every stream's output. */
    @Override
    void close();
}
