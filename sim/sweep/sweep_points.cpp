#include "sim/sweep/sweep_points.hpp"

#include "sim/config/number_text.hpp"
#include "sim/util/errors.hpp"
#include "sim/util/fnv_hash.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace afdsim {

SweepPoint sweep_point(const SweepSpec& spec, size_t index)
{
  if (index >= point_count(spec))
    throw std::out_of_range("sweep point " + std::to_string(index) + " of " + std::to_string(point_count(spec)));
  size_t local = index;
  size_t g = 0;
  while (local >= spec.grids[g].size())
    local -= spec.grids[g++].size();
  const SweepGrid& grid = spec.grids[g];
  const std::vector<std::string> keys = parameter_keys(spec);

  SweepPoint point;
  point.index = index;
  point.grid = grid.name;
  point.values.resize(keys.size());  // keys of other grids stay empty
  point.sets = spec.sets;
  point.sets.insert(point.sets.end(), grid.sets.begin(), grid.sets.end());
  // Mixed radix, the last axis the fastest digit.
  std::vector<size_t> digit(grid.axes.size());
  for (size_t a = grid.axes.size(); a-- > 0;) {
    digit[a] = local % grid.axes[a].size();
    local /= grid.axes[a].size();
  }
  for (size_t a = 0; a < grid.axes.size(); ++a) {
    for (const auto& key : grid.axes[a].keys) {
      const auto column = static_cast<size_t>(std::find(keys.begin(), keys.end(), key.key) - keys.begin());
      point.values[column] = key.values[digit[a]];
      point.sets.push_back(key.key + "=" + key.values[digit[a]]);
    }
  }
  uint64_t hash = fnv1a_64(std::to_string(spec.base_hash));
  for (const auto& set : point.sets)
    hash = fnv1a_64(set + "\n", hash);
  char id[48];
  std::snprintf(id, sizeof id, "p%05zu-%08llx", index, static_cast<unsigned long long>(hash & 0xffffffffULL));
  point.id = id;
  return point;
}

Shard parse_shard(const std::string& text)
{
  const std::string expected = "must be i/N: this run's slice i (0 <= i < N) of N, e.g. 0/4";
  const size_t slash = text.find('/');
  if (slash == std::string::npos)
    throw InputError("--shard", text, expected);
  const auto index = parse_int64(text.substr(0, slash));
  const auto count = parse_int64(text.substr(slash + 1));
  if (!index || !count || *count < 1 || *count > 100000 || *index < 0 || *index >= *count)
    throw InputError("--shard", text, expected);
  return Shard{static_cast<size_t>(*index), static_cast<size_t>(*count)};
}

bool in_shard(size_t point_index, const Shard& shard) { return point_index % shard.count == shard.index; }

} // namespace afdsim
