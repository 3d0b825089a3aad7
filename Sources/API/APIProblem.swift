import HTTPServer

/// A client mistake found while answering a request: becomes an RFC 9457 problem response.
struct APIProblem: Error {
    let status: HTTPStatus
    let detail: String

    static func badRequest(_ detail: String) -> APIProblem { APIProblem(status: .badRequest, detail: detail) }
    static func notFound(_ detail: String) -> APIProblem { APIProblem(status: .notFound, detail: detail) }

    var response: Response { .problem(status: status, detail: detail) }
}
