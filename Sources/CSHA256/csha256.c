// SHA-256 block compression with the x86 SHA extensions (SHA-NI). See include/csha256.h.
//
// The instructions work on the eight state words split over two 128-bit registers:
//   ABEF = lanes 3…0 hold A, B, E, F        CDGH = lanes 3…0 hold C, D, G, H
// `sha256rnds2(cdgh, abef, wk)` runs two rounds using the two low lanes of `wk` (W[t] + K[t]) and
// returns the new ABEF; after two rounds the old ABEF is exactly the new CDGH (C' = A, D' = B,
// G' = E, H' = F), so the two registers simply swap roles between the two calls of each 4-round group.
// `sha256msg1` and `sha256msg2` compute the message schedule four words at a time.
#include "csha256.h"

static const uint32_t k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

const uint32_t *csha256_round_constants(void) { return k; }

#if defined(__x86_64__)

#include <cpuid.h>
#include <immintrin.h>

int csha256_available(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx) || !(ecx & bit_SSE4_1)) return 0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    return (ebx >> 29) & 1; // SHA
}

__attribute__((target("sha,sse4.1")))
void csha256_compress(uint32_t state[8], const uint8_t *data, size_t blocks) {
    // Reverses the bytes of each 32-bit lane: the message words are big-endian.
    const __m128i byteswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);

    // state[0…3] loads as lanes A B C D (lane 0 = A), state[4…7] as E F G H.
    __m128i badc = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[0]), 0xB1); // lanes 0…3: B A D C
    __m128i hgfe = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[4]), 0x1B); // lanes 0…3: H G F E
    __m128i abef = _mm_alignr_epi8(badc, hgfe, 8);      // lanes 0…3: F E B A
    __m128i cdgh = _mm_blend_epi16(hgfe, badc, 0xF0);   // lanes 0…3: H G D C

    for (; blocks > 0; blocks--, data += 64) {
        const __m128i abefBefore = abef, cdghBefore = cdgh;
        // w[g & 3] holds schedule words 4g…4g+3 (lane 0 = the lowest index); a window of four groups
        // is all the schedule recurrence looks back on.
        __m128i w[4];
#pragma clang loop unroll(full)
        for (int g = 0; g < 16; g++) {
            if (g < 4) {
                w[g] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * g)), byteswap);
            } else {
                // W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16] for t = 4g…4g+3:
                // msg1 adds σ0 of the next words to W[t-16…t-13]; alignr picks W[t-7…t-4] out of
                // groups g-2 and g-1; msg2 adds σ1, feeding its own first two results into the last two.
                __m128i sum = _mm_sha256msg1_epu32(w[g & 3], w[(g - 3) & 3]);
                sum = _mm_add_epi32(sum, _mm_alignr_epi8(w[(g - 1) & 3], w[(g - 2) & 3], 4));
                w[g & 3] = _mm_sha256msg2_epu32(sum, w[(g - 1) & 3]);
            }
            __m128i wk = _mm_add_epi32(w[g & 3], _mm_loadu_si128((const __m128i *)&k[4 * g]));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);  // rounds 4g, 4g+1: cdgh now holds ABEF
            wk = _mm_shuffle_epi32(wk, 0x0E);              // lanes 2, 3 down to 0, 1
            abef = _mm_sha256rnds2_epu32(abef, cdgh, wk);  // rounds 4g+2, 4g+3: roles back in place
        }
        abef = _mm_add_epi32(abef, abefBefore);
        cdgh = _mm_add_epi32(cdgh, cdghBefore);
    }

    __m128i abef_ = _mm_shuffle_epi32(abef, 0x1B);            // lanes 0…3: A B E F
    __m128i ghcd = _mm_shuffle_epi32(cdgh, 0xB1);             // lanes 0…3: G H C D
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(abef_, ghcd, 0xF0)); // A B C D
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(ghcd, abef_, 8));    // E F G H
}

#else

int csha256_available(void) { return 0; }

void csha256_compress(uint32_t state[8], const uint8_t *data, size_t blocks) {
    (void)state; (void)data; (void)blocks; // never called: csha256_available() is 0
}

#endif
