package io.antmedia.rest;

import dev.streamflow.adapter.antmedia.AntMediaHost;
import dev.streamflow.adapter.antmedia.AppStatus;
import dev.streamflow.adapter.antmedia.TestAntMediaApp;
import dev.streamflow.adapter.antmedia.TestAntMediaApp.Ingest;
import dev.streamflow.bridge.testing.TestMedia;
import io.antmedia.plugin.StreamflowPlugin;
import io.antmedia.rest.model.Result;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.stereotype.Component;

import java.lang.reflect.Method;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin endpoints as plain calls on the resource, over a running plugin in an app. */
class StreamflowRestServiceTest {
    @TempDir
    java.nio.file.Path dir;
    private AntMediaHost host;
    private final TestAntMediaApp app = new TestAntMediaApp("LiveApp");
    private StreamflowPlugin plugin;
    private StreamflowRestService rest;

    @BeforeEach
    void start() throws Exception {
        host = new AntMediaHost(dir);
        plugin = host.plugin(app);
        rest = new StreamflowRestService(plugin.admin().orElseThrow());
    }

    @AfterEach
    void stop() {
        plugin.destroy();
        host.close();
    }

    @Test
    void statusListsTheLiveStreamsWithTheirMasterPlaylists() throws Exception {
        app.start("cam1", TestMedia.flv(TestMedia.Spec.pattern(320, 180, 30, 2.0)), Ingest.RTMP);

        AppStatus status = rest.status();

        assertEquals("LiveApp", status.app());
        assertTrue(status.running());
        assertEquals(List.of(new AppStatus.StreamStatus("cam1", "/LiveApp/streams/streamflow/cam1/master.m3u8")), status.streams());
    }

    @Test
    void disableAndEnableDecideWhatTheNextStartOfAStreamDoes() throws Exception {
        var clip = TestMedia.flv(TestMedia.Spec.pattern(320, 180, 30, 2.0));
        Result disabled = rest.disable("test-*");
        assertTrue(disabled.isSuccess(), disabled.getMessage());
        app.start("test-1", clip, Ingest.RTMP);
        assertEquals(0, app.packetListeners("test-1"));

        Result enabled = rest.enable("test-1");
        assertTrue(enabled.isSuccess());
        app.start("test-1", clip, Ingest.RTMP);
        assertEquals(1, app.packetListeners("test-1"), "the newest rule wins");
        assertEquals(List.of("LiveApp/test-1 enabled", "LiveApp/test-* disabled"), rest.status().rules().subList(0, 2));
    }

    @Test
    void aPatternThatIsNotAStreamNamePatternIsRefused() {
        Result result = rest.disable("../x");

        assertFalse(result.isSuccess());
        assertTrue(result.getMessage().contains("'../x' is not allowed"), result.getMessage());
        assertEquals(List.of("LiveApp/secret-* disabled", "*/* enabled"), rest.status().rules(), "only the configured rules");
    }

    @Test
    void theEndpointsAreJaxRsResourcesUnderTheAppsRestPath() throws Exception {
        assertNotNull(StreamflowRestService.class.getAnnotation(Component.class), "found by the app's component scan");
        assertEquals("/v1/streamflow", StreamflowRestService.class.getAnnotation(Path.class).value());
        assertArrayEquals(new String[]{MediaType.APPLICATION_JSON}, StreamflowRestService.class.getAnnotation(Produces.class).value());
        Method status = StreamflowRestService.class.getMethod("status");
        assertNotNull(status.getAnnotation(GET.class));
        assertEquals("/status", status.getAnnotation(Path.class).value());
        for (String action : List.of("enable", "disable")) {
            Method method = StreamflowRestService.class.getMethod(action, String.class);
            assertNotNull(method.getAnnotation(POST.class), action);
            assertEquals("/channels/{streams}/" + action, method.getAnnotation(Path.class).value());
            assertEquals("streams", ((PathParam) method.getParameterAnnotations()[0][0]).value());
        }
    }
}
