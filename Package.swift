// swift-tools-version:6.0
import PackageDescription

/// The library's layer targets, bottom first (see docs/ARCHITECTURE.md).
let layers: [Target.Dependency] = [
    "CulpritModel", "CulpritIngest", "CulpritExtract", "CulpritCorrelate", "CulpritRender",
    "CulpritOutput", "CulpritRun", "CulpritWatch",
]

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
        // The layers, in data-path order: each depends only on those before it,
        // so a reach-back from one layer into a later one does not compile.
        .target(name: "CulpritModel"),
        .target(name: "CulpritIngest", dependencies: ["CZlib"]),
        .target(
            name: "CulpritExtract",
            dependencies: ["CulpritModel", "CulpritIngest", "CPCRE2", "Yams"],
            plugins: ["EmbedPatterns"]
        ),
        .target(name: "CulpritCorrelate", dependencies: ["CulpritModel", "CulpritIngest", "CulpritExtract", "Yams"]),
        .target(name: "CulpritRender", dependencies: ["CulpritModel", "CulpritCorrelate"]),
        .target(name: "CulpritOutput", dependencies: ["CulpritRender"]),
        .target(name: "CulpritRun", dependencies: ["CulpritModel", "CulpritIngest", "CulpritExtract", "CulpritCorrelate"]),
        .target(
            name: "CulpritWatch",
            dependencies: ["CulpritModel", "CulpritIngest", "CulpritExtract", "CulpritCorrelate", "CulpritRender"]
        ),
        // Events into and aggregates out of ClickHouse (`--sink`, `--source`).
        .target(
            name: "CulpritClickHouse",
            dependencies: [
                "CulpritModel", "CulpritIngest", "CulpritCorrelate",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Every layer under one import, for library users.
        .target(name: "CulpritCore", dependencies: layers),
        .target(
            name: "CulpritMetrics",
            dependencies: [
                "CulpritModel",
                "CulpritWatch",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "culprit",
            dependencies: layers + [
                "CulpritMetrics",
                "CulpritClickHouse",
                "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "loggen",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "CulpritCoreTests", dependencies: layers + ["CulpritClickHouse"]),
        .testTarget(name: "EndToEndTests", dependencies: layers + ["CZlib", "CulpritClickHouse"]),
    ],
    swiftLanguageModes: [.v6]
)
