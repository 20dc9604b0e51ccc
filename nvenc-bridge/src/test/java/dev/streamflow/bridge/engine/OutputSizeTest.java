package dev.streamflow.bridge.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OutputSizeTest {
    private static final VideoProfile P720 = new VideoProfile("720p", 1280, 720, 30, 3000);
    private static final VideoProfile P240 = new VideoProfile("240p", 426, 240, 30, 400);

    @Test
    void sameAspectScalesToTheProfile() {
        assertEquals(new OutputSize(1280, 720), OutputSize.fit(1920, 1080, P720));
        assertEquals(new OutputSize(426, 240), OutputSize.fit(854, 480, P240));
    }

    @Test
    void narrowerSourceIsLimitedByHeight() {
        assertEquals(new OutputSize(960, 720), OutputSize.fit(1440, 1080, P720));
        assertEquals(new OutputSize(320, 240), OutputSize.fit(640, 480, P240));
    }

    @Test
    void widerSourceIsLimitedByWidth() {
        assertEquals(new OutputSize(1280, 534), OutputSize.fit(1920, 800, P720));
    }

    @Test
    void portraitSourceFitsTheBoxHeight() {
        assertEquals(new OutputSize(406, 720), OutputSize.fit(1080, 1920, P720));
    }

    @Test
    void smallerSourceKeepsItsSize() {
        assertEquals(new OutputSize(426, 240), OutputSize.fit(426, 240, P720));
    }

    @Test
    void oddSourceSidesBecomeEvenWithoutGrowing() {
        assertEquals(new OutputSize(426, 240), OutputSize.fit(427, 241, P720));
        assertEquals(new OutputSize(2, 2), OutputSize.fit(3, 3, P720));
    }
}
