import Glibc

/// The listening socket. Bound and listening after `init`; every worker thread polls it and
/// accepts from it (non-blocking, so the threads that lose a race just see EAGAIN).
final class Listener: Sendable {
    let fd: Int32
    /// The bound port (the kernel's choice when the configuration asked for 0).
    let port: Int

    enum AcceptResult {
        case connection(Int32, remoteAddress: String)
        case wouldBlock
        /// Out of file descriptors or memory: stop accepting for a moment instead of spinning.
        case exhausted
    }

    /// Resolves `host`, then binds with SO_REUSEADDR (and dual-stack for IPv6) and listens.
    init(host: String, port: Int, backlog: Int) throws(HTTPServerError) {
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var results: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &results)
        guard status == 0, let first = results else {
            throw .cannotResolve(host: host, reason: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(results) }

        var failure = HTTPServerError.cannotResolve(host: host, reason: "no usable address")
        var listening: Int32?
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while listening == nil, let info = candidate {
            candidate = info.pointee.ai_next
            do {
                listening = try Self.bindAndListen(info.pointee, host: host, port: port, backlog: backlog)
            } catch {
                failure = error
            }
        }
        guard let listening else { throw failure }
        fd = listening
        self.port = Self.boundPort(of: listening)
    }

    private static func bindAndListen(_ info: addrinfo, host: String, port: Int,
                                      backlog: Int) throws(HTTPServerError) -> Int32 {
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let fd = socket(info.ai_family, type, info.ai_protocol)
        guard fd >= 0 else { throw .systemCall("socket", errno: errno) }
        SocketIO.setOption(fd, level: SOL_SOCKET, name: SO_REUSEADDR, value: 1)
        if info.ai_family == AF_INET6 {
            SocketIO.setOption(fd, level: Int32(IPPROTO_IPV6), name: IPV6_V6ONLY, value: 0)
        }
        guard bind(fd, info.ai_addr, info.ai_addrlen) == 0 else {
            let code = errno
            Glibc.close(fd)
            switch code {
            case EADDRINUSE: throw .addressInUse(host: host, port: port)
            case EACCES: throw .permissionDenied(host: host, port: port)
            default: throw .systemCall("bind", errno: code)
            }
        }
        guard listen(fd, Int32(clamping: backlog)) == 0 else {
            let code = errno
            Glibc.close(fd)
            throw .systemCall("listen", errno: code)
        }
        return fd
    }

    private static func boundPort(of fd: Int32) -> Int {
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard status == 0 else { return 0 }
        let family = address.ss_family
        return withUnsafePointer(to: &address) { pointer in
            if family == sa_family_t(AF_INET6) {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
        }
    }

    /// Accepts one pending connection as a non-blocking, close-on-exec socket with TCP_NODELAY.
    /// (Glibc's Swift module does not declare accept4, hence the fcntl calls.)
    func accept() -> AcceptResult {
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        while true {
            let client = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.accept(fd, $0, &length) }
            }
            if client >= 0 {
                _ = fcntl(client, F_SETFL, O_NONBLOCK)
                _ = fcntl(client, F_SETFD, FD_CLOEXEC)
                SocketIO.setOption(client, level: Int32(IPPROTO_TCP), name: TCP_NODELAY, value: 1)
                let remote = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { SocketIO.describe($0, length: length) }
                }
                return .connection(client, remoteAddress: remote)
            }
            switch errno {
            case EINTR, ECONNABORTED, EPROTO: continue
            case EMFILE, ENFILE, ENOBUFS, ENOMEM: return .exhausted
            default: return .wouldBlock
            }
        }
    }

    /// Stops accepting at once: the socket leaves the LISTEN state, so new connections are refused,
    /// while the descriptor stays valid for threads that may still be polling it.
    func stopAccepting() {
        shutdown(fd, Int32(SHUT_RDWR))
    }

    /// Releases the descriptor; only once no worker thread can touch it any more.
    func close() {
        Glibc.close(fd)
    }
}
