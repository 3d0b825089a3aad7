import Glibc
import HTTPServer
import XCTest

/// Timeouts, connection limits, shutdown, handler replacement and bind errors.
final class LifecycleTests: XCTestCase {
    func testSlowClientGets408AndIsDisconnected() throws {
        let server = try startServer { $0.headerTimeout = 0.5 }
        let client = try RawClient(port: server.port)
        let started = Date()
        client.send("GET /hello HTTP/1.1\r\nHost: x\r\n")  // never finishes the head
        let response = try client.readResponse()
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.45)
        XCTAssertEqual(response.status, 408)
        XCTAssertEqual(response.header("Content-Type"), "application/problem+json")
        XCTAssertEqual(response.header("Connection"), "close")
        XCTAssertTrue(client.isClosedByServer())
    }

    func testTricklingBytesDoesNotExtendTheHeaderTimeout() throws {
        let server = try startServer { $0.headerTimeout = 0.5 }
        let client = try RawClient(port: server.port)
        client.send("GET /hello HTTP/1.1\r\n")
        for _ in 0..<4 {
            usleep(200_000)
            client.send("X: y\r\n")
        }
        XCTAssertEqual(try client.readResponse().status, 408)
    }

    func testIdleKeepAliveConnectionIsClosedSilently() throws {
        let server = try startServer { $0.keepAliveTimeout = 0.3 }
        let client = try RawClient(port: server.port)
        client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 200)
        XCTAssertEqual(client.readToEnd(), [], "no 408 after a completed request")
    }

    func testStalledReaderIsDisconnectedAfterWriteTimeout() throws {
        let huge = [UInt8](repeating: 0x61, count: 32 << 20)
        let server = try startServer({ $0.writeTimeout = 0.3 }, handler: { _ in
            Response(headers: ["Content-Type": "application/octet-stream"], body: huge)
        })
        let client = try RawClient(port: server.port)
        client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")  // and never read
        var open = server.openConnections
        for _ in 0..<100 where open > 0 {
            usleep(20_000)
            open = server.openConnections
        }
        XCTAssertEqual(open, 0)
    }

    func testConnectionsOverTheLimitGet503() throws {
        let server = try startServer { $0.maxConnections = 1 }
        let first = try RawClient(port: server.port)
        first.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(try first.readResponse().status, 200)

        let second = try RawClient(port: server.port)
        let refused = try second.readResponse()
        XCTAssertEqual(refused.status, 503)
        XCTAssertEqual(refused.header("Connection"), "close")
        XCTAssertEqual(refused.json?["status"] as? Int, 503)
        XCTAssertTrue(second.isClosedByServer())

        // The first connection still works, and its slot is reusable once it is gone.
        first.send("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        XCTAssertEqual(try first.readResponse().status, 200)
        var status = 0
        for _ in 0..<50 where status != 200 {
            let third = try RawClient(port: server.port)
            third.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
            status = try third.readResponse().status
            if status != 200 { usleep(20_000) }
        }
        XCTAssertEqual(status, 200)
    }

    func testGracefulShutdownFinishesInFlightRequest() throws {
        let handlerStarted = DispatchSemaphore(value: 0)
        let server = try startServer(handler: { request in
            if request.path == "/slow" { handlerStarted.signal() }
            return TestHandlers.standard(request)
        })
        let idle = try RawClient(port: server.port)
        idle.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(try idle.readResponse().status, 200)

        let busy = try RawClient(port: server.port)
        busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(handlerStarted.wait(timeout: .now() + 5), .success)
        server.shutdown(gracePeriod: 5)  // the handler is sleeping for 300 ms

        let response = try busy.readResponse()
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.text, "slow done")
        XCTAssertEqual(response.header("Connection"), "close")
        XCTAssertTrue(busy.isClosedByServer())
        XCTAssertTrue(idle.isClosedByServer(), "idle keep-alive connections are closed")
        XCTAssertThrowsError(try RawClient(port: server.port)) { error in
            XCTAssertEqual(error as? RawClient.ClientError, .connect(ECONNREFUSED))
        }
        XCTAssertEqual(server.openConnections, 0)
    }

    func testReplaceHandlerSwitchesAtomically() throws {
        let server = try startServer(handler: { _ in .text("one") })
        let client = try RawClient(port: server.port)
        client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(try client.readResponse().text, "one")
        server.replaceHandler { _ in .text("two") }
        client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(try client.readResponse().text, "two")
    }

    /// Once shut down and released, a server and everything it owns is freed: worker threads hold
    /// only what they need, never the server itself.
    func testServerIsFreedAfterShutdown() throws {
        weak var released: HTTPServer?
        do {
            let server = HTTPServer(configuration: ServerConfiguration(port: 0, workerThreads: 2, accessLog: nil),
                                    handler: TestHandlers.standard)
            try server.start()
            released = server
            XCTAssertEqual(try fetch(server, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n").text, "hello world")
            server.shutdown(gracePeriod: 1)
        }
        XCTAssertNil(released)
    }

    func testPortInUseIsAClearError() throws {
        let first = try startServer()
        let second = HTTPServer(configuration: ServerConfiguration(port: first.port, accessLog: nil)) { _ in .text("") }
        XCTAssertThrowsError(try second.start()) { error in
            XCTAssertEqual(error as? HTTPServerError, .addressInUse(host: "127.0.0.1", port: first.port))
            XCTAssertTrue("\(error)".hasPrefix("port \(first.port) is in use"), "\(error)")
        }
        XCTAssertThrowsError(try first.start()) { error in
            XCTAssertEqual(error as? HTTPServerError, .alreadyStarted)
        }
    }

    func testSignalHandlersReceiveSignals() throws {
        let received = expectation(description: "SIGUSR2 delivered")
        received.assertForOverFulfill = false
        let sources = HTTPServer.installSignalHandlers([SIGUSR2]) { signal in
            if signal == SIGUSR2 { received.fulfill() }
        }
        // libdispatch registers signal sources asynchronously; until then the signal is ignored,
        // so keep sending until one is delivered.
        let sender = DispatchSource.makeTimerSource()
        sender.schedule(deadline: .now(), repeating: .milliseconds(50))
        sender.setEventHandler { kill(getpid(), SIGUSR2) }
        sender.resume()
        wait(for: [received], timeout: 5)
        sender.cancel()
        sources.forEach { $0.cancel() }
    }
}
