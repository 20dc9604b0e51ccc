package io.antmedia.rest;

import dev.streamflow.adapter.antmedia.AppStatus;
import dev.streamflow.adapter.antmedia.ChannelAdmin;
import io.antmedia.plugin.StreamflowPlugin;
import io.antmedia.rest.model.Result;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.context.support.WebApplicationContextUtils;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Streamflow's admin endpoints in each app, at {@code http://<host>:5080/<App>/rest/v1/streamflow/...} (the host's
 * Jersey servlet scans this package). Protected like the app's other REST endpoints (AMS's REST filters).
 */
@Component
@Path("/v1/streamflow")
@Produces(MediaType.APPLICATION_JSON)
public class StreamflowRestService {
    private static final Pattern STREAMS = Pattern.compile("[A-Za-z0-9_.*?-]{1,128}");

    @Context
    private ServletContext servletContext;
    private final ChannelAdmin fixedAdmin;

    public StreamflowRestService() {
        this(null);
    }

    StreamflowRestService(ChannelAdmin admin) {
        this.fixedAdmin = admin;
    }

    /** The app's transcoded streams with their master playlists, and its run-time channel rules. */
    @GET
    @Path("/status")
    public AppStatus status() {
        return admin().map(ChannelAdmin::status)
                .orElseGet(() -> new AppStatus("", false, List.of(), List.of()));
    }

    /** Transcodes this app's streams matching the pattern ({@code *}, {@code ?}) from their next start. */
    @POST
    @Path("/channels/{streams}/enable")
    public Result enable(@PathParam("streams") String streams) {
        return change(streams, true);
    }

    /** Lets this app's streams matching the pattern pass through untouched from their next start. */
    @POST
    @Path("/channels/{streams}/disable")
    public Result disable(@PathParam("streams") String streams) {
        return change(streams, false);
    }

    private Result change(String streams, boolean enable) {
        if (streams == null || !STREAMS.matcher(streams).matches()) {
            return new Result(false, "stream pattern '" + streams + "' is not allowed: use 1-128 letters, digits, "
                    + "'_', '-', '.', '*' or '?'");
        }
        Optional<ChannelAdmin> admin = admin();
        if (admin.isEmpty()) {
            return new Result(false, "Streamflow is not running in this app; see the server log");
        }
        if (enable) {
            admin.get().enable(streams);
        } else {
            admin.get().disable(streams);
        }
        return new Result(true, "streams '" + streams + "' " + (enable ? "enabled" : "disabled") + " from their next start");
    }

    private Optional<ChannelAdmin> admin() {
        if (fixedAdmin != null) {
            return Optional.of(fixedAdmin);
        }
        var context = WebApplicationContextUtils.getWebApplicationContext(servletContext);
        if (context == null || !context.containsBean(StreamflowPlugin.BEAN_NAME)) {
            return Optional.empty();
        }
        return context.getBean(StreamflowPlugin.BEAN_NAME, StreamflowPlugin.class).admin();
    }
}
