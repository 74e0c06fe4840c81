#pragma once
// `afdsim merge`: joins the output folders of `afdsim sweep --shard i/N` runs into one folder whose
// results.csv is byte for byte the one an unsharded run writes (rows sorted by point index).
// Checks that every folder comes from the same sweep (sweep.json fingerprint) and that together
// they hold every point exactly once; copies the points' folders and merges wall_times.csv.
#include <string>
#include <vector>

namespace afdsim {

struct MergeOptions {
  std::vector<std::string> dirs;  // sweep output folders (shards)
  std::string out_dir;            // may be one of them
};

struct MergeSummary {
  std::string name;
  size_t points = 0;
  size_t folders = 0;
  std::string results_file;
};

// Throws InputError (nothing written) when a folder is not a sweep's output, comes from another
// sweep, or the folders miss or repeat points.
MergeSummary merge_sweeps(const MergeOptions& options);

} // namespace afdsim
