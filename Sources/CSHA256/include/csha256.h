// SHA-256 block compression with the x86 SHA extensions, for the Ingest target's `SHA256`.
//
// Only the compression of whole 64-byte blocks lives here; padding, the initial state and the hex
// output stay in Swift, which also keeps a portable compression for CPUs without the extensions.
#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// The 64 round constants K of FIPS 180-4 §4.2.2 (shared with the portable Swift compression).
const uint32_t *csha256_round_constants(void);

/// 1 when this CPU has the SHA extensions (CPUID leaf 7, EBX bit 29) and SSE4.1; always 0 when not
/// built for x86_64.
int csha256_available(void);

/// Compresses `blocks` consecutive 64-byte blocks at `data` into `state` (the eight words a…h of
/// FIPS 180-4). Call only when `csha256_available()` returned 1.
void csha256_compress(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
