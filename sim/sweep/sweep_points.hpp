#pragma once
// The points of a sweep: the product of each grid's axes in order (the first axis varies slowest), grid after grid, each
// with a deterministic id, and the slices `--shard i/N` selects.
#include "sim/sweep/sweep_spec.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace afdsim {

struct SweepPoint {
  size_t index = 0;                 // 0 .. point_count - 1: the row order of results.csv
  std::string id;                   // "p00012-3f2a9c1d": index + hash of the base scenario and sets
  std::string grid;                 // its grid's name ("" for a spec with top-level axes)
  std::vector<std::string> values;  // one per parameter key (parameter_keys), as --set takes it; "" if
                                    // its grid does not sweep the key
  std::vector<std::string> sets;    // spec.sets, the grid's sets, then KEY=VALUE per swept key: what
                                    // `afdsim run` gets
};

// Throws std::out_of_range when index >= point_count(spec).
SweepPoint sweep_point(const SweepSpec& spec, size_t index);

// A deterministic slice: point i belongs to shard (i mod count). Round robin spreads every axis
// over the shards, so slices take about the same time.
struct Shard {
  size_t index = 0;
  size_t count = 1;
  std::string text() const { return std::to_string(index) + "/" + std::to_string(count); }
};

// "i/N" with 0 <= i < N <= 100000; InputError on --shard otherwise.
Shard parse_shard(const std::string& text);
bool in_shard(size_t point_index, const Shard& shard);

} // namespace afdsim
