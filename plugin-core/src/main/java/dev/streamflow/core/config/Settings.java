package dev.streamflow.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.core.dispatch.DispatchPolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The validated settings the pipeline runs on, read once from the {@code streamflow} config tree. Every
 * bad value fails here, at start, with the config path in the message.
 */
public record Settings(Path hlsDirectory, int hlsWindow, Duration segmentTarget, Duration segmentMaxDuration,
                       List<VideoProfile> ladder, int localWorkers, Duration transcodeDeadline, RemoteSettings remote,
                       List<ChannelRule> channels, ChannelPolicy defaultPolicy, Path faultDirectory, int maxFaults,
                       int excludeAfter) {

    private static final Pattern BITRATE = Pattern.compile("(?i)\\s*(\\d+(?:\\.\\d+)?)\\s*(k|m)?(?:bps|bit/s)?\\s*");

    public Settings {
        ladder = List.copyOf(ladder);
        channels = List.copyOf(channels);
        require(maxFaults >= 1, "streamflow.verification.max-faults must be at least 1, was " + maxFaults);
        require(excludeAfter >= 1, "streamflow.verification.exclude-after must be at least 1, was " + excludeAfter);
        require(hlsWindow >= 6, "streamflow.hls.window must be at least 6, was " + hlsWindow);
        require(!ladder.isEmpty(), "streamflow.ladder must list at least one profile");
        require(localWorkers >= 1 && localWorkers <= 64, "streamflow.transcode.local-workers must be 1..64, was " + localWorkers);
        require(transcodeDeadline.compareTo(segmentTarget) > 0,
                "streamflow.transcode.deadline (" + transcodeDeadline + ") must be longer than streamflow.segment.target");
        require(remote.hedgeAfter().compareTo(transcodeDeadline) < 0,
                "streamflow.transcode.hedge-after (" + remote.hedgeAfter() + ") must be shorter than streamflow.transcode.deadline");
        var names = new HashSet<String>();
        for (VideoProfile p : ladder) {
            require(names.add(p.name()), "streamflow.ladder names profile '" + p.name() + "' twice");
        }
    }

    public static Settings from(Config root) {
        Config c = root.getConfig("streamflow");
        try {
            List<VideoProfile> ladder = ladder(c.getList("ladder"), "streamflow.ladder");
            RemoteSettings remote = RemoteSettings.from(c);
            ChannelPolicy defaults = new ChannelPolicy(ladder, new DispatchPolicy(remote.redundancy(),
                    remote.maxPricePerPixel(), DispatchPolicy.oneIn(c.getDouble("verification.rate"))));
            return new Settings(
                    Path.of(c.getString("hls.directory")),
                    c.getInt("hls.window"),
                    c.getDuration("segment.target"),
                    c.getDuration("segment.max-duration"),
                    ladder,
                    c.getInt("transcode.local-workers"),
                    c.getDuration("transcode.deadline"),
                    remote,
                    channels(c.getList("channels"), defaults),
                    defaults,
                    Path.of(c.getString("verification.fault-directory")),
                    c.getInt("verification.max-faults"),
                    c.getInt("verification.exclude-after"));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("bad Streamflow configuration: " + e.getMessage(), e);
        }
    }

    private static List<VideoProfile> ladder(List<? extends ConfigValue> entries, String path) {
        List<VideoProfile> profiles = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            profiles.add(profile(entries.get(i), path + "[" + i + "]"));
        }
        return profiles;
    }

    /** Each entry selects streams by pattern; what it leaves out comes from the global settings. */
    private static List<ChannelRule> channels(List<? extends ConfigValue> entries, ChannelPolicy defaults) {
        List<ChannelRule> rules = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String path = "streamflow.channels[" + i + "]";
            if (entries.get(i).valueType() != ConfigValueType.OBJECT) {
                throw new IllegalArgumentException(path + " must be an object like { app = \"live\", streams = \"*\" }");
            }
            rules.add(channel(entries.get(i).atKey("c").getConfig("c"), path, defaults));
        }
        return rules;
    }

    private static ChannelRule channel(Config c, String path, ChannelPolicy defaults) {
        try {
            List<VideoProfile> ladder = c.hasPath("ladder") ? ladder(c.getList("ladder"), path + ".ladder") : defaults.ladder();
            DispatchPolicy dispatch = new DispatchPolicy(
                    c.hasPath("redundancy") ? c.getInt("redundancy") : defaults.dispatch().redundancy(),
                    c.hasPath("max-price-per-pixel") ? RemoteSettings.maxPrice(c.getString("max-price-per-pixel"))
                            : defaults.dispatch().maxPricePerPixel(),
                    c.hasPath("verification-rate") ? DispatchPolicy.oneIn(c.getDouble("verification-rate"))
                            : defaults.dispatch().deepCheckOneIn());
            return new ChannelRule(c.hasPath("app") ? c.getString("app") : "*",
                    c.hasPath("streams") ? c.getString("streams") : "*",
                    !c.hasPath("enabled") || c.getBoolean("enabled"),
                    new ChannelPolicy(ladder, dispatch));
        } catch (ConfigException | IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    private static VideoProfile profile(ConfigValue value, String path) {
        if (value.valueType() == ConfigValueType.STRING) {
            String name = (String) value.unwrapped();
            return VideoProfile.livepeer(name).orElseThrow(() -> new IllegalArgumentException(
                    path + ": '" + name + "' is not a go-livepeer profile name (e.g. P720p30fps16x9)"));
        }
        if (value.valueType() != ConfigValueType.OBJECT) {
            throw new IllegalArgumentException(path + " must be a profile name or { name, width, height, fps, bitrate }");
        }
        Config p = value.atKey("p").getConfig("p");
        try {
            return new VideoProfile(p.getString("name"), p.getInt("width"), p.getInt("height"), p.getInt("fps"),
                    kilobitsPerSecond(p.getString("bitrate")));
        } catch (ConfigException | IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    /** "3000k", "3M", "3000kbps" or plain bits per second; decimal units, as video bitrates are. */
    static int kilobitsPerSecond(String text) {
        var m = BITRATE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("bitrate '" + text + "' is not a number with an optional k or M (e.g. 3000k)");
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        double kbps = switch (unit) {
            case "k" -> value;
            case "m" -> value * 1000;
            default -> value / 1000;
        };
        return Math.toIntExact(Math.round(kbps));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
