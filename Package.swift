// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "culprit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "culprit", targets: ["culprit"]),
        .library(name: "CulpritCore", targets: ["CulpritCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.60.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .systemLibrary(name: "CMalloc"),
        .executableTarget(
            name: "PatternEmbedder",
            path: "Sources/PatternEmbedder"
        ),
        .plugin(
            name: "EmbedPatterns",
            capability: .buildTool(),
            dependencies: ["PatternEmbedder"]
        ),
        .target(
            name: "CulpritCore",
            dependencies: ["CPCRE2", "CZlib", "Yams"],
            plugins: ["EmbedPatterns"]
        ),
        .target(
            name: "CulpritMetrics",
            dependencies: [
                "CulpritCore",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "culprit",
            dependencies: [
                "CulpritCore",
                "CulpritMetrics",
                "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "loggen",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "CulpritCoreTests", dependencies: ["CulpritCore"]),
        .testTarget(name: "EndToEndTests", dependencies: ["CulpritCore", "CZlib"]),
    ],
    swiftLanguageModes: [.v6]
)
