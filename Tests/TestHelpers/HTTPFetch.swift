import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP request through URLSession — a client that is not the server's own code — for
/// end-to-end tests against a server on a loopback port.
public enum HTTPFetch {
    /// A response: status, header fields with lower-cased names, and the (decoded) body.
    public struct Reply {
        public let status: Int
        public let headers: [String: String]
        public let body: Data
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Sends `method` for `path` (a request-target such as `/api/posts?limit=2`) to 127.0.0.1:`port`.
    public static func request(port: Int, _ path: String, method: String = "GET",
                               headers: [String: String] = [:]) throws -> Reply {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { throw Failure(description: "not a URL: \(path)") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = 10
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: (Data?, URLResponse?, Error?)
        URLSession.shared.dataTask(with: request) { data, response, error in
            result = (data, response, error)
            done.signal()
        }.resume()
        done.wait()
        if let error = result.2 { throw error }
        guard let response = result.1 as? HTTPURLResponse else { throw Failure(description: "no HTTP response for \(path)") }
        var fields: [String: String] = [:]
        for (name, value) in response.allHeaderFields { fields[String(describing: name).lowercased()] = String(describing: value) }
        return Reply(status: response.statusCode, headers: fields, body: result.0 ?? Data())
    }
}
