import Foundation
import PackagePlugin

/// Embeds the built-in `patterns/*.yaml` packs into the target as Swift source,
/// so a copied `culprit` binary carries its pattern set with it.
@main
struct EmbedPatterns: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let patternsDirectory = context.package.directoryURL.appending(path: "patterns")
        let packFiles = try FileManager.default
            .contentsOfDirectory(at: patternsDirectory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" || $0.pathExtension == "yml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedPatternPacks.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(packFiles.count) pattern packs",
                executable: try context.tool(named: "PatternEmbedder").url,
                arguments: [output.path] + packFiles.map(\.path),
                inputFiles: packFiles,
                outputFiles: [output]
            )
        ]
    }
}
