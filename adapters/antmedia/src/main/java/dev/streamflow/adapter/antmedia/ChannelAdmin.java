package dev.streamflow.adapter.antmedia;

/** What the REST endpoints of one Ant Media app can do. */
public interface ChannelAdmin {

    AppStatus status();

    /** Transcodes this app's streams matching {@code streams} ({@code *}, {@code ?}) from their next start. */
    void enable(String streams);

    /** Lets this app's streams matching {@code streams} pass through untouched from their next start. */
    void disable(String streams);
}
