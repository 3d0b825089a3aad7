import CSHA256

/// SHA-256 (FIPS 180-4) of a byte buffer, as lower-case hex.
///
/// Used to identify source files and the corpus as a whole; Foundation on Linux has no digest API
/// and this avoids a crypto package for one function. Whole blocks go through the CPU's SHA
/// instructions where it has them (`CSHA256`), else through the portable compression here.
enum SHA256 {
    /// Whether `hex` compresses with the CPU's SHA instructions on this machine.
    static let hardwareAvailable = csha256_available() != 0

    /// The digest of `data` as 64 lower-case hex digits.
    /// - Parameter portable: use the portable compression even where the CPU has SHA instructions
    ///   (the tests check that both give the same digests).
    static func hex(_ data: [UInt8], portable: Bool = false) -> String {
        let hardware = hardwareAvailable && !portable
        var state: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
        // Whole blocks straight from the input; the rest and the padding (one or two blocks) from a copy.
        let whole = data.count / 64 * 64
        var tail = Array(data[whole...])
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        let bitLength = UInt64(data.count) &* 8
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        state.withUnsafeMutableBufferPointer { state in
            data.withUnsafeBufferPointer { compress(state.baseAddress!, $0.baseAddress, blocks: whole / 64, hardware: hardware) }
            tail.withUnsafeBufferPointer { compress(state.baseAddress!, $0.baseAddress, blocks: $0.count / 64, hardware: hardware) }
        }
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for word in state {
            for shift in stride(from: 28, through: 0, by: -4) { out.append(digits[Int((word >> UInt32(shift)) & 0xF)]) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `blocks` consecutive 64-byte blocks into the state, with the SHA instructions or portably.
    private static func compress(_ state: UnsafeMutablePointer<UInt32>, _ data: UnsafePointer<UInt8>?, blocks: Int,
                                 hardware: Bool) {
        guard blocks > 0, let data else { return }
        if hardware {
            csha256_compress(state, data, blocks)
        } else {
            for block in 0..<blocks { compressPortably(state, data + block * 64) }
        }
    }

    /// One 64-byte block into the state in plain Swift; the message schedule is kept in a 16-word window.
    private static func compressPortably(_ state: UnsafeMutablePointer<UInt32>, _ block: UnsafePointer<UInt8>) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { w in
            for t in 0..<16 {
                let p = block + t * 4
                w[t] = UInt32(p[0]) << 24 | UInt32(p[1]) << 16 | UInt32(p[2]) << 8 | UInt32(p[3])
            }
            var (a, b, c, d, e, f, g, h) = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
            let k = csha256_round_constants()!
            for t in 0..<64 {
                let wt: UInt32
                if t < 16 {
                    wt = w[t]
                } else {
                    let w15 = w[(t - 15) & 15], w2 = w[(t - 2) & 15]
                    let s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >> 3)
                    let s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >> 10)
                    wt = w[t & 15] &+ s0 &+ w[(t - 7) & 15] &+ s1
                    w[t & 15] = wt
                }
                let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                let ch = (e & f) ^ (~e & g)
                let t1 = h &+ s1 &+ ch &+ k[t] &+ wt
                let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                let maj = (a & b) ^ (a & c) ^ (b & c)
                (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ s0 &+ maj)
            }
            state[0] &+= a; state[1] &+= b; state[2] &+= c; state[3] &+= d
            state[4] &+= e; state[5] &+= f; state[6] &+= g; state[7] &+= h
        }
    }

    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
}
