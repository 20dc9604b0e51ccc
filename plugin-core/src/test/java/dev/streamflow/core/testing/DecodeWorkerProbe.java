package dev.streamflow.core.testing;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs one deep-check decode through a decode worker started from a host's class loader (a drop-in JAR next to the
 * host's own libraries), the way the plugin would inside that host. Reflection, because the classes are the JAR's.
 */
public final class DecodeWorkerProbe {

    /**
     * @param workerClassPath the class path the worker was started with
     * @param outcome         the reply's outcome ({@code OK} when the decode worked)
     * @param message         why not, otherwise
     */
    public record Result(String workerClassPath, String outcome, String message) {
    }

    private DecodeWorkerProbe() {
    }

    /** Decodes two frames and the audio level of {@code ts} (a 320x180 30 fps segment) as source and rendition. */
    public static Result decode(ClassLoader host, Path ts) throws Exception {
        Method classPath = host.loadClass("dev.streamflow.core.verify.WorkerLaunch").getDeclaredMethod("classPath");
        classPath.setAccessible(true);
        Class<?> settingsType = host.loadClass("dev.streamflow.core.verify.DeepCheckSettings");
        Class<?> workersType = host.loadClass("dev.streamflow.core.verify.DecodeWorkers");
        Constructor<?> constructor = workersType.getDeclaredConstructor(settingsType);
        constructor.setAccessible(true);
        AutoCloseable workers = (AutoCloseable) constructor.newInstance(settingsType.getMethod("defaults").invoke(null));
        try (workers) {
            Class<?> requestType = host.loadClass("dev.streamflow.core.verify.decode.DecodeRequest");
            Object rendition = host.loadClass("dev.streamflow.core.verify.decode.DecodeRequest$Rendition")
                    .getConstructor(Path.class, double.class, int.class, int.class, boolean.class)
                    .newInstance(ts, 1 / 30.0, 320, 180, true);
            Object request = requestType.getConstructor(Path.class, double.class, boolean.class, List.class, List.class)
                    .newInstance(ts, 1 / 30.0, true, List.of(rendition), List.of(0.1, 0.5));
            Method decode = workersType.getDeclaredMethod("decode", requestType);
            decode.setAccessible(true);
            Object reply = decode.invoke(workers, request);
            return new Result((String) classPath.invoke(null), invoke(reply, "outcome").toString(), String.valueOf(invoke(reply, "message")));
        }
    }

    private static Object invoke(Object target, String method) throws Exception {
        return target.getClass().getMethod(method).invoke(target);
    }
}
