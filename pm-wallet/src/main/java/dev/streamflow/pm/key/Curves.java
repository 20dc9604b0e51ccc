package dev.streamflow.pm.key;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the native curve when its JNI library loads and works, else the pure-Java one. Stateless. */
final class Curves {
    private static final Logger LOG = LoggerFactory.getLogger(Curves.class);

    private Curves() {
    }

    static Curve best() {
        return Holder.BEST;
    }

    static Curve javaOnly() {
        return Holder.JAVA;
    }

    static Curve nativeOrNull() {
        return Holder.NATIVE;
    }

    private static final class Holder {
        static final Curve JAVA = new JavaCurve();
        static final Curve NATIVE = loadNative();
        static final Curve BEST = NATIVE != null ? NATIVE : JAVA;

        private static Curve loadNative() {
            if (Boolean.getBoolean("streamflow.pm.pureJavaSecp256k1")) {
                LOG.info("secp256k1: native library disabled by streamflow.pm.pureJavaSecp256k1, using {}", JAVA.name());
                return null;
            }
            try {
                Curve curve = new NativeCurve();
                selfTest(curve);
                LOG.debug("secp256k1: using {}", curve.name());
                return curve;
            } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, a failed self-test
                LOG.warn("secp256k1: native library unavailable ({}), falling back to {}", e.toString(), JAVA.name());
                return null;
            }
        }

        /** The native signature must equal the pure-Java one byte for byte (both RFC 6979). */
        private static void selfTest(Curve curve) {
            byte[] key = new byte[32];
            key[31] = 7;
            byte[] hash = Signatures.keccak256(new byte[] {1, 2, 3});
            byte[] publicKey = JAVA.publicKey(key);
            if (!java.util.Arrays.equals(curve.publicKey(key), publicKey)
                    || !java.util.Arrays.equals(curve.sign(hash, key, publicKey), JAVA.sign(hash, key, publicKey))) {
                throw new IllegalStateException("native signature differs from the reference implementation");
            }
        }
    }
}
