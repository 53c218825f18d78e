// Benchmarks are registered by name; each prints rows, wall time and peak memory.
using AllianceResearch.Bench;

return BenchRegistry.Run(args);
