// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Dateline",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dateline", targets: ["dateline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        .target(name: "CSHA256"),
        .target(name: "Extraction"),
        .target(name: "Storage", dependencies: ["CSQLite"]),
        .target(name: "ZlibCodec", dependencies: ["CZlib"]),
        .target(name: "Ingest", dependencies: ["Extraction", "Storage", "ZlibCodec", "CSHA256", "CMalloc"]),
        .target(name: "HTTPServer", dependencies: ["ZlibCodec"]),
        .target(name: "API", dependencies: ["Storage", "HTTPServer", "Extraction", "ZlibCodec"]),
        .executableTarget(name: "dateline", dependencies: [
            "Ingest", "Storage", "API", "HTTPServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .target(name: "TestHelpers", path: "Tests/TestHelpers"),
        .testTarget(name: "ExtractionTests", dependencies: ["Extraction"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "Storage", "Extraction", "ZlibCodec", "TestHelpers"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "ZlibCodec", "TestHelpers"]),
        .testTarget(name: "APITests", dependencies: ["API", "HTTPServer", "Ingest", "Storage", "ZlibCodec", "TestHelpers"]),
        .testTarget(name: "DatelineTests", dependencies: ["dateline", "TestHelpers"]),
    ]
)
