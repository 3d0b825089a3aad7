import API
import ArgumentParser

/// `dateline openapi`: prints the OpenAPI document `GET /openapi.json` serves, for validators and
/// client generators that run without a server.
struct OpenAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi", abstract: "Print the OpenAPI 3.1 document of the API.")

    func run() {
        print(ArchiveAPI.openAPIDocument)
    }
}
