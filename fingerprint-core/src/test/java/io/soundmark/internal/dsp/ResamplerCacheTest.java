package io.soundmark.internal.dsp;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The cache of filters stays bounded whatever rates inputs name (found by the WAV fuzz test). */
class ResamplerCacheTest {

    @Test
    void everNewOddRatesDoNotGrowTheCacheWithoutBound() {
        for (int rate = 96001; rate <= 96009; rate += 2) { // about 5 MB of coefficients each
            Resampler.of(rate, 48000);
            assertTrue(Resampler.cachedCoefficients() <= Resampler.CACHED_COEFFICIENTS,
                    Resampler.cachedCoefficients() + " coefficients cached after " + rate + " Hz");
        }
    }

    @Test
    void aCommonPairIsBuiltOnce() {
        assertSame(Resampler.of(44100, 48000), Resampler.of(44100, 48000));
    }
}
