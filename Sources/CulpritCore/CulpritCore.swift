// CulpritCore: the whole library under one import. Each layer is its own
// module (docs/ARCHITECTURE.md); importing this one imports them all, so code
// written against the single-module library keeps compiling.
@_exported import CulpritModel
@_exported import CulpritIngest
@_exported import CulpritExtract
@_exported import CulpritCorrelate
@_exported import CulpritRender
@_exported import CulpritOutput
@_exported import CulpritRun
@_exported import CulpritWatch
