import Foundation
import HTTPServer
import Storage

/// The server's own log lines on standard error: `2026-11-21T06:40:00Z info ingest done posts=33`
/// for people, or one JSON object per line when `log_format` is `json`.
struct ServiceLog: Sendable {
    let json: Bool

    func info(_ event: String, _ fields: KeyValuePairs<String, String> = [:]) {
        write("info", event, fields)
    }

    func error(_ event: String, _ fields: KeyValuePairs<String, String> = [:]) {
        write("error", event, fields)
    }

    /// The access-log sink matching this format.
    var accessLog: AccessLogSink {
        json ? AccessLog.jsonLines() : AccessLog.standardError
    }

    private func write(_ level: String, _ event: String, _ fields: KeyValuePairs<String, String>) {
        let time = Date().formatted(.iso8601)
        var line: String
        if json {
            var bytes: [UInt8] = Array("{\"time\":\"\(time)\",\"level\":\"\(level)\",\"event\":".utf8)
            JSONText.append(event, to: &bytes)
            for (key, value) in fields {
                bytes.append(0x2C)
                JSONText.append(key, to: &bytes)
                bytes.append(0x3A)
                JSONText.append(value, to: &bytes)
            }
            bytes.append(0x7D)
            line = String(decoding: bytes, as: UTF8.self)
        } else {
            line = "\(time) \(level) \(event)"
            for (key, value) in fields {
                line += " \(key)=" + (value.contains(" ") || value.isEmpty ? "\"\(value)\"" : value)
            }
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
