package dev.streamflow.pm.money;

/**
 * A price as the wire carries it (protobuf {@code PriceInfo}): {@code pricePerUnit} wei per
 * {@code pixelsPerUnit} pixels, plus the AI/BYOC capability and constraint it applies to. Kept
 * verbatim so it can be echoed back unchanged as {@code Payment.expected_price}.
 */
public record PriceInfo(long pricePerUnit, long pixelsPerUnit, int capability, String constraint) {
    public PriceInfo {
        constraint = constraint == null ? "" : constraint;
    }

    public static PriceInfo of(long pricePerUnit, long pixelsPerUnit) {
        return new PriceInfo(pricePerUnit, pixelsPerUnit, 0, "");
    }

    public static PriceInfo of(Fraction weiPerPixel) {
        return of(weiPerPixel.numerator().longValueExact(), weiPerPixel.denominator().longValueExact());
    }

    /** True when this can be a price at all: pixelsPerUnit ≠ 0 and neither part negative. */
    public boolean isValid() {
        return pixelsPerUnit > 0 && pricePerUnit >= 0;
    }

    /** Wei per pixel, exact. Throws when {@link #isValid()} is false. */
    public Fraction weiPerPixel() {
        if (!isValid()) {
            throw new IllegalArgumentException("invalid price " + pricePerUnit + "/" + pixelsPerUnit
                    + " (pixelsPerUnit must be > 0, pricePerUnit ≥ 0)");
        }
        return Fraction.of(pricePerUnit, pixelsPerUnit);
    }
}
