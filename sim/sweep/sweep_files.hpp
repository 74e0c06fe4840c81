#pragma once
// The files of a sweep's output folder besides the points' own (docs/sweep.md):
//   results.csv     one row per point (results_csv.hpp)
//   sweep.json      the manifest: spec, base, parameter keys, point count, shard, a fingerprint of
//                   the points (merge checks that slices come from the same sweep)
//   wall_times.csv  wall-clock seconds per point: kept out of results.csv, which must not vary
//   points/<id>/    one folder per simulated point: what `afdsim run --out` writes, stdout.txt,
//                   stderr.txt and command.txt
#include "sim/sweep/results_csv.hpp"
#include "sim/sweep/sweep_points.hpp"
#include "sim/sweep/sweep_spec.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace afdsim {

// Writes `text` to a temporary file beside `path` and renames it into place: readers never see a
// half-written file.
void write_text_atomically(const std::filesystem::path& path, const std::string& text);

// Whole file; InputError naming the file when it cannot be read.
std::string read_text_file(const std::filesystem::path& path, const std::string& what);

// Hash of everything that defines the points (base scenario bytes, sets, keys and values).
std::string sweep_fingerprint(const SweepSpec& spec);

nlohmann::json sweep_manifest(const SweepSpec& spec, const Shard& shard, bool analytic);

// One line per point of `rows` (in their order) under results_header.
std::string results_text(const std::vector<std::string>& parameter_keys, const std::vector<ResultRow>& rows);

struct WallTime {
  size_t index = 0;
  std::string id;
  std::string status;
  std::string run_wall_s;         // this invocation's process wall time; empty if not run now
  std::string run_cpu_s;          // ... and its CPU time (user + system)
  std::string simulation_wall_s;  // report.json's simulation.wall_s; empty without a report
};
std::string wall_times_text(const std::vector<WallTime>& rows);
constexpr const char* kWallTimesHeader = "point,id,status,run_wall_s,run_cpu_s,simulation_wall_s";

} // namespace afdsim
