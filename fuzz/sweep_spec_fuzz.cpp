// libFuzzer target: the sweep spec loader, then what `afdsim sweep` does with a loaded spec before
// it starts a simulation: expand points (mixed-radix arithmetic over the axes), fingerprint the
// sweep, and settle a few points (load the base scenario with the point's sets, apply the
// filters). Any outcome but a spec or an InputError is a finding, and so is an expansion that
// breaks the loader's promises (a point count over the limit, a value not on its axis, a point
// without one set per swept key). Relative bases resolve against tests/bad_sweeps/, the folder of the catalogue seeds.
#include "sim/config/scenario_loader.hpp"
#include "sim/sweep/sweep_files.hpp"
#include "sim/sweep/sweep_filters.hpp"
#include "sim/sweep/sweep_points.hpp"
#include "sim/sweep/sweep_spec.hpp"
#include "sim/util/errors.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

const std::string kBaseDir = AFDSIM_SOURCE_DIR "/tests/bad_sweeps";

// The CLI expands every point (at most kMaxSweepPoints); each input here expands the first and
// last points of every grid, where the digits of the mixed radix are smallest and largest.
constexpr size_t kPointsPerGridEnd = 32;
// Loading a point's scenario costs about as much as loading the spec; a few per input.
constexpr size_t kPointsSettled = 4;

[[noreturn]] void finding(const std::string& what)
{
  std::fprintf(stderr, "%s\n", what.c_str());
  std::abort();
}

void check_point(const afdsim::SweepSpec& spec, const std::vector<std::string>& keys, const afdsim::SweepPoint& point,
                 size_t grid_index)
{
  const afdsim::SweepGrid& grid = spec.grids[grid_index];
  if (point.grid != grid.name || point.values.size() != keys.size())
    finding("point " + point.id + " has the wrong grid or number of values");
  size_t axis_keys = 0;
  for (const auto& axis : grid.axes) {
    for (const auto& key : axis.keys) {
      ++axis_keys;
      size_t column = 0;
      while (column < keys.size() && keys[column] != key.key)
        ++column;
      bool on_axis = false;
      for (const auto& value : key.values)
        on_axis = on_axis || value == point.values.at(column);
      if (!on_axis)
        finding("point " + point.id + " gives " + key.key + " a value not on its axis: " + point.values.at(column));
    }
  }
  if (point.sets.size() != spec.sets.size() + grid.sets.size() + axis_keys)
    finding("point " + point.id + " has " + std::to_string(point.sets.size()) + " sets");
}

void settle(const afdsim::SweepSpec& spec, const afdsim::SweepPoint& point)
{
  try {
    const afdsim::Scenario scenario = afdsim::load_scenario(spec.resolved_base_file, point.sets);
    (void)afdsim::skip_reason(spec.filters, scenario);
  } catch (const afdsim::InputError&) {
    // A point the loader or a filter refuses is a failed point of the sweep, not a crash.
  }
}

void expand(const afdsim::SweepSpec& spec)
{
  const size_t count = afdsim::point_count(spec);
  if (count < 1 || count > afdsim::kMaxSweepPoints)
    finding("loaded a spec of " + std::to_string(count) + " points");
  const std::vector<std::string> keys = afdsim::parameter_keys(spec);
  size_t settled = 0;
  size_t first = 0;
  for (size_t g = 0; g < spec.grids.size(); ++g) {
    const size_t size = spec.grids[g].size();
    for (size_t local = 0; local < size; ++local) {
      if (local == kPointsPerGridEnd && size > 2 * kPointsPerGridEnd)
        local = size - kPointsPerGridEnd;
      const afdsim::SweepPoint point = afdsim::sweep_point(spec, first + local);
      check_point(spec, keys, point, g);
      if (settled < kPointsSettled && (local == 0 || local + 1 == size)) {
        settle(spec, point);
        ++settled;
      }
    }
    first += size;
  }
  (void)afdsim::sweep_fingerprint(spec);
  (void)afdsim::sweep_manifest(spec, afdsim::Shard{}, false).dump();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  const std::string text(reinterpret_cast<const char*>(data), size);
  afdsim::SweepSpec spec;
  try {
    spec = afdsim::load_sweep_spec_text(text, "fuzz-sweep.yaml", kBaseDir);
  } catch (const afdsim::InputError&) {
    return 0;  // bad input, said so: the expected outcome for most inputs
  }
  expand(spec);
  return 0;
}
