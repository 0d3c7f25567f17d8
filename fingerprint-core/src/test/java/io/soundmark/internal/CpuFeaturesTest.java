package io.soundmark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CpuFeaturesTest {

    static final String SAPPHIRE_RAPIDS = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) Platinum 8488C\n"
            + "flags\t\t: fpu sse sse2 avx avx2 fma avx512f avx512_vnni avx512_bf16 amx_bf16 amx_tile amx_int8\n\n"
            + "processor\t: 1\nflags\t\t: fpu\n";
    static final String SKYLAKE = "model name\t: Intel(R) Xeon(R) CPU @ 2.00GHz\nflags\t\t: fpu avx avx2 fma avx512f avx512_vnni\n";
    static final String GRAVITON3 = "processor\t: 0\nBogoMIPS\t: 2100.00\nFeatures\t: fp asimd sve sve2 bf16 i8mm\nCPU implementer\t: 0x41\n";

    @AfterEach
    void clearOverride() {
        System.clearProperty(CpuFeatures.BF16_PROPERTY);
    }

    @Test
    void amxOrAvx512Bf16OrArmBf16MeanNativeBf16() {
        assertTrue(CpuFeatures.parse(SAPPHIRE_RAPIDS).nativeBf16());
        assertTrue(CpuFeatures.parse(GRAVITON3).nativeBf16());
        assertFalse(CpuFeatures.parse(SKYLAKE).nativeBf16());
        assertFalse(CpuFeatures.parse("").nativeBf16(), "nothing reported, nothing assumed");
    }

    @Test
    void theModelNameAndTheFlagsThatMatterForInferenceAreReported() {
        CpuFeatures cpu = CpuFeatures.parse(SAPPHIRE_RAPIDS);
        assertEquals("Intel(R) Xeon(R) Platinum 8488C", cpu.model());
        assertEquals(Set.of("avx2", "fma", "avx512f", "avx512_vnni", "avx512_bf16", "amx_tile", "amx_bf16", "amx_int8"),
                cpu.inferenceFlags());
        assertEquals(Set.of("asimd", "sve", "sve2", "bf16", "i8mm"), CpuFeatures.parse(GRAVITON3).inferenceFlags());
    }

    @Test
    void theSystemPropertyOverridesDetectionEitherWay() {
        System.setProperty(CpuFeatures.BF16_PROPERTY, "false");
        assertFalse(CpuFeatures.parse(SAPPHIRE_RAPIDS).nativeBf16());
        System.setProperty(CpuFeatures.BF16_PROPERTY, "true");
        assertTrue(CpuFeatures.parse(SKYLAKE).nativeBf16());
    }
}
