import Glibc

/// Thin wrappers over the socket system calls the server uses, with errno mapped to small enums.
enum SocketIO {
    enum ReceiveResult {
        case received(Int)
        case wouldBlock
        case closed
        case failed
    }

    enum SendResult {
        case sent(Int)
        case wouldBlock
        case failed
    }

    /// One non-blocking recv(2) into `buffer`.
    static func receive(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> ReceiveResult {
        while true {
            let count = recv(fd, buffer.baseAddress, buffer.count, 0)
            if count > 0 { return .received(count) }
            if count == 0 { return .closed }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed
            }
        }
    }

    /// One non-blocking send(2); MSG_NOSIGNAL turns a closed peer into EPIPE instead of SIGPIPE.
    static func send(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> SendResult {
        while true {
            let count = Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
            if count >= 0 { return .sent(count) }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed
            }
        }
    }

    enum DiscardResult {
        /// Nothing more to read for now (or enough read for one turn); the connection is still open.
        case open
        /// The peer closed or reset the connection.
        case ended
    }

    /// Reads and drops whatever input has arrived, at most 1 MiB per call so that one busy sender
    /// cannot hold its worker thread.
    static func discardInput(_ fd: Int32) -> DiscardResult {
        withUnsafeTemporaryAllocation(byteCount: 1 << 16, alignment: 8) { buffer in
            for _ in 0..<16 {
                switch receive(fd, into: buffer) {
                case .received: continue
                case .wouldBlock: return .open
                case .closed, .failed: return .ended
                }
            }
            return .open
        }
    }

    /// Whether input (or the end of it) is waiting to be read, without consuming it.
    static func hasPendingInput(_ fd: Int32) -> Bool {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT)) >= 0
    }

    /// Closes with a FIN rather than a RST: shut down our side, discard input that already arrived
    /// (unread input at close(2) makes Linux reset the connection, which can destroy a response the
    /// client has not read yet), then close.
    static func closeGracefully(_ fd: Int32) {
        shutdown(fd, Int32(SHUT_WR))
        var scratch = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        withUnsafeMutableBytes(of: &scratch) { buffer in
            for _ in 0..<64 {
                guard case .received = receive(fd, into: buffer) else { return }
            }
        }
        close(fd)
    }

    /// setsockopt(2) with an Int32 value.
    @discardableResult
    static func setOption(_ fd: Int32, level: Int32, name: Int32, value: Int32) -> Bool {
        var value = value
        return setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) == 0
    }

    /// `ip:port`, or `[ip]:port` for IPv6.
    static func describe(_ address: UnsafePointer<sockaddr>, length: socklen_t) -> String {
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        var service = [CChar](repeating: 0, count: 32)
        guard getnameinfo(address, length, &host, socklen_t(host.count), &service, socklen_t(service.count),
                          NI_NUMERICHOST | NI_NUMERICSERV) == 0 else { return "unknown" }
        let hostText = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let serviceText = String(decoding: service.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return address.pointee.sa_family == sa_family_t(AF_INET6)
            ? "[\(hostText)]:\(serviceText)" : "\(hostText):\(serviceText)"
    }
}
